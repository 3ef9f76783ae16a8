"""The writes of a group's meetings: its series, the meetings planned from it, and exceptions.

One function per change, each in a transaction. Members are told by e-mail, after commit and in
their own language, when a meeting is cancelled, moved or added. None of these writes is
audit-logged: they say when the group meets, never who belongs to it. When the group meets at
members' homes in turn, each new meeting's host is asked through `meetings.hosts`. A change of
the series' address or link never rewrites the past: the meetings already held keep the ones
they had.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from entraide.accounts.models import User
from entraide.directory.actions import directory_changed
from entraide.directory.models import SupportGroup
from entraide.lib import recurrence
from entraide.lib.hooks import Hook
from entraide.meetings.answers.actions import fill_free_seats
from entraide.meetings.display import link_of, place_of, usual_place
from entraide.meetings.hosts import actions as hosts
from entraide.meetings.models import Meeting, MeetingSeries, Venue
from entraide.meetings.reminders import actions as reminders
from entraide.membership.models import Membership
from entraide.notifications.actions import notify

# How far ahead meetings are planned: a little more than two months, enough for the
# reminders, the calendars and for choosing who hosts, never so far that an edited rhythm
# leaves many rows behind.
PLANNING_HORIZON = dt.timedelta(weeks=10)

# After a group's meetings were planned, added, moved, cancelled or reinstated (after the
# commit): federation brings the group's followers elsewhere up to date.
when_meetings_changed: Hook[[SupportGroup]] = Hook("meetings.when_meetings_changed")


def _tell_the_apps_above(group: SupportGroup) -> None:
    transaction.on_commit(lambda: when_meetings_changed(group))


def _schedule_reminders(meeting: Meeting) -> None:
    """Ask the reminders' module to plan this meeting's reminders, once the data is saved."""
    transaction.on_commit(lambda: reminders.schedule(meeting))


# --- The series ---------------------------------------------------------------------------


def save_series(
    group: SupportGroup, fields: Mapping[str, Any], *, by: Membership | None
) -> MeetingSeries:
    """Create or change the group's series, then plan its meetings again.

    `fields`: rhythm (one of recurrence.RHYTHM_KINDS), weekday, nth, day, starts_on, start_time,
    end_time, venue, place, online_link, capacity — as SeriesForm cleans them. The series starts
    on the first day of its rule from `starts_on` on. The group's structured rhythm (used by the
    directory's search filters) is written from the series, so both always say the same.
    `by` is the facilitator (None for the demo loader); nothing is audit-logged.
    """
    rhythm = recurrence.Rhythm(
        fields["rhythm"], fields.get("weekday"), fields.get("nth"), fields.get("day")
    )
    rule = rhythm.rule()
    zone = group.time_zone
    starts_on = recurrence.first_day_on_or_after(
        rule, fields["starts_on"], fields["start_time"], zone
    )
    with transaction.atomic():
        SupportGroup.objects.select_for_update().filter(pk=group.pk).first()
        series = group.active_series() or MeetingSeries(group=group)
        becomes_rotation = fields["venue"] == Venue.ROTATION and series.venue != Venue.ROTATION
        was_usual = usual_place(group)
        past = _where_past_meetings_were(series)
        series.rule = rule
        series.starts_on = starts_on
        series.start_time = fields["start_time"]
        series.end_time = fields["end_time"]
        series.venue = fields["venue"]
        series.place = fields.get("place", "") or ""
        series.online_link = fields.get("online_link", "") or ""
        series.capacity = fields.get("capacity")
        series.is_active = True
        series.full_clean()
        series.save()
        _keep_where_they_were(series, past)
        _follow_the_usual_place(group, was_usual, usual_place(group))
        _write_group_rhythm(group, rhythm, series)
        plan_meetings(group)
        if becomes_rotation:  # the meetings already planned need a host too
            for meeting in Meeting.objects.filter(
                series=series,
                starts_at__gt=timezone.now(),
                host__isnull=True,
                status=Meeting.Status.SCHEDULED,
            ).order_by("starts_at"):
                hosts.suggest_fairest(meeting, exclude=())
        for meeting in Meeting.objects.select_for_update().filter(
            series=series, capacity__isnull=True, starts_at__gt=timezone.now()
        ):
            fill_free_seats(meeting)  # the series has more places: the first people waiting come
    transaction.on_commit(directory_changed)
    return series


def _where_past_meetings_were(series: MeetingSeries) -> list[tuple[Meeting, str, str]]:
    """The series' meetings already begun, with the address and link they had."""
    if series.pk is None:
        return []
    begun = Meeting.objects.select_related("series").filter(
        series=series, starts_at__lte=timezone.now()
    )
    return [(meeting, place_of(meeting), link_of(meeting)) for meeting in begun]


def _keep_where_they_were(series: MeetingSeries, past: list[tuple[Meeting, str, str]]) -> None:
    """History is not rewritten: a past meeting that took the series' address or link keeps
    the one it had, written on it, once the series' changes."""
    for meeting, place, link in past:
        meeting.series = series
        if (place_of(meeting), link_of(meeting)) == (place, link):
            continue
        meeting.place, meeting.online_link = place, link
        meeting.save(update_fields=["place", "online_link", "updated_at"])


