"""Crafted histories for the health tests: meetings, presences, circles, roles."""

import datetime as dt

from django.utils import timezone

from entraide.accounts.models import User
from entraide.circles.models import Circle
from entraide.directory.models import SupportGroup
from entraide.meetings.models import Meeting, Presence, RoleAssignment


def meeting(
    group: SupportGroup, days_ago: int, *, present: int = 0, absent: int = 0, **fields: object
) -> Meeting:
    """A meeting held `days_ago`, with `present` people present (new people, unnamed)."""
    starts = timezone.now() - dt.timedelta(days=days_ago)
    taken = present or absent
    found = Meeting.objects.create(
        group=group,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        attendance_taken_at=starts + dt.timedelta(hours=3) if taken else None,
        **fields,
    )
    for i in range(present + absent):
        person, _created = User.objects.get_or_create(
            email=f"present{i}@example.org", defaults={"display_name": f"Zoé {i}"}
        )
        Presence.objects.create(meeting=found, user=person, present=i < present)
    return found


def closed_circle(held: Meeting, seconds: list[int], index: float) -> Circle:
    return Circle.objects.create(
        meeting=held,
        closed_at=held.ends_at,
        voices=[{"turns": 1, "seconds": s} for s in sorted(seconds, reverse=True)],
        balance=index,
    )


def roles(held: Meeting, **people: User) -> None:
    for role, person in people.items():
        RoleAssignment.objects.create(meeting=held, role=role, user=person)
