"""The demo workshops of the Centre d'entraide de Nantes, for `make run`."""

import pytest
from django.test import Client

from entraide.accounts.models import User
from entraide.demo.catalogue import load_directory
from entraide.demo.data import Catalogue, Stories
from entraide.demo.people import load_founding, load_members, load_workshops
from entraide.workshops.models import Registration, Workshop

pytestmark = pytest.mark.django_db


def test_odile_finds_the_demo_workshops_and_loading_twice_changes_nothing(
    client: Client, catalogue: Catalogue, stories: Stories
) -> None:
    load_directory(catalogue)
    load_members(stories)
    load_founding(stories)

    shown = load_workshops(stories)
    load_workshops(stories)

    assert [title for title, _ in shown] == [w.title for w in stories.workshops]
    assert Workshop.objects.count() == 3
    assert Registration.objects.count() == 7
    listening = Workshop.objects.get(title="S'écouter sans se conseiller")
    waiting = Registration.objects.get(workshop=listening, waiting=True)
    assert waiting.user.email == "chloe@demo.entraide.localhost"
    past = Workshop.objects.get(title="Accueillir une nouvelle personne")
    assert list(past.registrations.filter(attended=True).values_list("user__email", flat=True)) == [
        "alice@demo.entraide.localhost"
    ]
    client.force_login(User.objects.get(email="odile@demo.entraide.localhost"))
    page = client.get("/organisations/centre-entraide-nantes/ateliers/").content.decode()
    assert "Animer un tour de parole" in page
    assert "Animer un tour de parole" in client.get("/ateliers/").content.decode()
