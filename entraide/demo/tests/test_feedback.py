"""The demo's questionnaires and a review round answered by six members of the demo group."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from entraide.accompaniment.models import Questionnaire, Respondent, Response, Review
from entraide.accounts.models import User
from entraide.demo.data import Stories
from entraide.demo.feedback import load_feedback

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_the_demo_group_has_a_round_answered_by_six_and_loading_again_changes_nothing(
    stories: Stories, client: Client
) -> None:
    output = io.StringIO()
    call_command("load_demo", stdout=output)

    assert "answered by 6 members" in output.getvalue()
    assert Response.objects.filter(group__slug=stories.demo_group).count() == 6
    assert Respondent.objects.filter(group__slug=stories.demo_group).count() == 6
    closed = Review.objects.get(group__slug=stories.demo_group, status="closed")
    assert Review.objects.filter(group__slug=stories.demo_group, status="scheduled").exists()
    assert Questionnaire.objects.filter(organisation__slug="centre-entraide-nantes").count() == 2

    load_feedback(stories)
    assert Response.objects.count() == 6
    assert Review.objects.filter(group__slug=stories.demo_group).count() == 2

    client.force_login(User.objects.get(email="bob@demo.entraide.localhost"))
    page = client.get(f"/mes-groupes/{stories.demo_group}/bilan/resultats/").content.decode()
    assert "6 personnes ont répondu." in page
    assert closed.questionnaire is not None
