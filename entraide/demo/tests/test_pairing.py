"""The demo programmes of the Centre d'entraide de Nantes, for `make run`."""

import pytest
from django.test import Client

from entraide.accounts.models import User
from entraide.demo.catalogue import load_directory
from entraide.demo.data import Catalogue, Stories
from entraide.demo.pairing import load_pairing
from entraide.demo.people import load_founding, load_members
from entraide.pairing.models import PeerApplication, PeerRequest, Programme

pytestmark = pytest.mark.django_db


def test_coralie_finds_a_running_programme_and_a_line_and_loading_twice_changes_nothing(
    client: Client, catalogue: Catalogue, stories: Stories
) -> None:
    load_directory(catalogue)
    load_members(stories)
    load_founding(stories)

    shown = load_pairing(stories)
    load_pairing(stories)

    assert len(shown) == 2
    assert sorted(Programme.objects.values_list("kind", flat=True)) == ["line", "pairing"]
    assert PeerApplication.objects.count() == 6
    assert PeerRequest.objects.count() == 2
    pairing = Programme.objects.get(kind="pairing")
    ready = {
        a.user.display_name: a.is_ready for a in pairing.applications.filter(status="accepted")
    }
    assert ready == {"Lucie": True, "Nora": False}
    client.force_login(User.objects.get(email="coralie@demo.entraide.localhost"))
    board = client.get(f"/organisations/centre-entraide-nantes/programmes/{pairing.pk}/")
    assert {v.application.user.display_name for v in board.context["volunteers"]} == {
        "Lucie",
        "Nora",
    }
    public = Client().get("/organisations/centre-entraide-nantes/").content.decode()
    assert "Ligne d&#x27;écoute du soir" in public
