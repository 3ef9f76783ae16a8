"""The organisation's whole programme in one run, in real browsers at 360 px (issue 16): Oscar,
its admin, invites Carla as a coordinator; Alice's group asks for a room, which Carla gives; a
workshop fills up to its waiting list; six members answer the group's review round; Alice
shares her group's health, which Carla opens from her board; and Oscar exports the year's
report as ODS, which a library opens again to find each of these steps counted."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accompaniment.tests.rounds import answer, open_round
from entraide.accounts.models import User
from entraide.health.tests.helpers import meeting
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation
from entraide.reports.tests.test_report import rows_from_ods
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import (
    click,
    current_code,
    link_in_last_mail_to,
    main,
    person,
    status,
)
from tests.browser.test_joining import log_in
from tests.browser.test_team import oscar_secret, sign_in

# A fixture from the team's tests, used here by name.
__all__ = ["oscar_secret"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSHOP = "Animer un tour de parole"


def second_factor(page: Any, secret: str) -> None:
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()


def test_an_organisation_runs_its_programme_from_its_team_to_its_yearly_report(
    page: Any,
    tab_for: Any,
    live_server: Any,
    cast: Cast,
    organisation: Organisation,
    oscar_secret: str,
    tmp_path: Path,
) -> None:
    base = live_server.url
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    person("carla@example.org", "Carla")
    for number in range(4):
        Membership.objects.create(
            user=User.objects.create_user(
                f"m{number}@example.org", PASSWORD, display_name=f"Membre {number}"
            ),
            group=cast.group,
            role=Membership.Role.MEMBER,
            status=Membership.Status.ACTIVE,
            decided_at=timezone.now() - dt.timedelta(days=90),
        )
    for days, present in [(70, 6), (56, 5), (42, 7), (28, 6), (14, 4)]:
        meeting(cast.group, days, present=present, absent=1)

    # Oscar, the admin, invites Carla as a coordinator.
    page.goto(base + "/compte/login/")
    sign_in(page, "oscar@example.org")
    second_factor(page, oscar_secret)
    page.goto(base + "/compte/")
    click(page, "link", "L'équipe et la page de Centre d'entraide de Nantes")
    audited(page)
    page.get_by_label("Adresse e-mail").fill("carla@example.org")
    page.get_by_label("Rôle").select_option("coordinator")
    click(page, "button", "Envoyer l'invitation")
    assert "L'invitation est envoyée." in status(page)

    # Carla accepts from the e-mail and sets up her second factor.
    carla = tab_for()
    carla.goto(link_in_last_mail_to("carla@example.org", base))
    click(carla, "link", "Me connecter")
    sign_in(carla, "carla@example.org")
    click(carla, "button", "J'accepte ce rôle")
    carla.wait_for_url("**/compte/reauthenticate/?next=%2Fcompte%2F2fa%2Ftotp%2Factivate%2F")
    carla.locator("#id_password").fill(PASSWORD)
    carla.locator("main form button[type=submit]").click()
    carla.wait_for_url("**/compte/2fa/totp/activate/")
    secret = carla.locator("#authenticator_secret").input_value()
    carla.locator("input[name=code]").fill(current_code(secret))
    click(carla, "button", "Activer")
    carla.goto(base + "/compte/")
    click(carla, "link", "Les groupes accompagnés par Centre d'entraide de Nantes")
    assert cast.group.name in main(carla)
    audited(carla)

    # Carla lists the room the organisation offers.
    click(carla, "link", "Ce que propose l'organisation")
    carla.get_by_label("Type").select_option("room")
    carla.get_by_label("Intitulé").fill("Salle des Dervallières")
    carla.get_by_label("Nombre de places").fill("14")
    carla.get_by_label("accessible en fauteuil roulant").check()
    click(carla, "button", "Ajouter cette offre")
    assert "Salle des Dervallières" in main(carla)
    audited(carla)

    # Alice's group asks for it from its space, and Carla gives it.
    mail.outbox.clear()
    alice = tab_for()
    log_in(alice, base, "alice@example.org")
    alice.goto(f"{base}/mes-groupes/{cast.group.slug}/")
    click(alice, "link", "Demander un coup de main à Centre d'entraide de Nantes")
    assert "14 places" in main(alice)
    audited(alice)
    alice.get_by_label("Parmi ce que propose l'organisation").select_option(
        label="Salle des Dervallières"
    )
    alice.get_by_label("Précisions").fill("Pour nos rencontres du mardi soir.")
    click(alice, "button", "Envoyer la demande")
    assert [m.to for m in mail.outbox] == [["carla@example.org"]]
    carla.goto(f"{base}/organisations/{organisation.slug}/accompagnement/")
    click(carla, "link", cast.group.name)
    carla.get_by_label("Votre réponse").fill("La salle est réservée pour vous le mardi.")
    carla.get_by_label("Oui, c'est accordé").check()
    click(carla, "button", "Répondre")
    assert "accordée" in main(carla)
    audited(carla)

    # Carla publishes a workshop of one seat for the people of the groups: Alice takes it,
    # Bob waits.
    carla.goto(f"{base}/organisations/{organisation.slug}/ateliers/")
    click(carla, "link", "Publier un atelier")
    carla.get_by_label("Titre").fill(WORKSHOP)
    carla.get_by_label("Ce que l'on y apprend").fill("Laisser chacun parler, et chacun passer.")
    carla.get_by_label("les personnes des groupes de l'organisation").check()
    carla.get_by_label("Date").fill((timezone.localdate() + dt.timedelta(days=14)).isoformat())
    carla.get_by_label("Heure de début").fill("14:00")
    carla.get_by_label("Heure de fin").fill("16:30")
    carla.get_by_label("Lieu", exact=True).fill("Maison des associations")
    carla.get_by_label("Adresse").fill("12 rue des Lilas")
    carla.get_by_label("Ville").fill("Nantes")
    carla.get_by_label("Nombre de places").fill("1")
    click(carla, "button", "Publier l'atelier")
    assert "L'atelier est publié." in status(carla)
    alice.goto(f"{base}/organisations/{organisation.slug}/")
    click(alice, "link", WORKSHOP)
    click(alice, "button", "M'inscrire")
    assert "Vous êtes inscrit·e" in status(alice)
    bob = tab_for()
    log_in(bob, base, "bob@example.org")
    bob.goto(f"{base}/organisations/{organisation.slug}/")
    click(bob, "link", WORKSHOP)
    click(bob, "button", "M'inscrire")
    assert "Vous êtes n° 1 sur la liste d'attente." in main(bob)
    audited(bob)

    # The group's review round: five answered already; Bob, the sixth, answers in his browser.
    review = open_round(cast.group)
    answer(review, cast.alice, 5, 4, "On s'écoute vraiment.")
    for number in range(4):
        answer(review, User.objects.get(email=f"m{number}@example.org"), 4, 4)
    bob.goto(f"{base}/mes-groupes/{cast.group.slug}/")
    click(bob, "link", "Répondre au bilan du groupe")
    bob.get_by_role(
        "group", name="Dans l'ensemble, le groupe vous apporte-t-il ce que vous cherchiez ?"
    ).get_by_label("3", exact=True).check()
    click(bob, "button", "Envoyer mes réponses")
    assert "Vos réponses sont enregistrées, sans votre nom." in status(bob)

    # Alice reads her group's health and shares it; Carla opens it from her board.
    alice.goto(f"{base}/mes-groupes/{cast.group.slug}/")
    click(alice, "link", "La santé du groupe")
    assert (
        alice.get_by_role("table", name="Présences aux rencontres").locator("tbody tr").count() == 5
    )
    click(alice, "button", "Partager avec l'organisation")
    assert "peut voir la santé du groupe" in status(alice)
    audited(alice)
    carla.goto(f"{base}/organisations/{organisation.slug}/accompagnement/")
    click(carla, "link", f"La santé du groupe — {cast.group.name}")
    assert carla.locator("h1").inner_text() == "La santé du groupe"
    audited(carla)

    # Oscar reads the report of the last twelve months and downloads it as ODS.
    page.goto(base + "/compte/")
    click(page, "link", "Le rapport du programme de Centre d'entraide de Nantes")
    page.get_by_label("Période").select_option("12-mois")
    click(page, "button", "Afficher")
    audited(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="tableur ODS (LibreOffice, Excel)").click()
    saved = tmp_path / "rapport.ods"
    download.value.save_as(saved)
    content = saved.read_bytes()
    page.goto(base + "/compte/")
    click(page, "link", "Le journal de Centre d'entraide de Nantes")
    assert "Invitation dans l'équipe envoyée" in main(page)
    audited(page)
    theme = cast.group.themes.get().name
    # Alice, Bob and the four members; Chloé observes. (A sheet's name has no apostrophe.)
    assert rows_from_ods(content, "Les membres actifs")[theme][0] == "6"
    assert rows_from_ods(content, "Les bilans de fonctionnement")[theme][0] == "6"
    assert rows_from_ods(content, "Ce que lorganisation a donné")["une salle"] == ["1", "1"]
