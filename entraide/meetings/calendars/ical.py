"""The groups' meetings as iCalendar (RFC 5545): private subscription feeds and one-meeting files.

A series is one VEVENT with its RRULE, its DTSTART in the group's zone (TZID, with a VTIMEZONE),
so a phone repeats 18h30 as 18h30 across daylight-saving changes exactly as
`recurrence.occurrences` does. Its planned meetings are overriding VEVENTs (same UID,
RECURRENCE-ID = `Meeting.occurrence_start`), so each one carries its own time, place and page;
a cancelled occurrence is an EXDATE; occurrences not planned yet follow the rule. Extra meetings
are VEVENTs of their own. UIDs never change: "series-<id>@<host>", "meeting-<id>@<host>".

The address and the link are written only for whoever may see them (`access.sees_the_place`).

A calendar address carries a secret token instead of a login (calendar apps cannot log in):
whoever has it reads the dates, so it can be revoked, and then answers 404 like an unknown one.
"""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from entraide.lib import recurrence
from entraide.meetings.access import sees_the_place
from entraide.meetings.display import link_of, place_of
from entraide.meetings.models import CalendarToken, Meeting, MeetingSeries
from entraide.membership.models import Membership

PRODID = "-//Entraide//Rencontres des groupes//FR"
# The VTIMEZONE we write covers this many years from today; phones know the zone by its name
# anyway, the rules are there for the calendars that do not.
ZONE_YEARS_AHEAD = 10


def uid_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "entraide"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # Read by Apple, Google and Thunderbird as the subscribed calendar's name.
    calendar.add("x-wr-calname", name)
    return calendar


def finish(calendar: Calendar) -> bytes:
    """The calendar as bytes, with a VTIMEZONE for every zone its events use."""
    earliest = min(
        (
            event.DTSTART.date()
            for event in calendar.walk("VEVENT")
            if isinstance(event, Event) and isinstance(event.DTSTART, dt.datetime)
        ),
        default=None,
    )
    today = timezone.localdate()
    first = min(earliest, today) if earliest else today
    calendar.add_missing_timezones(
        first_date=first - dt.timedelta(days=1),
        last_date=today.replace(year=today.year + ZONE_YEARS_AHEAD),
    )
    return bytes(calendar.to_ical())


# --- What an event says --------------------------------------------------------------------


def series_end(series: MeetingSeries, start: dt.datetime) -> dt.datetime:
    """The end of an occurrence starting at `start`, at the series' wall-clock end time."""
    end = dt.datetime.combine(start.date(), series.end_time, tzinfo=start.tzinfo)
    return end if end > start else end + dt.timedelta(days=1)


def _describe(event: Event, page: str, place: str, link: str, shown: bool) -> None:
    lines = [_("Page de la rencontre : %(url)s") % {"url": absolute(page)}]
    if shown:
        if place:
            event.add("location", place)
        elif link:
            event.add("location", link)
        if link:
            event.add("url", link)
            lines.append(_("Lien pour se retrouver en ligne : %(url)s") % {"url": link})
    else:
        lines.append(_("Le lieu est indiqué aux membres du groupe."))
    event.add("description", "\n".join(lines))


