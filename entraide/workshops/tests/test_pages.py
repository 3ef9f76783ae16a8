"""The workshops' pages for each person: the public list and page, "Mes ateliers", and the
organisation team's list, form, registrations and attendance sheet."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.workshops import actions
from entraide.workshops.models import Registration, Workshop
from entraide.workshops.tests.conftest import TEAM_LIST, form_data

pytestmark = pytest.mark.django_db


def test_anyone_finds_the_coming_workshops_but_not_the_cancelled_ones(
    client: Client, make_workshop: Callable[..., Workshop]
) -> None:
    make_workshop(title="Animer un tour de parole")
    make_workshop(title="Annulé", status=Workshop.Status.CANCELLED)
    make_workshop(title="Passé", starts_in=-dt.timedelta(days=3))

    page = client.get("/ateliers/").content.decode()

    assert "Animer un tour de parole" in page
    assert "Annulé" not in page and "Passé" not in page


def test_the_organisation_page_lists_its_coming_workshops(
    client: Client, make_workshop: Callable[..., Workshop]
) -> None:
    make_workshop(title="Écouter sans conseiller")

    page = client.get("/organisations/centre-nantes/").content.decode()

    assert "Ses ateliers à venir" in page
    assert "Écouter sans conseiller" in page
    assert "Gérer les ateliers" not in page


def test_a_visitor_sees_the_town_but_not_the_address(
    client: Client, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()

    page = client.get(f"/ateliers/{workshop.pk}/").content.decode()

    assert "Maison des associations, Nantes" in page
    assert "12 rue des Lilas" not in page
    assert "Connectez-vous pour vous inscrire" in page


def test_bob_registers_from_the_page_and_then_sees_the_address(
    client: Client, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    client.force_login(accompanied.bob)

    response = client.post(f"/ateliers/{workshop.pk}/inscription/", follow=True)

    page = response.content.decode()
    assert "Vous êtes inscrit·e" in page
    assert "12 rue des Lilas" in page
    assert Registration.objects.get().user == accompanied.bob


def test_the_online_link_is_only_for_people_with_a_seat(
    client: Client, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(
        capacity=1,
        format=Workshop.Format.ONLINE,
        online_link="https://visio.example/atelier",
        place_name="",
        address="",
        town="",
    )
    actions.register(workshop, accompanied.alice)
    actions.register(workshop, accompanied.bob)

    client.force_login(accompanied.bob)
    waiting = client.get(f"/ateliers/{workshop.pk}/").content.decode()
    client.force_login(accompanied.alice)
    seated = client.get(f"/ateliers/{workshop.pk}/").content.decode()

    assert "visio.example" not in waiting
    assert "n° 1 sur la liste d'attente" in waiting
    assert "https://visio.example/atelier" in seated


def test_dan_is_told_kindly_that_the_workshop_is_for_the_groups_people(
    client: Client, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    client.force_login(accompanied.dan)

    page = client.get(f"/ateliers/{workshop.pk}/").content.decode()
    posted = client.post(f"/ateliers/{workshop.pk}/inscription/", follow=True).content.decode()

    assert "Cet atelier est pour les personnes des groupes de l&#x27;organisation." in page
    assert "Cet atelier est pour les personnes des groupes" in posted
    assert not Registration.objects.exists()


def test_bob_withdraws_and_chloe_gets_the_seat(
    client: Client, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(capacity=1)
    actions.register(workshop, accompanied.bob)
    actions.register(workshop, accompanied.chloe)
    client.force_login(accompanied.bob)

    page = client.post(f"/ateliers/{workshop.pk}/desinscription/", follow=True).content.decode()

    assert "Vous êtes désinscrit·e" in page
    assert Registration.objects.get(user=accompanied.chloe).has_seat
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]


def test_withdrawing_without_a_registration_is_a_404(
    client: Client, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    client.force_login(accompanied.dan)

    assert client.post(f"/ateliers/{workshop.pk}/desinscription/").status_code == 404
    assert client.get(f"/ateliers/{workshop.pk}/agenda.ics").status_code == 404


def test_my_workshops_lists_mine_only(
    client: Client, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    mine = make_workshop(title="Le mien")
    make_workshop(title="Pas le mien")
    actions.register(mine, accompanied.bob)
    client.force_login(accompanied.bob)

    page = client.get("/mes-ateliers/").content.decode()

    assert "Le mien" in page and "Pas le mien" not in page
    assert "Mes ateliers" in client.get("/compte/").content.decode()


@pytest.mark.parametrize("who", ["coralie", "oscar"])
def test_the_team_publishes_a_workshop(
    client: Client, who: str, request: pytest.FixtureRequest, coralie: User
) -> None:
    person = request.getfixturevalue(who)
    client.force_login(person)

    assert client.get(TEAM_LIST + "nouveau/").status_code == 200
    response = client.post(TEAM_LIST + "nouveau/", form_data())

    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{TEAM_LIST}{workshop.pk}/"
    local = timezone.localtime(workshop.starts_at, workshop.time_zone)
    assert (local.hour, local.minute) == (14, 0)
    assert workshop.created_by == person
    assert "Animer un tour de parole" in client.get(TEAM_LIST).content.decode()


def test_the_form_explains_what_is_missing(client: Client, coralie: User) -> None:
    client.force_login(coralie)

    response = client.post(
        TEAM_LIST + "nouveau/",
        form_data(address="", town="", capacity="0", end_time="13:00"),
    )

    page = response.content.decode()
    assert "Indiquez l&#x27;adresse où l&#x27;atelier a lieu." in page
    assert "Indiquez la ville." in page
    assert "Au moins 1 place." in page
    assert "L&#x27;heure de fin vient après l&#x27;heure de début." in page
    assert not Workshop.objects.exists()


def test_an_online_workshop_needs_its_link(client: Client, coralie: User) -> None:
    client.force_login(coralie)

    page = client.post(TEAM_LIST + "nouveau/", form_data(format="online")).content.decode()

    assert "Indiquez le lien de visioconférence." in page


def test_the_team_edits_and_cancels_a_workshop(
    client: Client, coralie: User, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    actions.register(workshop, accompanied.bob)
    client.force_login(coralie)
    url = f"{TEAM_LIST}{workshop.pk}/"

    form = client.get(url + "modifier/").content.decode()
    client.post(url + "modifier/", form_data(title="Écouter", start_time="15:00"))
    client.post(url + "annuler/")

    workshop.refresh_from_db()
    assert 'value="Animer un tour de parole"' in form
    assert workshop.title == "Écouter" and workshop.is_cancelled
    assert sorted(m.subject.split(" ")[0] for m in mail.outbox) == ["Atelier", "L'atelier"]


def test_the_team_sees_who_has_a_seat_and_who_waits(
    client: Client, coralie: User, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(capacity=1)
    actions.register(workshop, accompanied.alice)
    actions.register(workshop, accompanied.bob)
    client.force_login(coralie)

    page = client.get(f"{TEAM_LIST}{workshop.pk}/").content.decode()

    # Within the main content: a random security token in the header may hold "Bob".
    seats, line = page.split('<main id="main"')[1].split("attente</h2>")
    assert "Alice" in seats and "Bob" not in seats
    assert "Bob" in line
    assert "Enregistrer les présences" not in page


def test_the_team_notes_attendance_after_the_start(
    client: Client, coralie: User, accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    bob = actions.register(workshop, accompanied.bob)
    Workshop.objects.filter(pk=workshop.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(coralie)
    url = f"{TEAM_LIST}{workshop.pk}/"

    assert "Enregistrer les présences" in client.get(url).content.decode()
    client.post(url + "presences/", {f"presence_{bob.pk}": "yes"})

    bob.refresh_from_db()
    assert bob.attended is True


@pytest.mark.parametrize("who", ["bob", "alice", "dan"])
def test_only_the_team_notes_attendance(
    client: Client, accompanied: Cast, who: str, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    bob = actions.register(workshop, accompanied.bob)
    Workshop.objects.filter(pk=workshop.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(getattr(accompanied, who))

    response = client.post(f"{TEAM_LIST}{workshop.pk}/presences/", {f"presence_{bob.pk}": "yes"})

    assert response.status_code == 404
    bob.refresh_from_db()
    assert bob.attended is None


def test_a_coordinator_elsewhere_gets_404_on_the_team_pages(
    client: Client, olivia: User, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    client.force_login(olivia)

    for url in (TEAM_LIST, f"{TEAM_LIST}nouveau/", f"{TEAM_LIST}{workshop.pk}/"):
        assert client.get(url).status_code == 404
    assert client.get(f"/organisations/centre-lyon/ateliers/{workshop.pk}/").status_code == 404


def test_the_organisation_page_links_its_team_to_the_workshops(
    client: Client, coralie: User, make_workshop: Callable[..., Workshop]
) -> None:
    client.force_login(coralie)

    page = client.get("/organisations/centre-nantes/").content.decode()

    assert "Gérer les ateliers" in page
    assert (
        "Les ateliers de Centre d&#x27;entraide de Nantes"
        in client.get("/compte/").content.decode()
    )


def test_the_calendar_file_is_for_registered_people_with_a_stable_uid(
    client: Client, accompanied: Cast, coralie: User, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    actions.register(workshop, accompanied.bob)
    client.force_login(accompanied.bob)

    first = client.get(f"/ateliers/{workshop.pk}/agenda.ics")
    actions.cancel(workshop, by=coralie)
    second = client.get(f"/ateliers/{workshop.pk}/agenda.ics").content.decode()

    body = first.content.decode()
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"UID:workshop-{workshop.pk}@" in body and "SEQUENCE:0" in body
    assert f"UID:workshop-{workshop.pk}@" in second and "SEQUENCE:1" in second
    assert "STATUS:CANCELLED" in second
    assert "12 rue des Lilas" in body
