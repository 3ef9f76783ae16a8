"""The demo safeguarding lead and her concern, for `make run`."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from entraide.accounts.models import User
from entraide.demo.catalogue import load_directory
from entraide.demo.data import Catalogue, Stories
from entraide.demo.people import load_concerns, load_members
from entraide.safeguarding.models import Concern

pytestmark = pytest.mark.django_db

LEAD = "sabine@demo.entraide.localhost"


def test_sabine_is_the_demo_lead_and_finds_bob_s_concern_once(
    client: Client, catalogue: Catalogue, stories: Stories
) -> None:
    load_directory(catalogue)
    load_members(stories)

    shown = load_concerns(stories)
    load_concerns(stories)

    assert shown[0][0] == LEAD
    sabine = User.objects.get(email=LEAD)
    assert sabine.check_password(stories.password)
    assert Authenticator.objects.filter(user=sabine, type=Authenticator.Type.TOTP).exists()
    concern = Concern.objects.get()
    assert concern.kind == "conflict" and concern.mediation_requested
    client.force_login(sabine)
    board = client.get("/organisations/centre-entraide-nantes/vigilance/")
    assert board.status_code == 200
    assert "Groupe de parole Deuil — Nantes Nord" in board.content.decode()
