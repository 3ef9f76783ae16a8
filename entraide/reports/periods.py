"""The periods a report covers: this year, last year, the last twelve months, a quarter.

A period runs from its first day to its last, both included, in the site's time zone; what
happens after today is not known yet, so figures read at a date stop at today."""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _

QUARTERS_OFFERED = 8  # the current quarter and the seven before


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    first: dt.date
    last: dt.date

    @cached_property
    def starts(self) -> dt.datetime:
        return at_midnight(self.first)

    @cached_property
    def ends(self) -> dt.datetime:
        """The first instant after the period."""
        return at_midnight(self.last + dt.timedelta(days=1))

    def until(self, today: dt.date) -> dt.date:
        """The last day the figures can be read at."""
        return min(self.last, today)


def at_midnight(day: dt.date) -> dt.datetime:
    """Midnight in the site's time zone, written in UTC: the database's datetimes are, and two
    datetimes of one zone compare much faster (a thousand groups are compared at each date)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time())).astimezone(dt.UTC)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter(year: int, number: int) -> Period:
    first = dt.date(year, 3 * number - 2, 1)
    last = month_end(dt.date(year, 3 * number, 1))
    return Period(
        f"{year}-T{number}",
        _("%(number)se trimestre %(year)s") % {"number": number, "year": year}
        if number > 1
        else _("1er trimestre %(year)s") % {"year": year},
        first,
        last,
    )


def month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def periods(today: dt.date) -> list[Period]:
    """The periods offered, the default first."""
    twelve_first = dt.date(today.year - 1, today.month, 1)
    twelve_first = month_end(twelve_first) + dt.timedelta(days=1)
    found = [
        Period(
            "annee",
            _("Cette année (%(year)s)") % {"year": today.year},
            dt.date(today.year, 1, 1),
            dt.date(today.year, 12, 31),
        ),
        Period(
            "annee-derniere",
            _("L'an dernier (%(year)s)") % {"year": today.year - 1},
            dt.date(today.year - 1, 1, 1),
            dt.date(today.year - 1, 12, 31),
        ),
        Period("12-mois", _("Les douze derniers mois"), twelve_first, today),
    ]
    year, number = quarter_of(today)
    for _step in range(QUARTERS_OFFERED):
        found.append(quarter(year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return found


def month_ends(period: Period, today: dt.date) -> list[dt.date]:
    """The last day of each month of the period up to today, and today if its month is not
    over: the dates at which groups are counted by stage."""
    last = period.until(today)
    found = []
    day = month_end(period.first)
    while day < last:
        found.append(day)
        day = month_end(day + dt.timedelta(days=1))
    if last >= period.first:
        found.append(last)
    return found


def quarters_in(period: Period) -> list[tuple[int, int]]:
    found = []
    year, number = quarter_of(period.first)
    while (year, number) <= quarter_of(period.last):
        found.append((year, number))
        year, number = (year, number + 1) if number < 4 else (year + 1, 1)
    return found
