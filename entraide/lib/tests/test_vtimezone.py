"""Our VTIMEZONE, read back by a Python parser (icalendar, then dateutil's own reading of the
rules, without the zone's name), gives the offsets of the tz database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Timezone

from entraide.lib.vtimezone import changes, vtimezone


@pytest.mark.parametrize(
    "key",
    [
        "Europe/Paris",
        "Europe/Brussels",
        "Europe/Zurich",
        "Europe/Luxembourg",
        "Europe/Monaco",
        "America/Toronto",  # its rules changed in 2007
        "Australia/Sydney",  # summer at the end of the year
        "Asia/Tokyo",  # no change at all
    ],
)
def test_the_rules_give_the_zone_offset_every_day_and_around_every_change(key: str) -> None:
    zone = ZoneInfo(key)
    written = vtimezone(zone, dt.date(2004, 1, 1), dt.date(2036, 1, 1)).to_ical()
    parsed = Calendar.from_ical(written)
    assert isinstance(parsed, Timezone)
    read = parsed.to_tz(lookup_tzid=False)
    # Until ten years after the last day: the rules still holding go on.
    end = dt.datetime(2046, 1, 1, tzinfo=dt.UTC)
    moments = [dt.datetime(2004, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=n) for n in range(15_400)]
    for change in changes(zone, moments[0], end):
        moments += [change.at + dt.timedelta(hours=n) for n in range(-30, 30)]
        moments += [change.at - dt.timedelta(seconds=1), change.at]

    wrong = [
        moment
        for moment in moments
        if moment < end
        and moment.astimezone(read).utcoffset() != moment.astimezone(zone).utcoffset()
    ]

    assert wrong == []


def test_paris_is_written_as_the_tz_database_says_it() -> None:
    written = vtimezone(ZoneInfo("Europe/Paris"), dt.date(2026, 12, 7), dt.date(2036, 12, 7))

    text = written.to_ical().decode().replace("\r\n", "\n")

    assert "RDATE" not in text
    assert (
        "BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\n"
        "TZNAME:CEST\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\n"
    ) in text
    assert (
        "BEGIN:STANDARD\nDTSTART:20261025T030000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\n"
        "TZNAME:CET\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n"
    ) in text


def test_a_rule_that_ended_says_until_when() -> None:
    text = vtimezone(ZoneInfo("America/Toronto"), dt.date(2004, 1, 1), dt.date(2036, 1, 1))

    body = text.to_ical().decode()

    assert "RRULE:FREQ=YEARLY;UNTIL=20060403T070000Z;BYDAY=1SU;BYMONTH=4" in body
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in body
