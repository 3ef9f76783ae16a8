"""The demo people that `make run` creates, and only there."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from entraide.membership.demo import DEMO_GROUP, DEMO_PASSWORD
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_make_run_creates_a_facilitator_a_member_and_an_observer_once() -> None:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=io.StringIO())

    roles = sorted(Membership.objects.filter(group__slug=DEMO_GROUP).values_list("role", flat=True))
    assert roles == ["facilitator", "member", "observer"]
    assert "alice@demo.entraide.localhost" in out.getvalue()
    client = Client()
    client.post(
        "/compte/login/", {"login": "alice@demo.entraide.localhost", "password": DEMO_PASSWORD}
    )
    space = client.get("/mes-groupes/groupe-de-parole-deuil-nantes-nord/").content.decode()
    assert "Maison des associations" in space


def test_outside_debug_no_demo_person_is_created() -> None:
    call_command("load_demo", stdout=io.StringIO())

    assert not Membership.objects.exists()
