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


def test_nora_finds_a_change_waiting_for_her_consent_and_one_put_into_practice(
    client: Client, catalogue: Catalogue, stories: Stories
) -> None:
    load_directory(catalogue)
    load_members(stories)
    load_founding(stories)
    load_pairing(stories)
    load_pairing(stories)

    pairing = Programme.objects.get(kind="pairing")
    assert sorted(pairing.changes.values_list("status", flat=True)) == ["done", "open"]
    waiting = pairing.changes.get(status="open")
    assert waiting.author == User.objects.get(email="lucie@demo.entraide.localhost")
    client.force_login(User.objects.get(email="nora@demo.entraide.localhost"))
    page = client.get(f"/mes-demarches-individuelles/programmes/{pairing.pk}/ensemble/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Un module sur le deuil périnatal" in text
    assert "Un temps d&#x27;échange entre bénévoles chaque mois" in text
    proposal = client.get(
        f"/mes-demarches-individuelles/programmes/{pairing.pk}/ensemble/propositions/{waiting.pk}/"
    )
    assert "1 bénévole sur 2 a consenti." in proposal.content.decode()
