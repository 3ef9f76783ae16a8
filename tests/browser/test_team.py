"""An organisation's team in real browsers, at 360 px: Oscar, its admin, invites Carla as a
coordinator; Carla signs in from the link, accepts, sets up her second factor and finds the
groups the organisation accompanies; the public directory lists the organisation."""

from typing import Any

import pytest
from django.core import mail

from conftest import PASSWORD
from entraide.audit.models import AuditEvent
from entraide.organisations.models import Organisation, OrganisationRole
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import (
    click,
    current_code,
    link_in_last_mail_to,
    main,
    person,
    status,
    with_authenticator,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def oscar_secret(organisation: Organisation) -> str:
    """Oscar administers the organisation, with an authenticator app."""
    return with_authenticator(
        "oscar@example.org", "Oscar", organisation, OrganisationRole.Role.ADMIN
    )


def sign_in(page: Any, email: str) -> None:
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_oscar_invites_carla_who_accepts_and_sets_up_her_second_factor(
    page: Any, tab_for: Any, live_server: Any, organisation: Organisation, oscar_secret: str
) -> None:
    base = live_server.url
    person("carla@example.org", "Carla")

    # Oscar signs in with his second factor and finds the team from "Mon compte".
    page.goto(base + "/compte/login/")
    sign_in(page, "oscar@example.org")
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(oscar_secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()
    page.goto(base + "/compte/")
    click(page, "link", "L'équipe et la page de Centre d'entraide de Nantes")
    assert page.locator("h1").inner_text() == "L'équipe"
    assert "Oscar" in main(page)
    audited(page)
    page.get_by_label("Adresse e-mail").fill("carla@example.org")
    page.get_by_label("Rôle").select_option("coordinator")
    click(page, "button", "Envoyer l'invitation")
    assert "L'invitation est envoyée." in status(page)
    assert "carla@example.org · coordinateur·rice" in main(page)
    audited(page)

    # Carla opens the link, signs in from it, and accepts.
    assert [m.to for m in mail.outbox] == [["carla@example.org"]]
    carla = tab_for()
    carla.goto(link_in_last_mail_to("carla@example.org", base))
    assert carla.locator("h1").inner_text() == "Une invitation dans l'équipe"
    audited(carla)
    click(carla, "link", "Me connecter")
    sign_in(carla, "carla@example.org")
    assert carla.locator("h1").inner_text() == "Une invitation dans l'équipe"
    click(carla, "button", "J'accepte ce rôle")

    # Her new role asks for a second factor before anything else.
    # (allauth asks for the password again before a second factor is added.)
    carla.wait_for_url("**/compte/reauthenticate/?next=%2Fcompte%2F2fa%2Ftotp%2Factivate%2F")
    carla.locator("#id_password").fill(PASSWORD)
    carla.locator("main form button[type=submit]").click()
    carla.wait_for_url("**/compte/2fa/totp/activate/")
    secret = carla.locator("#authenticator_secret").input_value()
    carla.locator("input[name=code]").fill(current_code(secret))
    click(carla, "button", "Activer")
    carla.goto(base + "/compte/")
    click(carla, "link", "Les groupes accompagnés par Centre d'entraide de Nantes")
    assert carla.url.endswith("/organisations/centre-nantes/accompagnement/")
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "team.invited",
        "team.joined",
    ]

    # Anyone finds the organisation in the public directory.
    visitor = tab_for()
    visitor.goto(base + "/organisations/")
    visitor.get_by_label("Près de").fill("44000")
    click(visitor, "button", "Chercher")
    assert "Centre d'entraide de Nantes" in main(visitor)
    audited(visitor)
    click(visitor, "link", "Centre d'entraide de Nantes")
    assert visitor.locator("h1").inner_text() == "Centre d'entraide de Nantes"
    audited(visitor)
