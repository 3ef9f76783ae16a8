import datetime as dt

import pytest
from django.utils import timezone

from conftest import Cast
from entraide.accompaniment.models import Review
from entraide.accompaniment.tests.rounds import answer, open_round
from entraide.accounts.models import User
from entraide.health.compute import health
from entraide.health.tests.helpers import closed_circle, meeting, roles
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


def test_attendance_counts_who_was_present_at_each_meeting_oldest_first(cast: Cast) -> None:
    meeting(cast.group, 21, present=5, absent=1)
    meeting(cast.group, 14, present=3, absent=2)
    meeting(cast.group, 7, present=4, status="cancelled")
    meeting(cast.group, 3)  # attendance not taken

    found = health(cast.group).attendance

    assert [(a.present, a.recorded) for a in found] == [(5, 6), (3, 5)]
    assert found[0].day < found[1].day


def test_newcomers_who_stayed_after_three_and_six_months(cast: Cast) -> None:
    now = timezone.now()
    Membership.objects.all().delete()

    def welcomed(email: str, days_ago: int, left_after: int | None = None) -> None:
        person = User.objects.create_user(email, "x", display_name=email)
        decided = now - dt.timedelta(days=days_ago)
        Membership.objects.create(
            user=person,
            group=cast.group,
            role="member",
            status="left" if left_after is not None else "active",
            decided_at=decided,
            left_at=decided + dt.timedelta(days=left_after) if left_after is not None else None,
        )

    welcomed("a@example.org", 200)  # still there
    welcomed("b@example.org", 200, left_after=120)  # stayed 3 months, not 6
    welcomed("c@example.org", 100, left_after=30)  # left within 3 months
    welcomed("d@example.org", 100)  # 3 months only
    welcomed("e@example.org", 20)  # too recent to say

    staying = {s.months: (s.welcomed, s.stayed) for s in health(cast.group, now).staying}

    assert staying == {3: (4, 3), 6: (2, 1)}


def test_the_balance_of_closed_circles_says_the_share_of_the_longest_voice(cast: Cast) -> None:
    closed_circle(meeting(cast.group, 14), [300, 300, 300, 300], 0.0)
    closed_circle(meeting(cast.group, 7), [900, 100, 100, 100], 0.5)

    found = health(cast.group).circles

    assert [(c.voices, c.largest_share, c.level) for c in found] == [
        (4, 25, "shared"),
        (4, 75, "one_voice"),
    ]


def test_roles_count_how_many_different_people_held_them(cast: Cast) -> None:
    roles(meeting(cast.group, 14), facilitation=cast.alice, timekeeping=cast.bob)
    roles(meeting(cast.group, 7), facilitation=cast.alice, timekeeping=cast.alice)
    roles(meeting(cast.group, -7), facilitation=cast.bob)  # not held yet

    found = health(cast.group)

    assert found.role_meetings == 2
    assert found.role_people == 2
    assert {(r.role, r.times, r.people) for r in found.roles} == {
        ("facilitation", 2, 1),
        ("timekeeping", 2, 2),
    }


def test_days_since_the_last_meeting_held(cast: Cast) -> None:
    assert health(cast.group).days_since_last is None
    meeting(cast.group, 40)
    meeting(cast.group, 10, status="cancelled")
    meeting(cast.group, -3)

    assert health(cast.group).days_since_last == 40


def test_review_averages_only_from_five_answers(cast: Cast) -> None:
    few = open_round(cast.group)
    many = open_round(cast.group)
    Review.objects.filter(pk=few.pk).update(due_on=dt.date(2026, 3, 1))
    Review.objects.filter(pk=many.pk).update(due_on=dt.date(2026, 9, 1))
    Review.objects.create(group=cast.group, due_on=dt.date(2027, 3, 1))  # not opened yet
    for i in range(5):
        person = User.objects.create_user(f"r{i}@example.org", "x", display_name=f"R{i}")
        if i < 4:
            answer(few, person, 5, 1)
        answer(many, person, 4, 3 + i % 2)

    found = health(cast.group).reviews

    assert [(r.answers, r.satisfaction, r.heard) for r in found] == [
        (4, None, None),
        (5, 4.0, 3.4),
    ]
