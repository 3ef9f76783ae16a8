"""Demo meetings: every demo group with a usual rhythm gets the same rhythm as a meeting series,
and its coming meetings are planned. Running it again changes nothing but the dates planned."""

import datetime as dt
from typing import Any

from django.db import transaction

from entraide.directory.demo import GROUPS
from entraide.directory.models import SupportGroup
from entraide.meetings import actions
from entraide.meetings.models import Venue

VENUES = {
    SupportGroup.Format.IN_PERSON: Venue.FIXED,
    SupportGroup.Format.ONLINE: Venue.ONLINE,
    SupportGroup.Format.HYBRID: Venue.HYBRID,
}
# Where a series starts when the group has no first meeting yet: a fixed day, so that a
# fortnightly group keeps its weeks from one load to the next.
ANCHOR = dt.date(2026, 1, 5)


def series_fields(group: SupportGroup) -> dict[str, Any] | None:
    """The series equivalent to the group's rhythm in the directory; None without a rhythm."""
    if group.start_time is None or group.end_time is None:
        return None
    kinds = {"weekly", "fortnightly", "monthly_weekday", "monthly_date"}
    if group.frequency not in kinds:
        return None
    return {
        "rhythm": group.frequency,
        "weekday": group.weekday,
        "nth": group.week_of_month,
        "day": group.day_of_month,
        "starts_on": group.first_meeting_on or ANCHOR,
        "start_time": group.start_time,
        "end_time": group.end_time,
        "venue": VENUES.get(SupportGroup.Format(group.format), Venue.FIXED),
        "place": group.meeting_place,
        "online_link": "",
        "capacity": None,
    }


def load_demo_series() -> int:
    """Give each demo group with a rhythm (and not paused) its series; returns how many."""
    count = 0
    with transaction.atomic():
        groups = SupportGroup.objects.filter(slug__in=[demo.slug for demo in GROUPS]).exclude(
            status=SupportGroup.Status.PAUSED
        )
        for group in groups:
            fields = series_fields(group)
            if fields is None:
                continue
            actions.save_series(group, fields, by=None)
            count += 1
    return count
