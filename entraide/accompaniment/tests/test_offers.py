"""What an organisation offers its groups (seed 004): groups ask for it, the organisation
answers and sees what it gave over a year; a request reaches an organisation with no team."""

import html as html_text
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.accompaniment.models import Offer, SupportRequest
from entraide.accounts.models import User
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

OFFERS = "/organisations/centre-nantes/offres/"
SUPPORT = "/mes-groupes/deuil-nantes/soutien/"


@pytest.fixture
def accompanied(cast: Cast, organisation: Organisation) -> Cast:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    return cast


def text_of(response: Any) -> str:
    return html_text.unescape(response.content.decode())


def test_a_group_asks_for_a_room_the_organisation_offers_and_sees_it_given(
    client: Client,
    accompanied: Cast,
    coralie: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(coralie)
    missing = text_of(client.post(OFFERS, {"kind": "room", "title": ""}))
    client.post(
        OFFERS,
        {
            "kind": "room",
            "title": "Salle des Dervallières",
            "description": "Le mardi soir, sur réservation.",
            "capacity": "14",
            "step_free_access": "on",
            "is_active": "on",
        },
    )
    room = Offer.objects.get()
    client.force_login(accompanied.bob)
    support_page = text_of(client.get(SUPPORT))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUPPORT, {"offer": room.pk, "kind": "", "message": "Pour le 3 mars."})
    asked = SupportRequest.objects.get()
    told = [m.to for m in mail.outbox]
    client.force_login(coralie)
    client.post(
        f"/organisations/centre-nantes/accompagnement/deuil-nantes/soutien/{asked.pk}/",
        {
            f"support-{asked.pk}-answer": "C'est réservé pour vous.",
            f"support-{asked.pk}-given": "yes",
        },
    )
    year = text_of(client.get(OFFERS))

    assert "Donnez un intitulé à cette offre." in missing
    assert "Salle des Dervallières" in support_page and "14 places" in support_page
    assert "accessible en fauteuil roulant" in support_page
    assert (asked.offer, asked.kind) == (room, "room")
    assert told == [["coralie@example.org"]]
    asked.refresh_from_db()
    assert asked.given is True
    assert "Salle des Dervallières</a></th><td>1</td><td>1</td>" in year


def test_an_offer_no_longer_proposed_cannot_be_asked_for(
    client: Client, accompanied: Cast, organisation: Organisation
) -> None:
    gone = Offer.objects.create(
        organisation=organisation, kind="budget", title="Budget café", is_active=False
    )
    client.force_login(accompanied.bob)

    page = text_of(client.get(SUPPORT))
    refused = text_of(client.post(SUPPORT, {"offer": gone.pk, "message": "Du café"}))

    assert "Budget café" not in page
    assert "L'organisation ne propose plus cela." in refused
    assert not SupportRequest.objects.exists()


def test_only_the_organisation_s_coordinators_and_admins_manage_its_offers(
    client: Client, accompanied: Cast, organisation: Organisation, olivia: User, oscar: User
) -> None:
    room = Offer.objects.create(organisation=organisation, kind="room", title="Salle 2")

    for person in (accompanied.alice, olivia):
        client.force_login(person)
        assert client.get(OFFERS).status_code == 404
        assert client.post(f"{OFFERS}{room.pk}/", {"title": "X"}).status_code == 404
    room.refresh_from_db()
    assert room.title == "Salle 2"
    client.force_login(oscar)
    page = text_of(client.get(OFFERS))
    client.post(f"{OFFERS}{room.pk}/", {"kind": "room", "title": "Salle 3", "is_active": "on"})
    room.refresh_from_db()
    assert room.title == "Salle 3"
    # Oscar administers, he does not accompany groups: no way to their pages from here.
    assert "/accompagnement/" not in page
    assert 'class="breadcrumb"><a href="/compte/">Mon compte</a>' in page


def test_a_request_to_an_organisation_with_no_team_reaches_its_contact_address(
    client: Client, accompanied: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(accompanied.bob)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUPPORT, {"kind": "materials", "message": "Des marqueurs, s'il vous plaît."})

    assert [m.to for m in mail.outbox] == [["accueil@centre-nantes.example"]]
    body = str(mail.outbox[0].body)
    assert "Des marqueurs, s'il vous plaît." in body
    assert "pas encore de coordinateur·rice sur Entraide" in body
    assert "Bob" not in body and "bob@example.org" not in body
    assert mail.outbox[0].reply_to == []
