"""The demo group's health page shows a few months of meetings, for `make run`."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from entraide.accounts.models import User
from entraide.demo.data import Stories
from entraide.demo.people import load_attendance
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_the_demo_group_has_months_of_attendance_for_its_health_page(
    stories: Stories, client: Client
) -> None:
    output = io.StringIO()
    call_command("load_demo", stdout=output)

    noted = Meeting.objects.filter(
        group__slug=stories.demo_group, attendance_taken_at__isnull=False
    )
    assert noted.count() >= 4
    assert f"Attendance noted at {noted.count()} past meetings" in output.getvalue()
    assert load_attendance(stories) == 0  # loading the demo again notes nothing more

    client.force_login(User.objects.get(email="bob@demo.entraide.localhost"))
    response = client.get(reverse("health:page", args=[stories.demo_group]))
    assert response.status_code == 200
    assert response.content.decode().count('class="health-bar"') == noted.count()
