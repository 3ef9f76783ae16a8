"""Raising a concern in real browsers, at 360 px: Bob tells the organisation about a conflict
from his group's space, Sabine, its safeguarding lead, finds it on her board and takes it into
account, and Bob sees the new status on his own page."""

from typing import Any

import pytest
from django.core import mail

from conftest import PASSWORD, Cast
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.safeguarding.models import Concern
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import (
    click,
    current_code,
    link_in_last_mail_to,
    main,
    status,
    with_authenticator,
)
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHAT_HAPPENS = "Depuis deux rencontres, Paul coupe la parole à Jeanne et le ton monte."


@pytest.fixture
def sabine_secret(organisation: Organisation) -> str:
    """Sabine is the organisation's safeguarding lead, with an authenticator app."""
    return with_authenticator(
        "sabine@example.org", "Sabine", organisation, OrganisationRole.Role.SAFEGUARDING_LEAD
    )


def test_bob_raises_a_concern_sabine_acknowledges_it_and_bob_sees_it(
    page: Any,
    tab_for: Any,
    live_server: Any,
    cast: Cast,
    organisation: Organisation,
    sabine_secret: str,
) -> None:
    base = live_server.url
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])

    # Bob opens his group's space and finds the discreet link.
    log_in(page, base, "bob@example.org")
    page.goto(f"{base}/mes-groupes/{cast.group.slug}/")
    click(page, "link", "Signaler une inquiétude")
    assert page.locator("h1").inner_text() == "Signaler une inquiétude"
    assert "Si quelqu'un est en danger maintenant, appelez les secours." in main(page)
    audited(page)

    # First what it is about, then, for a conflict, what the charters suggest.
    page.get_by_label("Un conflit dans le groupe").check()
    click(page, "button", "Continuer")
    assert "Étape 2 sur 2" in main(page)
    assert "Se rappeler mutuellement les engagements partagés" in main(page)
    audited(page)
    page.get_by_label("Je demande une médiation", exact=False).check()
    page.get_by_label("Ce qui se passe").fill(WHAT_HAPPENS)
    click(page, "button", "Envoyer à l'organisation")

    assert "Votre signalement est envoyé à Centre d'entraide de Nantes." in status(page)
    assert page.locator("h1").inner_text() == "Mes signalements"
    assert "Envoyée, pas encore prise en compte" in main(page)
    audited(page)
    concern = Concern.objects.get()
    assert concern.mediation_requested and concern.raised_by == cast.bob

    # Sabine is told by e-mail, without a word of what Bob wrote, and signs in with her
    # second factor.
    assert [m.to for m in mail.outbox] == [["sabine@example.org"]]
    assert "Paul" not in mail.outbox[0].body
    board_url = link_in_last_mail_to("sabine@example.org", base)
    sabine = tab_for()
    sabine.goto(base + "/compte/login/")
    sabine.locator("#id_login").fill("sabine@example.org")
    sabine.locator("#id_password").fill(PASSWORD)
    sabine.locator("main form button[type=submit]").click()
    sabine.wait_for_url("**/compte/2fa/authenticate/")
    sabine.locator("input[name=code]").fill(current_code(sabine_secret))
    sabine.locator("input[name=code]").press("Enter")
    sabine.wait_for_load_state()
    sabine.goto(board_url)
    assert sabine.locator("h1").inner_text() == "Vigilance : les inquiétudes signalées"
    assert "Un conflit dans le groupe · Deuil Nantes" in main(sabine)
    assert "médiation demandée" in main(sabine)
    audited(sabine)

    click(sabine, "link", "Un conflit dans le groupe · Deuil Nantes")
    assert WHAT_HAPPENS in main(sabine)
    assert "Bob" in main(sabine)
    audited(sabine)
    sabine.get_by_label("Un mot pour la personne (facultatif)").fill(
        "Merci de nous avoir écrit. Je vous appelle demain."
    )
    click(sabine, "button", "Prendre en compte")
    assert "L'inquiétude est prise en compte." in status(sabine)
    assert "Prendre en charge la médiation" in main(sabine)
    audited(sabine)

    # Bob sees the new status and Sabine's word on his own page.
    page.reload()
    assert "Prise en compte" in main(page)
    assert "Merci de nous avoir écrit. Je vous appelle demain." in main(page)
    assert "Envoyée, pas encore prise en compte" not in main(page)
    audited(page)
