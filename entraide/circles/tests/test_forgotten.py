"""A circle nobody closed is closed hours after its meeting: only aggregates stay."""

import datetime as dt

import pytest
from django.core.management import call_command

from entraide.circles.models import Circle
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_a_circle_left_open_is_closed_after_its_meeting_keeping_only_aggregates(
    started: Meeting,
) -> None:
    circle = Circle.objects.get(meeting=started)
    assert circle.state and circle.closed_at is None

    # Still within six hours of the end: nothing happens.
    call_command("close_circles", verbosity=0)
    circle.refresh_from_db()
    assert circle.closed_at is None

    Meeting.objects.filter(pk=started.pk).update(
        starts_at=started.starts_at - dt.timedelta(days=1),
        ends_at=started.ends_at - dt.timedelta(days=1),
    )
    call_command("close_circles", verbosity=0)

    circle.refresh_from_db()
    assert circle.closed_at is not None
    assert circle.state == {}
    # Three people sat in it: three anonymous shares, no ids.
    assert len(circle.voices) == 3
    assert all(set(share) == {"turns", "seconds"} for share in circle.voices)
    assert circle.balance is not None
