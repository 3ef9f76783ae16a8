"""The demo safeguarding lead and her concern, for `make run`."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from entraide.accounts.models import User
from entraide.directory.demo import load_demo
from entraide.membership.demo import DEMO_PASSWORD, load_demo_people
from entraide.safeguarding.demo import LEAD, load_demo_safeguarding
from entraide.safeguarding.models import Concern

pytestmark = pytest.mark.django_db


def test_sabine_is_the_demo_lead_and_finds_bob_s_concern_once(client: Client) -> None:
    load_demo()
    load_demo_people()

    shown = load_demo_safeguarding()
    load_demo_safeguarding()

    assert shown[0][0] == LEAD
    sabine = User.objects.get(email=LEAD)
    assert sabine.check_password(DEMO_PASSWORD)
    assert Authenticator.objects.filter(user=sabine, type=Authenticator.Type.TOTP).exists()
    concern = Concern.objects.get()
    assert concern.kind == "conflict" and concern.mediation_requested
    client.force_login(sabine)
    board = client.get("/organisations/centre-entraide-nantes/vigilance/")
    assert board.status_code == 200
    assert "Groupe de parole Deuil — Nantes Nord" in board.content.decode()
