"""A workshop filled to its waiting list, in real browsers at 360 px: Coralie, a coordinator,
publishes a workshop with 2 seats; Martine, Sami and Jean register, Jean is on the waiting
list; Martine withdraws, and Jean gets her seat and an e-mail."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from entraide.organisations.models import Organisation
from entraide.workshops.models import Registration, Workshop
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import (
    click,
    coralie_secret,
    current_code,
    main,
    person,
    status,
)
from tests.browser.test_joining import log_in

# A fixture from the founding journey's tests, used here by name.
__all__ = ["coralie_secret"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Animer un tour de parole"


def test_a_workshop_fills_up_and_a_withdrawal_gives_the_seat_to_the_first_waiting(
    page: Any, tab_for: Any, live_server: Any, organisation: Organisation, coralie_secret: str
) -> None:
    base = live_server.url
    for email, name in [
        ("martine@example.org", "Martine"),
        ("sami@example.org", "Sami"),
        ("jean@example.org", "Jean"),
    ]:
        person(email, name)

    # Coralie signs in with her second factor and publishes a workshop from "Mon compte".
    log_in(page, base, "coralie@example.org")
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(coralie_secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()
    page.goto(base + "/compte/")
    click(page, "link", "Les ateliers de Centre d'entraide de Nantes")
    assert page.locator("h1").inner_text() == "Les ateliers de l'organisation"
    audited(page)
    click(page, "link", "Publier un atelier")
    audited(page)
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Ce que l'on y apprend").fill("Laisser chacun parler, et chacun passer.")
    page.get_by_label("toute personne qui a un compte").check()
    day = timezone.localdate() + dt.timedelta(days=14)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Heure de début").fill("14:00")
    page.get_by_label("Heure de fin").fill("16:30")
    page.get_by_label("Lieu", exact=True).fill("Maison des associations")
    page.get_by_label("Adresse").fill("12 rue des Lilas")
    page.get_by_label("Ville").fill("Nantes")
    page.get_by_label("Nombre de places").fill("2")
    click(page, "button", "Publier l'atelier")
    assert "L'atelier est publié." in status(page)
    audited(page)
    workshop = Workshop.objects.get()

    # Three people find it on the organisation's page and register.
    tabs = {}
    for email in ("martine@example.org", "sami@example.org", "jean@example.org"):
        tab = tab_for()
        log_in(tab, base, email)
        tab.goto(base + "/organisations/centre-nantes/")
        click(tab, "link", TITLE)
        assert "L'adresse complète est donnée aux personnes inscrites." in main(tab)
        click(tab, "button", "M'inscrire")
        tabs[email] = tab
    jean = tabs["jean@example.org"]
    assert "Vous êtes inscrit·e" in status(tabs["martine@example.org"])
    assert "12 rue des Lilas" in main(tabs["sami@example.org"])
    assert "liste d'attente" in status(jean)
    assert "Vous êtes n° 1 sur la liste d'attente." in main(jean)
    audited(jean)

    # Coralie sees who has a seat and who waits.
    page.reload()
    seats, line = main(page).split("Liste d'attente")
    assert "Martine" in seats and "Sami" in seats and "Jean" not in seats
    assert "Jean" in line
    audited(page)

    # Martine cannot come after all: she withdraws, and Jean gets her seat and an e-mail.
    martine = tabs["martine@example.org"]
    click(martine, "button", "Me désinscrire")
    assert "Vous êtes désinscrit·e" in status(martine)
    audited(martine)
    assert [m.to for m in mail.outbox] == [["jean@example.org"]]
    assert TITLE in mail.outbox[0].subject
    jean.reload()
    assert "Vous êtes inscrit·e : une place vous attend." in main(jean)
    assert "12 rue des Lilas" in main(jean)
    assert Registration.objects.seated().filter(workshop=workshop).count() == 2

    # Jean finds it among his workshops.
    jean.goto(base + "/compte/")
    click(jean, "link", "Mes ateliers")
    assert TITLE in main(jean)
    audited(jean)
