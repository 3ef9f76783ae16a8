"""A meeting of the cast's group, tonight, for its circle; pages read in French."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.meetings.models import Meeting


@pytest.fixture(autouse=True)
def pages_in_french(client: Client) -> None:
    client.cookies["entraide_language"] = "fr"


@pytest.fixture
def meeting(cast: Cast) -> Meeting:
    starts = timezone.now() - dt.timedelta(minutes=10)
    return Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )


def circle_url(meeting: Meeting, shared: bool = False) -> str:
    tail = "cercle/table/" if shared else "cercle/"
    return f"/mes-groupes/{meeting.group.slug}/rencontres/{meeting.pk}/{tail}"


def client_for(person: object) -> Client:
    client = Client()
    client.force_login(person)  # type: ignore[arg-type]
    client.cookies["entraide_language"] = "fr"
    return client


@pytest.fixture
def started(cast: Cast, meeting: Meeting) -> Meeting:
    """Alice opened the circle; Bob and Chloé joined from their phones."""
    alice, bob, chloe = client_for(cast.alice), client_for(cast.bob), client_for(cast.chloe)
    assert alice.post(circle_url(meeting), {"action": "open", "minutes": 3}).status_code == 302
    assert bob.post(circle_url(meeting), {"action": "join"}).status_code == 302
    assert chloe.post(circle_url(meeting), {"action": "join"}).status_code == 302
    return meeting


@pytest.fixture
def now() -> dt.datetime:
    return timezone.now()