def _event(
    uid: str, summary: str, start: dt.datetime, end: dt.datetime, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    return event


def _meeting_event(
    meeting: Meeting, mine: Membership, stamp: dt.datetime, *, uid: str | None = None
) -> Event:
    """A planned meeting as a VEVENT: standalone, or (with the series' uid) an override."""
    group = meeting.group
    zone = group.time_zone
    event = _event(
        uid or f"meeting-{meeting.pk}@{uid_host()}",
        group.name,
        meeting.starts_at.astimezone(zone),
        meeting.ends_at.astimezone(zone),
        stamp,
    )
    if uid is not None and meeting.occurrence_start is not None:
        event.add("recurrence-id", meeting.occurrence_start.astimezone(zone))
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
    event.add("last-modified", meeting.updated_at)
    _describe(
        event,
        reverse("meetings:detail", args=[group.slug, meeting.pk]),
        place_of(meeting),
        link_of(meeting),
        sees_the_place(mine, meeting),
    )
    return event


def meeting_calendar(meeting: Meeting, mine: Membership) -> bytes:
    """One meeting, as a file to add to one's calendar by hand."""
    calendar = new_calendar(meeting.group.name)
    calendar.add_component(_meeting_event(meeting, mine, timezone.now()))
    return finish(calendar)


# --- A group's meetings --------------------------------------------------------------------


def _series_events(
    series: MeetingSeries,
    ruling: MeetingSeries | None,
    planned: list[Meeting],
    mine: Membership,
    stamp: dt.datetime,
) -> list[Event]:
    """The series' VEVENT with its rule and exceptions, then one override per planned meeting.

    Only the group's current series (`ruling`) repeats; an older one only shows the meetings it
    had. A planned meeting whose occurrence the rule does not give (the rule changed since it was
    planned) becomes a VEVENT of its own: a RECURRENCE-ID must name one of the rule's dates.
    """
    if series != ruling:
        return [_meeting_event(m, mine, stamp) for m in planned if not m.is_cancelled]
    group = series.group
    zone: ZoneInfo = group.time_zone
    rule = recurrence.parse(
        series.rule, recurrence.first_start(series.starts_on, series.start_time, zone)
    )
    # RFC 5545 counts DTSTART as the first occurrence; dateutil only yields dates of the rule.
    first = next(iter(rule), None)
    if first is None:  # a rule whose UNTIL or COUNT left nothing
        return [_meeting_event(m, mine, stamp) for m in planned if not m.is_cancelled]
    uid = f"series-{series.pk}@{uid_host()}"
    master = _event(uid, group.name, first, series_end(series, first), stamp)
    master.add("rrule", vRecur.from_ical(series.rule))
    planned_occurrences = [m.occurrence_start for m in planned if m.occurrence_start]
    # Aware datetimes compare and hash by their instant, whatever their zone.
    of_the_rule = (
        set(rule.between(min(planned_occurrences), max(planned_occurrences), inc=True))
        if planned_occurrences
        else set()
    )
    overrides: list[Event] = []
    cancelled: list[dt.datetime] = []
    for meeting in planned:
        occurrence = meeting.occurrence_start
        if occurrence is None or occurrence not in of_the_rule:
            if not meeting.is_cancelled:
                overrides.append(_meeting_event(meeting, mine, stamp))
        elif meeting.is_cancelled:
            cancelled.append(occurrence.astimezone(zone))
        else:
            overrides.append(_meeting_event(meeting, mine, stamp, uid=uid))
    if cancelled:
        master.add("exdate", cancelled)
    # The occurrences not planned yet: what a meeting to come of the series would show.
    to_come = Meeting(group=group, series=series, starts_at=timezone.now())
    _describe(
        master,
        reverse("meetings:list", args=[group.slug]),
        place_of(to_come),
        link_of(to_come),
        sees_the_place(mine, to_come),
    )
    return [master, *overrides]


def group_events(mine: Membership, stamp: dt.datetime) -> list[Event]:
    """Every meeting of my group, as far as the rules go, in the group's zone."""
    group = mine.group
    meetings = list(group.meetings.select_related("series", "group"))
    events: list[Event] = []
    ruling = group.active_series()
    for series in group.series.select_related("group").order_by("pk"):
        planned = [m for m in meetings if m.series_id == series.pk]
        events.extend(_series_events(series, ruling, planned, mine, stamp))
    events.extend(
        _meeting_event(m, mine, stamp)
        for m in meetings
        if m.series_id is None and not m.is_cancelled
    )
    return events


def feed_calendar(name: str, memberships: Iterable[Membership]) -> bytes:
    calendar = new_calendar(name)
    stamp = timezone.now()
    for mine in memberships:
        for event in group_events(mine, stamp):
            calendar.add_component(event)
    return finish(calendar)


def feed_memberships(token: CalendarToken) -> list[Membership]:
    """The groups this address shows: only those its owner is still active in."""
    memberships = Membership.objects.filter(
        user=token.user, status=Membership.Status.ACTIVE, group__is_published=True
    ).select_related("group", "user")
    if token.group_id is not None:
        memberships = memberships.filter(group_id=token.group_id)
    return list(memberships.order_by("group__name"))
