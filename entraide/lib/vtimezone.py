"""A time zone as an iCalendar VTIMEZONE, written as the tz database describes it: yearly rules.

The changes of offset a zone makes between two moments are read from zoneinfo. Those that come
back every year in the same month, on the same weekday of it ("the last Sunday of March") or the
same day, at the same local hour, become one STANDARD or DAYLIGHT component with a yearly RRULE,
open-ended when the rule still holds at the end (the tz database's "max"); any other change is a
component of its own. Another way, a first date and the later ones as an RDATE list (what
icalendar's `add_missing_timezones` writes), is read wrongly by ical.js (Thunderbird, Nextcloud):
it takes only the first date of such a list, and whole summers came out one hour off.
"""

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from entraide.lib.recurrence import WEEKDAY_CODES

# A zone changes at most once a day (real zones change at most a few times a year).
STEP = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class State:
    offset: dt.timedelta
    is_dst: bool
    name: str


@dataclass(frozen=True, slots=True)
class Change:
    """The zone goes from `before` to `after` at the instant `at` (UTC)."""

    at: dt.datetime
    before: State
    after: State

    @property
    def onset(self) -> dt.datetime:
        """The local wall-clock time of the change, before it (RFC 5545's DTSTART)."""
        return (self.at + self.before.offset).replace(tzinfo=None)

    def kind(self) -> tuple[State, State, int, dt.time]:
        """What a yearly rule keeps the same: both states, the month and the local hour."""
        return self.before, self.after, self.onset.month, self.onset.time()

    def days(self) -> set[str]:
        """The ways a yearly rule may name this change's day: "BYDAY=-1SU", "BYDAY=2SU",
        "BYMONTHDAY=25"."""
        onset = self.onset
        weekday = WEEKDAY_CODES[onset.weekday()]
        found = {f"BYDAY={(onset.day - 1) // 7 + 1}{weekday}", f"BYMONTHDAY={onset.day}"}
        if onset.day + 7 > calendar.monthrange(onset.year, onset.month)[1]:
            found.add(f"BYDAY=-1{weekday}")
        return found


def state_at(zone: ZoneInfo, instant: dt.datetime) -> State:
    local = instant.astimezone(zone)
    offset, dst = local.utcoffset(), local.dst()
    assert offset is not None  # a ZoneInfo always answers
    return State(offset, bool(dst), local.tzname() or str(zone))


@functools.lru_cache(maxsize=64)
def changes(zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> tuple[Change, ...]:
    """Every change of the zone between two aware instants, to the second (kept: a feed asks
    for the same years again and again)."""
    found: list[Change] = []
    here, state = start, state_at(zone, start)
    while here < end:
        there = min(here + STEP, end)
        later = state_at(zone, there)
        if later != state:
            # Halve the day until the second of the change.
            low, high = here, there
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if state_at(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            found.append(Change(high.astimezone(dt.UTC), state, later))
        here, state = there, later
    return tuple(found)


def _preferred(days: set[str]) -> str:
    """ "The last Sunday" over "the 4th Sunday" over "the 25th", when several say the same."""
    for start in ("BYDAY=-1", "BYDAY=", "BYMONTHDAY="):
        for day in sorted(days):
            if day.startswith(start):
                return day
    raise ValueError(days)


def _yearly_runs(found: tuple[Change, ...]) -> list[tuple[list[Change], str]]:
    """The changes gathered into runs of consecutive years that one yearly rule gives, with
    the way that rule names the day."""
    runs: list[tuple[list[Change], set[str]]] = []
    for change in found:
        for run, days in runs:
            last = run[-1]
            common = days & change.days()
            if last.kind() == change.kind() and last.onset.year + 1 == change.onset.year and common:
                run.append(change)
                days.intersection_update(common)
                break
        else:
            runs.append(([change], change.days()))
    return [(run, _preferred(days)) for run, days in runs]


def _component(
    state: State, before: State, onset: dt.datetime
) -> TimezoneStandard | TimezoneDaylight:
    component = TimezoneDaylight() if state.is_dst else TimezoneStandard()
    component.add("dtstart", onset)
    component.add("tzoffsetfrom", before.offset)
    component.add("tzoffsetto", state.offset)
    component.add("tzname", state.name)
    return component


def vtimezone(zone: ZoneInfo, first: dt.date, last: dt.date) -> Timezone:
    """The zone's VTIMEZONE, right for every moment from the day `first` to the day `last`, and
    beyond while its last rules hold."""
    # From a year before: the first day then follows a real change of the zone (not only
    # the state at the start, which some readers misjudge in the hour after it).
    start = dt.datetime.combine(first - dt.timedelta(days=366), dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC)
    timezone = Timezone()
    timezone.add("tzid", zone.key)
    # What holds at the start, so that no moment before the first change is left unsaid.
    initial = state_at(zone, start)
    timezone.add_component(
        _component(initial, initial, start.astimezone(zone).replace(tzinfo=None))
    )
    for run, day in _yearly_runs(changes(zone, start, end)):
        head, tail = run[0], run[-1]
        component = _component(head.after, head.before, head.onset)
        if len(run) > 1:
            rule = f"FREQ=YEARLY;BYMONTH={head.onset.month};{day}"
            # A rule still holding a year before the end is taken to go on, as in tzdata.
            if tail.at + dt.timedelta(days=366) < end:
                # A day after its last change: a reader comparing UNTIL with the local time
                # instead of UTC (dateutil does) still counts that change.
                until = tail.at + dt.timedelta(days=1)
                rule += f";UNTIL={until:%Y%m%dT%H%M%SZ}"
            component.add("rrule", vRecur.from_ical(rule))
        timezone.add_component(component)
    return timezone