def _follow_the_usual_place(
    group: SupportGroup, was: tuple[str, str], now: tuple[str, str]
) -> None:
    """Coming meetings added by hand at the usual address (or link) move with it; those given
    another keep theirs."""
    if was == now:
        return
    coming = Meeting.objects.filter(group=group, series__isnull=True, starts_at__gt=timezone.now())
    for meeting in coming:
        place = now[0] if was[0] and meeting.place == was[0] else meeting.place
        link = now[1] if was[1] and meeting.online_link == was[1] else meeting.online_link
        if (place, link) != (meeting.place, meeting.online_link):
            meeting.place, meeting.online_link = place, link
            meeting.save(update_fields=["place", "online_link", "updated_at"])


def _write_group_rhythm(
    group: SupportGroup, rhythm: recurrence.Rhythm, series: MeetingSeries
) -> None:
    """Copy the series into the group's rhythm fields, which the directory filters on."""
    group.frequency = rhythm.kind
    group.weekday = rhythm.weekday
    # The directory's field offers the 1st to 4th and the last week; a 5th weekday is said by
    # the series itself (SupportGroup.rhythm_label), the search still filters on its weekday.
    group.week_of_month = rhythm.nth if rhythm.nth in (1, 2, 3, 4, -1) else None
    group.day_of_month = rhythm.day
    group.start_time = series.start_time
    group.end_time = series.end_time
    group.first_meeting_on = series.starts_on
    group.save(
        update_fields=[
            "frequency",
            "weekday",
            "week_of_month",
            "day_of_month",
            "start_time",
            "end_time",
            "first_meeting_on",
            "updated_at",
        ]
    )


def _ends_at(series: MeetingSeries, start: dt.datetime) -> dt.datetime:
    """The end the same local day, at the series' end time (the next day if it ends earlier)."""
    local = start.astimezone(series.group.time_zone)
    end = dt.datetime.combine(local.date(), series.end_time, tzinfo=series.group.time_zone)
    return end if end > start else end + dt.timedelta(days=1)


def _is_involved(meeting: Meeting) -> bool:
    """Someone already answered, took a role or offered their home: we cancel, never delete."""
    return meeting.host_id is not None or meeting.answers.exists() or meeting.roles.exists()


def plan_meetings(group: SupportGroup, until: dt.datetime | None = None) -> list[Meeting]:
    """Create the meetings of the group's active series up to `until` (10 weeks by default).

    Running it again creates nothing twice (one meeting per occurrence). Future meetings that
    the rule no longer gives are removed when nobody is involved yet, and cancelled otherwise,
    with an e-mail to the members; one that only changed hour on the same day is moved, and
    keeps its answers. Cancelled and moved meetings stay as they are: they are exceptions.
    Returns the meetings created or moved.
    """
    now = timezone.now()
    until = until or now + PLANNING_HORIZON
    series = group.active_series()
    changed: list[Meeting] = []
    created: list[Meeting] = []
    with transaction.atomic():
        _tell_the_apps_above(group)
        future = Meeting.objects.select_for_update().filter(
            group=group, series__isnull=False, starts_at__gt=now
        )
        # Meetings of an older, now inactive series are left to the rule of the new one.
        stale_series = [m for m in future if series is None or m.series_id != series.pk]
        if series is None:
            for meeting in stale_series:
                _drop(meeting)
            return changed
        zone = group.time_zone
        starts = list(
            recurrence.occurrences(
                series.rule, series.starts_on, series.start_time, zone, now, until
            )
        )
        wanted = {start.astimezone(dt.UTC): start for start in starts}
        existing = {
            m.occurrence_start: m
            for m in Meeting.objects.select_for_update().filter(
                series=series, occurrence_start__in=list(wanted)
            )
        }
        by_day = {start.date(): start for start in starts}
        for meeting in [m for m in future if m.series_id == series.pk] + stale_series:
            if meeting.occurrence_start in wanted and meeting.series_id == series.pk:
                if _follow_times(meeting, series):
                    changed.append(meeting)
                continue
            # The rule changed. The same day at another hour: the meeting moves and keeps
            # everything hanging on it.
            assert meeting.occurrence_start is not None
            day = meeting.occurrence_start.astimezone(zone).date()
            start = by_day.get(day)
            if start is not None and start.astimezone(dt.UTC) not in existing:
                was_moved = meeting.starts_at != meeting.occurrence_start
                meeting.series = series
                meeting.occurrence_start = start
                if not was_moved:
                    meeting.starts_at = start
                    meeting.ends_at = _ends_at(series, start)
                meeting.save()
                existing[start.astimezone(dt.UTC)] = meeting
                changed.append(meeting)
                continue
            _drop(meeting)
        for key, start in wanted.items():
            if key in existing:
                continue
            meeting, is_new = Meeting.objects.get_or_create(
                series=series,
                occurrence_start=start,
                defaults={"group": group, "starts_at": start, "ends_at": _ends_at(series, start)},
            )
            if is_new:
                changed.append(meeting)
                created.append(meeting)
        if series.venue == Venue.ROTATION:
            # Only new meetings: someone who declined a meeting is not asked for it again.
            for meeting in sorted(created, key=lambda each: each.starts_at):
                hosts.suggest_fairest(meeting, exclude=())
        for meeting in changed:
            if not meeting.is_cancelled:
                _schedule_reminders(meeting)
    return changed


