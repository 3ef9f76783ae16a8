"""RFC 5545 rules in the group's zone: 5th weekdays, last weekdays, dates that some months lack,
and the wall-clock time kept across daylight-saving weekends."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from entraide.lib import recurrence

PARIS = ZoneInfo("Europe/Paris")
YEAR_2026 = (dt.datetime(2026, 1, 1, tzinfo=PARIS), dt.datetime(2027, 1, 1, tzinfo=PARIS))
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def days(rule: str, starts_on: dt.date, after: dt.datetime, before: dt.datetime) -> list[dt.date]:
    return [
        start.date()
        for start in recurrence.occurrences(rule, starts_on, dt.time(18, 30), PARIS, after, before)
    ]


def test_a_fifth_friday_group_skips_the_months_without_one() -> None:
    rule = recurrence.monthly_by_weekday(FRI, 5)

    assert rule == "FREQ=MONTHLY;BYDAY=5FR"
    assert days(rule, dt.date(2026, 1, 1), *YEAR_2026) == [
        dt.date(2026, 1, 30),
        dt.date(2026, 5, 29),
        dt.date(2026, 7, 31),
        dt.date(2026, 10, 30),
    ]


def test_the_last_thursday_is_the_last_one_whether_the_month_has_four_or_five() -> None:
    rule = recurrence.monthly_by_weekday(THU, -1)

    found = days(rule, dt.date(2026, 1, 1), *YEAR_2026)

    assert len(found) == 12
    assert found[0] == dt.date(2026, 1, 29)  # January has five Thursdays
    assert found[1] == dt.date(2026, 2, 26)  # February has four
    assert all(
        day.weekday() == THU and (day + dt.timedelta(weeks=1)).month != day.month for day in found
    )


def test_a_monthly_date_skips_the_months_that_lack_it_as_rfc_5545_says() -> None:
    on_31 = days(recurrence.monthly_by_date(31), dt.date(2026, 1, 1), *YEAR_2026)
    on_30 = days(recurrence.monthly_by_date(30), dt.date(2026, 1, 1), *YEAR_2026)
    on_29 = days(
        recurrence.monthly_by_date(29),
        dt.date(2027, 1, 1),
        dt.datetime(2027, 1, 1, tzinfo=PARIS),
        dt.datetime(2028, 4, 1, tzinfo=PARIS),
    )

    assert [day.month for day in on_31] == [1, 3, 5, 7, 8, 10, 12]
    assert 2 not in [day.month for day in on_30] and len(on_30) == 11
    assert dt.date(2027, 2, 28) not in on_29 and dt.date(2027, 3, 1) not in on_29
    assert dt.date(2028, 2, 29) in on_29


@pytest.mark.parametrize(
    ("weekday", "before_change", "after_change", "offsets"),
    [
        # Summer time starts on Sunday 29 March 2026 at 2:00.
        (SAT, dt.date(2026, 3, 28), dt.date(2026, 4, 4), (1, 2)),
        (SUN, dt.date(2026, 3, 22), dt.date(2026, 3, 29), (1, 2)),
        # It ends on Sunday 25 October 2026 at 3:00.
        (SAT, dt.date(2026, 10, 24), dt.date(2026, 10, 31), (2, 1)),
        (SUN, dt.date(2026, 10, 18), dt.date(2026, 10, 25), (2, 1)),
    ],
)
def test_a_weekly_meeting_stays_at_18_30_on_a_daylight_saving_weekend(
    weekday: int,
    before_change: dt.date,
    after_change: dt.date,
    offsets: tuple[int, int],
) -> None:
    starts = list(
        recurrence.occurrences(
            recurrence.weekly(weekday),
            before_change,
            dt.time(18, 30),
            PARIS,
            dt.datetime.combine(before_change, dt.time(0), tzinfo=PARIS),
            dt.datetime.combine(after_change, dt.time(23), tzinfo=PARIS),
        )
    )

    assert [start.date() for start in starts] == [before_change, after_change]
    assert [(start.hour, start.minute) for start in starts] == [(18, 30), (18, 30)]
    assert [start.utcoffset() for start in starts] == [dt.timedelta(hours=h) for h in offsets]
    assert [start.astimezone(dt.UTC).hour for start in starts] == [18 - offsets[0], 18 - offsets[1]]


def test_a_fortnightly_rule_counts_from_its_first_day() -> None:
    found = days(
        recurrence.weekly(WED, interval=2),
        dt.date(2026, 11, 4),
        dt.datetime(2026, 11, 1, tzinfo=PARIS),
        dt.datetime(2026, 12, 31, tzinfo=PARIS),
    )

    assert found == [
        dt.date(2026, 11, 4),
        dt.date(2026, 11, 18),
        dt.date(2026, 12, 2),
        dt.date(2026, 12, 16),
        dt.date(2026, 12, 30),
    ]


def test_a_series_starts_on_the_first_day_of_its_own_rule() -> None:
    # RFC 5545 would count a DTSTART off the rule as an occurrence; we never store one.
    first = recurrence.first_day_on_or_after(
        recurrence.monthly_by_weekday(TUE, 1), dt.date(2026, 11, 21), dt.time(18, 30), PARIS
    )

    assert first == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "rhythm",
    [
        recurrence.Rhythm("weekly", MON),
        recurrence.Rhythm("fortnightly", SAT),
        recurrence.Rhythm("monthly_weekday", TUE, nth=1),
        recurrence.Rhythm("monthly_weekday", FRI, nth=5),
        recurrence.Rhythm("monthly_weekday", THU, nth=-1),
        recurrence.Rhythm("monthly_date", day=10),
    ],
)
def test_each_rhythm_we_offer_reads_back_from_its_rule(rhythm: recurrence.Rhythm) -> None:
    assert recurrence.is_valid(rhythm.rule())
    assert recurrence.rhythm_of(rhythm.rule()) == rhythm


def test_a_rule_we_do_not_offer_is_not_mistaken_for_one() -> None:
    assert recurrence.rhythm_of("FREQ=YEARLY;BYMONTH=3") is None
    assert recurrence.rhythm_of("FREQ=MONTHLY;BYDAY=9TU") is None
    assert not recurrence.is_valid("FREQ=SOMETIMES")
