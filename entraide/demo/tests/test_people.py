"""The demo people that `make run` creates, and only there."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from entraide.demo.data import Stories
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_make_run_creates_a_facilitator_a_member_and_an_observer_once(stories: Stories) -> None:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=io.StringIO())

    roles = sorted(
        Membership.objects.filter(group__slug=stories.demo_group).values_list("role", flat=True)
    )
    # Four more members joined to answer the demo's review round (data/feedback.json).
    assert roles == ["facilitator", *["member"] * 5, "observer"]
    assert "alice@demo.entraide.localhost" in out.getvalue()
    client = Client()
    client.post(
        "/compte/login/",
        {"login": "alice@demo.entraide.localhost", "password": stories.password},
    )
    space = client.get("/mes-groupes/groupe-de-parole-deuil-nantes-nord/").content.decode()
    assert "Maison des associations" in space


def test_outside_debug_no_demo_person_is_created() -> None:
    call_command("load_demo", stdout=io.StringIO())

    assert not Membership.objects.exists()


def test_the_demo_people_are_the_ones_the_readme_names(stories: Stories) -> None:
    members = {member.person: member.role for member in stories.members}

    assert stories.password == "entraide-demo"
    assert stories.demo_group == "groupe-de-parole-deuil-nantes-nord"
    assert members == {
        "alice@demo.entraide.localhost": "facilitator",
        "bob@demo.entraide.localhost": "member",
        "chloe@demo.entraide.localhost": "observer",
    }
    for name in ("alice", "bob", "chloe", "jean", "paul", "coralie", "sabine", "odile"):
        assert f"{name}@demo.entraide.localhost" in stories.people
