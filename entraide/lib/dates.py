"""Dates and times in words, in the active language, as people write them.

French writes 18h30 (not 18:30); English writes 6:30 PM. Every label of a time the site shows
in a sentence comes from here, so a rhythm, a flyer and a reminder say it the same way.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

FRENCH_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
# "1 mars" but not "21 mars" nor "1 200": French writes the first day of a month "1er".
FIRST_OF_MONTH = re.compile(rf"(?<![\d,.])1 (?=(?:{FRENCH_MONTHS})\b)", re.IGNORECASE)


def first_of_month(text: str) -> str:
    """In French, "1 décembre" becomes "1er décembre"; other languages are left alone."""
    if (get_language() or "").startswith("fr"):
        return FIRST_OF_MONTH.sub("1er ", text)
    return text


def date_label(value: dt.date | dt.datetime, format: str = "DATE_FORMAT") -> str:
    """Django's date_format, with the French "1er"."""
    return first_of_month(date_format(value, format))


def time_label(value: dt.time | dt.datetime) -> str:
    """18h30, 18h; 6:30 PM, 6 PM."""
    if get_language() == "en":
        return value.strftime("%-I:%M %p") if value.minute else value.strftime("%-I %p")
    return f"{value.hour}h{value.minute:02d}" if value.minute else f"{value.hour}h"


def moment_label(value: dt.datetime, zone: ZoneInfo | None = None) -> str:
    """mardi 3 mars 2026 à 18h30, in `zone` when given (a group's), else as it is."""
    if zone is not None:
        value = timezone.localtime(value, zone)
    return _("%(date)s à %(time)s") % {
        "date": date_label(value, "l j F Y"),
        "time": time_label(value),
    }


def wait_label(seconds: int) -> str:
    """How long to wait, rounded up: 45 secondes, 1 minute, 15 minutes."""
    if seconds < 60:
        return ngettext("%(count)d seconde", "%(count)d secondes", seconds) % {"count": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
