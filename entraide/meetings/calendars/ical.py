"""The groups' meetings as iCalendar (RFC 5545): private subscription feeds and one-meeting files.

Each planned meeting is a VEVENT of its own, with one UID wherever it appears, in its own file
and in every feed: "meeting-<id>@<host>". A series adds one VEVENT with its RRULE and DTSTART in
the group's zone, for the occurrences not planned yet (UID "series-<id>@<host>"): a phone
repeats 18h30 as 18h30 across daylight-saving changes exactly as `recurrence.occurrences` does,
and every occurrence already planned (moved, cancelled or not) is an EXDATE of it, its meeting
saying the rest. So a meeting downloaded by hand and the same meeting in a subscribed feed are
one event for the calendar that holds both.

Each zone the events use gets a VTIMEZONE written as yearly rules (`lib.vtimezone`), the form
every calendar reads right, ical.js included (Thunderbird, Nextcloud).

The address and the link are written only for whoever may see them (`access.sees_the_place`).
A group's public calendar (`public_calendar`) gives its rhythm to anyone, before joining: the
same events, never a place or a link, each leading to the group's public page.

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

from entraide.directory.models import SupportGroup
from entraide.lib import recurrence
from entraide.lib.vtimezone import vtimezone
from entraide.meetings.access import sees_the_place
from entraide.meetings.display import link_of, place_of
from entraide.meetings.models import CalendarToken, Meeting, MeetingSeries
from entraide.membership.models import Membership

PRODID = "-//Entraide//Rencontres des groupes//FR"
# The changes of offset read for a VTIMEZONE go this many years past today; its yearly rules
# hold beyond, as long as the zone keeps them.
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
    """The calendar as bytes, with a VTIMEZONE first for every zone its events use."""
    starts = [
        event.DTSTART
        for event in calendar.walk("VEVENT")
        if isinstance(event, Event) and isinstance(event.DTSTART, dt.datetime)
    ]
    today = timezone.localdate()
    first = min([start.date() for start in starts] + [today]) - dt.timedelta(days=1)
    last = today.replace(year=today.year + ZONE_YEARS_AHEAD)
    zones = {
        start.tzinfo.key: start.tzinfo for start in starts if isinstance(start.tzinfo, ZoneInfo)
    }
    calendar.subcomponents[:0] = [vtimezone(zones[key], first, last) for key in sorted(zones)]
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


def meeting_uid(meeting: Meeting) -> str:
    """The meeting's UID, the same in its own file and in every feed."""
    return f"meeting-{meeting.pk}@{uid_host()}"


def _meeting_event(meeting: Meeting, mine: Membership | None, stamp: dt.datetime) -> Event:
    """A planned meeting as a VEVENT of its own; `mine` None: as anyone sees it, without its
    place or link and with the group's public page."""
    group = meeting.group
    zone = group.time_zone
    # A named meeting says what it is: "Deuil Nantes — Séance d'information".
    summary = f"{group.name} — {meeting.title}" if meeting.title else group.name
    event = _event(
        meeting_uid(meeting),
        summary,
        meeting.starts_at.astimezone(zone),
        meeting.ends_at.astimezone(zone),
        stamp,
    )
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
    event.add("last-modified", meeting.updated_at)
    _describe(
        event,
        reverse("meetings:detail", args=[group.slug, meeting.pk])
        if mine is not None
        else group.get_absolute_url(),
        place_of(meeting),
        link_of(meeting),
        mine is not None and sees_the_place(mine, meeting),
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
    mine: Membership | None,
    stamp: dt.datetime,
) -> list[Event]:
    """The series' VEVENT for the occurrences not planned yet, then its planned meetings.

    Only the group's current series (`ruling`) repeats; an older one only shows the meetings it
    had. Every occurrence of the rule already planned is an EXDATE of the rule: its meeting is
    a VEVENT of its own, at its own time (a moved one), or nowhere (a cancelled one).
    """
    shown = [_meeting_event(m, mine, stamp) for m in planned if not m.is_cancelled]
    if series != ruling:
        return shown
    group = series.group
    zone: ZoneInfo = group.time_zone
    rule = recurrence.parse(
        series.rule, recurrence.first_start(series.starts_on, series.start_time, zone)
    )
    # RFC 5545 counts DTSTART as the first occurrence; dateutil only yields dates of the rule.
    first = next(iter(rule), None)
    if first is None:  # a rule whose UNTIL or COUNT left nothing
        return shown
    master = _event(
        f"series-{series.pk}@{uid_host()}", group.name, first, series_end(series, first), stamp
    )
    master.add("rrule", vRecur.from_ical(series.rule))
    planned_occurrences = [m.occurrence_start for m in planned if m.occurrence_start]
    # Aware datetimes compare and hash by their instant, whatever their zone.
    of_the_rule = (
        set(rule.between(min(planned_occurrences), max(planned_occurrences), inc=True))
        if planned_occurrences
        else set()
    )
    taken = sorted(start.astimezone(zone) for start in of_the_rule & set(planned_occurrences))
    if taken:
        master.add("exdate", taken)
    # The occurrences not planned yet: what a meeting to come of the series would show.
    to_come = Meeting(group=group, series=series, starts_at=timezone.now())
    _describe(
        master,
        reverse("meetings:list", args=[group.slug])
        if mine is not None
        else group.get_absolute_url(),
        place_of(to_come),
        link_of(to_come),
        mine is not None and sees_the_place(mine, to_come),
    )
    return [master, *shown]


def group_events(mine: Membership, stamp: dt.datetime) -> list[Event]:
    """Every meeting of my group, as far as the rules go, in the group's zone."""
    return _events_of(mine.group, mine, stamp)


def _events_of(group: SupportGroup, mine: Membership | None, stamp: dt.datetime) -> list[Event]:
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


def public_calendar(group: SupportGroup) -> bytes:
    """The group's rhythm for anyone, before joining: its meetings' dates and times, never a
    place, a link or a member; each event leads to the group's public page."""
    calendar = new_calendar(group.name)
    stamp = timezone.now()
    if group.status != SupportGroup.Status.PAUSED:
        events = _events_of(group, None, stamp)
        if not events and group.start_time is not None:
            events = _rhythm_events(group, stamp)
        for event in events:
            calendar.add_component(event)
    return finish(calendar)


def _rhythm_events(group: SupportGroup, stamp: dt.datetime) -> list[Event]:
    """A group whose meetings are not planned here yet: its rhythm from the directory."""
    rule_text, start_time = group.directory_rule(), group.start_time
    if rule_text is None or start_time is None:
        return []
    zone = group.time_zone
    starts_on = group.first_meeting_on or timezone.localdate()
    rule = recurrence.parse(rule_text, recurrence.first_start(starts_on, start_time, zone))
    first = next(iter(rule), None)
    if first is None:
        return []
    end = (
        dt.datetime.combine(first.date(), group.end_time, tzinfo=zone)
        if group.end_time and group.end_time > start_time
        else first + dt.timedelta(hours=2)
    )
    event = _event(f"group-{group.pk}@{uid_host()}", group.name, first, end, stamp)
    event.add("rrule", vRecur.from_ical(rule_text))
    _describe(event, group.get_absolute_url(), "", "", False)
    return [event]


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