def _follow_times(meeting: Meeting, series: MeetingSeries) -> bool:
    """An unmoved meeting takes the series' new end time; True if it changed."""
    if meeting.is_cancelled or meeting.starts_at != meeting.occurrence_start:
        return False
    end = _ends_at(series, meeting.starts_at)
    if meeting.ends_at == end:
        return False
    meeting.ends_at = end
    meeting.save(update_fields=["ends_at", "updated_at"])
    return True


def _drop(meeting: Meeting) -> None:
    """A planned meeting the rhythm no longer gives: removed, or cancelled if someone is in."""
    if meeting.is_cancelled:
        return
    if _is_involved(meeting):
        meeting.status = Meeting.Status.CANCELLED
        meeting.save(update_fields=["status", "updated_at"])
        _tell_members(meeting, "cancelled", by=None)
    else:
        meeting.delete()


# --- One meeting ---------------------------------------------------------------------------


def add_meeting(
    group: SupportGroup,
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str = "",
    online_link: str = "",
    capacity: int | None = None,
    by: Membership,
) -> Meeting:
    """An extra meeting, outside the series; the members are told."""
    with transaction.atomic():
        meeting = Meeting(
            group=group,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            online_link=online_link,
            capacity=capacity,
        )
        meeting.full_clean()
        meeting.save()
        _schedule_reminders(meeting)
        _tell_members(meeting, "added", by=by.user)
        _tell_the_apps_above(meeting.group)
    return meeting


def cancel_meeting(meeting: Meeting, *, by: Membership) -> Meeting:
    """Cancel one meeting (it stays, struck through, so nobody comes by mistake)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.is_cancelled:
            return meeting
        meeting.status = Meeting.Status.CANCELLED
        meeting.save(update_fields=["status", "updated_at"])
        _tell_members(meeting, "cancelled", by=by.user)
        _tell_the_apps_above(meeting.group)
    return meeting


def reinstate_meeting(meeting: Meeting, *, by: Membership) -> Meeting:
    """Undo a cancellation: the meeting takes place after all, and the members are told."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if not meeting.is_cancelled:
            return meeting
        meeting.status = Meeting.Status.SCHEDULED
        meeting.save(update_fields=["status", "updated_at"])
        _schedule_reminders(meeting)
        _tell_members(meeting, "reinstated", by=by.user)
        _tell_the_apps_above(meeting.group)
    return meeting


def move_meeting(
    meeting: Meeting, *, starts_at: dt.datetime, ends_at: dt.datetime, by: Membership
) -> Meeting:
    """Move one meeting; it keeps the occurrence it stands for (its RECURRENCE-ID)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if (meeting.starts_at, meeting.ends_at) == (starts_at, ends_at):
            return meeting
        previous = meeting.starts_at
        meeting.starts_at = starts_at
        meeting.ends_at = ends_at
        meeting.full_clean()
        meeting.save(update_fields=["starts_at", "ends_at", "updated_at"])
        _schedule_reminders(meeting)
        _tell_members(meeting, "moved", by=by.user, previous=previous)
        _tell_the_apps_above(meeting.group)
    return meeting


def change_details(
    meeting: Meeting,
    *,
    place: str,
    online_link: str,
    capacity: int | None,
    by: Membership,
) -> Meeting:
    """This meeting's own address, link or number of places (empty: the series')."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        meeting.place = place
        meeting.online_link = online_link
        meeting.capacity = capacity
        meeting.full_clean()
        meeting.save(update_fields=["place", "online_link", "capacity", "updated_at"])
        fill_free_seats(meeting)  # more places: the first people waiting come in
    return meeting


def _tell_members(
    meeting: Meeting, change: str, *, by: User | None, previous: dt.datetime | None = None
) -> None:
    """After commit, e-mail every active member (but the author) about a change of date."""
    recipients = [
        membership.user
        for membership in meeting.group.memberships.filter(
            status=Membership.Status.ACTIVE
        ).select_related("user")
        if membership.user != by
    ]
    notify(
        recipients,
        "meetings/email/changed",
        time_zone=meeting.group.time_zone,
        group=meeting.group,
        meeting=meeting,
        change=change,
        previous=previous,
    )


def plan_all_groups() -> int:
    """Keep every active series planned ten weeks ahead; meant to run daily, safe to repeat.
    Returns how many meetings it created or moved."""
    groups = SupportGroup.objects.filter(series__is_active=True).distinct()
    return sum(len(plan_meetings(group)) for group in groups)
