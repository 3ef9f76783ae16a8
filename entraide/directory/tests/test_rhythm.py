"""A group's usual rhythm: said in words in both languages, and its next meeting."""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from entraide.directory.models import SupportGroup

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MakeGroup = Callable[..., SupportGroup]


@pytest.mark.parametrize(
    ("fields", "french", "english"),
    [
        (
            {"frequency": "monthly_weekday", "weekday": 1, "week_of_month": 1},
            "le 1er mardi du mois, 18h30–20h",
            "the 1st Tuesday of the month, 6:30 PM–8 PM",
        ),
        (
            {"frequency": "monthly_weekday", "weekday": 3, "week_of_month": -1},
            "le dernier jeudi du mois, 18h30–20h",
            "the last Thursday of the month, 6:30 PM–8 PM",
        ),
        (
            {"frequency": "weekly", "weekday": 0},
            "chaque lundi, 18h30–20h",
            "every Monday, 6:30 PM–8 PM",
        ),
        (
            {"frequency": "fortnightly", "weekday": 5, "end_time": None},
            "un samedi sur deux, à 18h30",
            "every other Saturday, at 6:30 PM",
        ),
        (
            {"frequency": "monthly_date", "day_of_month": 15, "rhythm_note": "sauf en août"},
            "le 15 de chaque mois, 18h30–20h (sauf en août)",
            "day 15 of each month, 6:30 PM–8 PM (sauf en août)",
        ),
    ],
)
def test_the_rhythm_is_said_in_plain_words(
    make_group: MakeGroup, fields: dict[str, object], french: str, english: str
) -> None:
    group = make_group("Rythme", **fields)

    assert group.rhythm_label() == french
    with translation.override("en"):
        assert group.rhythm_label() == english


def test_the_next_meeting_keeps_its_local_time_across_the_change_of_hour(
    make_group: MakeGroup,
) -> None:
    group = make_group("Premier mardi", first_meeting_on=dt.date(2026, 1, 6))

    before = group.next_by_rhythm(after=dt.datetime(2026, 9, 20, tzinfo=PARIS))
    after = group.next_by_rhythm(after=dt.datetime(2026, 10, 20, tzinfo=PARIS))

    assert before == dt.datetime(2026, 10, 6, 18, 30, tzinfo=PARIS)
    assert after == dt.datetime(2026, 11, 3, 18, 30, tzinfo=PARIS)
    assert before is not None and after is not None
    assert before.utcoffset() == dt.timedelta(hours=2)
    assert after.utcoffset() == dt.timedelta(hours=1)


def test_a_fortnightly_group_counts_from_its_first_meeting(make_group: MakeGroup) -> None:
    group = make_group(
        "Un mercredi sur deux",
        frequency="fortnightly",
        weekday=2,
        first_meeting_on=dt.date(2026, 11, 4),
    )

    assert group.next_by_rhythm(after=dt.datetime(2026, 11, 5, tzinfo=PARIS)) == dt.datetime(
        2026, 11, 18, 18, 30, tzinfo=PARIS
    )


def test_a_swiss_group_meets_on_swiss_time(make_group: MakeGroup) -> None:
    group = make_group("Lausanne", place="1003 Lausanne", frequency="weekly", weekday=0)

    meeting = group.next_by_rhythm(after=dt.datetime(2026, 11, 21, tzinfo=dt.UTC))

    assert meeting is not None
    assert meeting.tzinfo == ZoneInfo("Europe/Zurich")
    assert (meeting.date(), meeting.hour, meeting.minute) == (dt.date(2026, 11, 23), 18, 30)


def test_a_paused_or_irregular_group_has_no_known_next_meeting(make_group: MakeGroup) -> None:
    paused = make_group("En pause", status=SupportGroup.Status.PAUSED)
    irregular = make_group("Selon calendrier", frequency="irregular")

    assert paused.next_by_rhythm() is None
    assert irregular.next_by_rhythm() is None
    assert irregular.rhythm_label() == "selon un calendrier établi par le groupe, 18h30–20h"


def test_a_fixed_cost_is_shown_in_the_local_currency(make_group: MakeGroup) -> None:
    france = make_group("Paris", cost="fixed", cost_amount=2)
    swiss = make_group("Genève", place="1201 Genève", cost="fixed", cost_amount=5.5)

    assert france.cost_label() == "2 € par rencontre"
    assert swiss.cost_label() == "5,50 CHF par rencontre"
    with translation.override("en"):
        assert swiss.cost_label() == "5.50 CHF per meeting"
