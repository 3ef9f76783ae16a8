"""The directory's usual rhythm and next meeting come from the group's series and meetings."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from entraide.directory.models import SupportGroup
from entraide.meetings.display import next_meeting
from entraide.meetings.models import Meeting, MeetingSeries
from entraide.meetings.series import actions

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]
MON, TUE, WED, THU, FRI = range(5)


def with_series(group: SupportGroup, **changes: Any) -> SupportGroup:
    fields: dict[str, Any] = {
        "rhythm": "monthly_weekday",
        "weekday": TUE,
        "nth": 1,
        "day": None,
        "starts_on": timezone.localdate(),
        "start_time": dt.time(18, 30),
        "end_time": dt.time(20, 0),
        "venue": "fixed",
        "place": "Salle 3",
        "online_link": "",
        "capacity": None,
    }
    fields.update(changes)
    actions.save_series(group, fields, by=None)
    return SupportGroup.objects.get(pk=group.pk)


@pytest.mark.parametrize(
    ("changes", "french", "english"),
    [
        ({}, "le 1er mardi du mois, 18h30–20h", "the 1st Tuesday of the month, 6:30 PM–8 PM"),
        ({"weekday": FRI, "nth": 5}, "le 5e vendredi du mois, 18h30–20h", None),
        (
            {"weekday": THU, "nth": -1},
            "le dernier jeudi du mois, 18h30–20h",
            "the last Thursday of the month, 6:30 PM–8 PM",
        ),
        (
            {"rhythm": "fortnightly", "nth": None},
            "un mardi sur deux, 18h30–20h",
            "every other Tuesday, 6:30 PM–8 PM",
        ),
        (
            {"rhythm": "monthly_date", "weekday": None, "nth": None, "day": 10},
            "le 10 de chaque mois, 18h30–20h",
            "day 10 of each month, 6:30 PM–8 PM",
        ),
    ],
)
def test_the_directory_says_the_series_rhythm_in_words(
    make_group: MakeGroup, changes: dict[str, Any], french: str, english: str | None
) -> None:
    group = with_series(make_group("Rythme", frequency="irregular"), **changes)

    assert group.rhythm_label() == french
    if english is not None:  # the 5th weekday's English ordinal waits for the translators
        with translation.override("en"):
            assert group.rhythm_label() == english


def test_the_series_writes_the_fields_the_search_filters_on(make_group: MakeGroup) -> None:
    group = with_series(make_group("Filtres", frequency="irregular"), weekday=THU, nth=-1)

    assert (group.frequency, group.weekday, group.week_of_month) == ("monthly_weekday", THU, -1)
    assert (group.start_time, group.end_time) == (dt.time(18, 30), dt.time(20))
    assert group.first_meeting_on == MeetingSeries.objects.get().starts_on


def test_the_search_finds_the_group_by_the_series_day(
    client: Client, make_group: MakeGroup
) -> None:
    with_series(
        make_group("Le jeudi", frequency="weekly", weekday=MON),
        rhythm="weekly",
        weekday=THU,
        nth=None,
    )

    thursday = client.get("/groupes/", {"day": "3"}).content.decode()
    monday = client.get("/groupes/", {"day": "0"}).content.decode()

    assert "Le jeudi" in thursday and "Le jeudi" not in monday


def test_the_next_meeting_skips_a_cancelled_one_and_follows_a_moved_one(
    make_group: MakeGroup,
) -> None:
    group = with_series(make_group("Suivante"), rhythm="weekly", weekday=WED, nth=None)
    first, second, third = Meeting.objects.order_by("starts_at")[:3]
    first.status = Meeting.Status.CANCELLED
    first.save()

    assert next_meeting(group) == second.starts_at
    Meeting.objects.filter(pk=second.pk).update(status="cancelled")
    assert next_meeting(group) == third.starts_at
    moved = third.starts_at - dt.timedelta(days=1)
    Meeting.objects.filter(pk=third.pk).update(starts_at=moved, ends_at=third.ends_at)
    found = next_meeting(group)
    assert found == moved and found is not None
    assert found.tzinfo == group.time_zone


def test_beyond_the_planned_meetings_the_rule_gives_the_next_one(make_group: MakeGroup) -> None:
    group = with_series(make_group("Plus loin"), rhythm="weekly", weekday=WED, nth=None)
    last = Meeting.objects.order_by("starts_at").last()
    assert last is not None

    found = next_meeting(group, after=last.starts_at)

    week_later = last.starts_at.astimezone(group.time_zone) + dt.timedelta(weeks=1)
    assert found is not None
    assert (found.date(), found.hour, found.minute) == (week_later.date(), 18, 30)


def test_a_paused_group_has_no_next_meeting_even_with_a_series(make_group: MakeGroup) -> None:
    group = with_series(make_group("En pause"))
    group.status = SupportGroup.Status.PAUSED

    assert next_meeting(group) is None
