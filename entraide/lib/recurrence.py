"""RFC 5545 recurrence for meeting series, in the group's time zone (plain Python, dateutil).

The rhythms offered (seed 000 and the issue): weekly, fortnightly, monthly by weekday ("le 1er
mardi du mois", "le dernier jeudi", "le 5e vendredi" — months without one are skipped, as RFC
5545 says), monthly by date. A rule is stored as its RRULE value, e.g. "FREQ=MONTHLY;BYDAY=1TU".
Occurrences keep their wall-clock time: dateutil repeats DTSTART's local time and the zone gives
each occurrence its own offset, so 18h30 stays 18h30 across daylight-saving changes.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil import rrule

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def weekly(weekday: int, interval: int = 1) -> str:
    """Every week (interval 1) or every other week (interval 2) on a weekday (0 = Monday)."""
    base = f"FREQ=WEEKLY;BYDAY={WEEKDAY_CODES[weekday]}"
    return (
        base if interval == 1 else f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={WEEKDAY_CODES[weekday]}"
    )


def monthly_by_weekday(weekday: int, nth: int) -> str:
    """The nth weekday of the month: nth 1 to 5, or -1 for the last one."""
    return f"FREQ=MONTHLY;BYDAY={nth}{WEEKDAY_CODES[weekday]}"


def monthly_by_date(day: int) -> str:
    return f"FREQ=MONTHLY;BYMONTHDAY={day}"


def parse(rule: str, first: dt.datetime) -> rrule.rrule:
    """The rule as a dateutil rrule starting at `first` (an aware local datetime)."""
    parsed = rrule.rrulestr(f"RRULE:{rule}", dtstart=first)
    if not isinstance(parsed, rrule.rrule):  # an RRULE line alone always gives one rule
        raise ValueError(rule)
    return parsed


def is_valid(rule: str) -> bool:
    try:
        parse(rule, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    except (ValueError, TypeError):
        return False
    return True


def first_start(starts_on: dt.date, start_time: dt.time, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(starts_on, start_time, tzinfo=zone)


def occurrences(
    rule: str,
    starts_on: dt.date,
    start_time: dt.time,
    zone: ZoneInfo,
    after: dt.datetime,
    before: dt.datetime,
) -> Iterator[dt.datetime]:
    """The series' starts in [after, before), as aware datetimes in the group's zone."""
    for start in parse(rule, first_start(starts_on, start_time, zone)).between(
        after, before, inc=True
    ):
        if start < before:
            yield start


RHYTHM_KINDS = ("weekly", "fortnightly", "monthly_weekday", "monthly_date")


@dataclass(frozen=True, slots=True)
class Rhythm:
    """A rule as the form and the directory see it: its kind and the one or two numbers it needs.

    `nth` is 1 to 5 or -1 (the last one) for a monthly rhythm by weekday; `day` is 1 to 31 for a
    monthly rhythm by date (months without that day are skipped, as RFC 5545 says).
    """

    kind: str
    weekday: int | None = None
    nth: int | None = None
    day: int | None = None

    def rule(self) -> str:
        if self.kind == "weekly" and self.weekday is not None:
            return weekly(self.weekday)
        if self.kind == "fortnightly" and self.weekday is not None:
            return weekly(self.weekday, interval=2)
        if self.kind == "monthly_weekday" and self.weekday is not None and self.nth is not None:
            return monthly_by_weekday(self.weekday, self.nth)
        if self.kind == "monthly_date" and self.day is not None:
            return monthly_by_date(self.day)
        raise ValueError(self)


def rhythm_of(rule: str) -> Rhythm | None:
    """The rhythm a rule we wrote stands for; None for any other rule."""
    parts = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    frequency, byday = parts.get("FREQ"), parts.get("BYDAY", "")
    interval = parts.get("INTERVAL", "1")
    if frequency == "WEEKLY" and byday in WEEKDAY_CODES and interval in ("1", "2"):
        return Rhythm("weekly" if interval == "1" else "fortnightly", WEEKDAY_CODES.index(byday))
    if frequency == "MONTHLY" and interval == "1":
        if len(byday) >= 3 and byday[-2:] in WEEKDAY_CODES:
            try:
                nth = int(byday[:-2])
            except ValueError:
                return None
            if nth in (1, 2, 3, 4, 5, -1):
                return Rhythm("monthly_weekday", WEEKDAY_CODES.index(byday[-2:]), nth=nth)
        if "BYMONTHDAY" in parts and not byday:
            try:
                day = int(parts["BYMONTHDAY"])
            except ValueError:
                return None
            if 1 <= day <= 31:
                return Rhythm("monthly_date", day=day)
    return None


def first_day_on_or_after(rule: str, day: dt.date, start_time: dt.time, zone: ZoneInfo) -> dt.date:
    """The first day the rule meets on, from `day` on.

    RFC 5545 counts DTSTART as the first occurrence even when it does not match the rule, and
    dateutil does not: a series always starts on a day of its own rule, so both agree.
    """
    start = first_start(day, start_time, zone)
    found = parse(rule, start).after(start, inc=True)
    if found is None:  # every rule we offer has occurrences for ever
        raise ValueError(rule)
    return found.date()
