"""A meeting as one person may see it: what the pages and the group's space show."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from entraide.directory.models import SupportGroup
from entraide.meetings.access import sees_the_place
from entraide.meetings.models import Meeting, Venue
from entraide.membership.models import Membership


def place_of(meeting: Meeting) -> str:
    """The meeting's own address, else the series'. Private: see access.sees_the_place."""
    if meeting.place:
        return meeting.place
    if meeting.series is not None and meeting.series.venue != Venue.ROTATION:
        return meeting.series.place
    return ""


def usual_place(group: SupportGroup) -> tuple[str, str]:
    """Where the group usually meets, as (address, video link): its series' (no address for
    members' homes in turn), else the address the directory keeps for it. A meeting added by
    hand or chosen by a date poll takes them unless the facilitator gives others."""
    series = group.active_series()
    if series is None:
        return group.meeting_place, ""
    return ("" if series.venue == Venue.ROTATION else series.place), series.online_link


def link_of(meeting: Meeting) -> str:
    """The meeting's own video link, else the series'. Private: see access.sees_the_place."""
    if meeting.online_link:
        return meeting.online_link
    return meeting.series.online_link if meeting.series is not None else ""


def venue_of(meeting: Meeting) -> str:
    """The kind of place: the series' for its meetings; an extra meeting is at a fixed place,
    online, or both, according to what it was given."""
    if meeting.series is not None:
        return meeting.series.venue
    if meeting.online_link and meeting.place:
        return Venue.HYBRID
    return Venue.ONLINE if meeting.online_link else Venue.FIXED


@dataclass(frozen=True, slots=True)
class Shown:
    """A meeting as this person may see it: the address and link only if they may."""

    meeting: Meeting
    sees_place: bool
    place: str
    link: str
    venue: str
    venue_label: str
    is_rotation: bool
    was_moved: bool
    # This person is the one asked to host it (or hosting it): the pages say "vous".
    hosted_by_me: bool


def shown(meeting: Meeting, mine: Membership) -> Shown:
    sees = sees_the_place(mine, meeting)
    venue = venue_of(meeting)
    return Shown(
        meeting=meeting,
        sees_place=sees,
        place=place_of(meeting) if sees else "",
        link=link_of(meeting) if sees else "",
        venue=venue,
        venue_label=str(Venue(venue).label),
        is_rotation=venue == Venue.ROTATION,
        was_moved=meeting.occurrence_start is not None
        and meeting.starts_at != meeting.occurrence_start,
        hosted_by_me=meeting.host_id is not None and meeting.host_id == mine.user_id,
    )


def next_meeting(group: SupportGroup, after: dt.datetime | None = None) -> dt.datetime | None:
    """The group's next meeting after a moment (now by default), or None if unknown.

    The planned meetings come first (a moved one counts at its new date, a cancelled one not
    at all); beyond them, the series' rule (or the directory's rhythm) gives the next.
    """
    if group.status == SupportGroup.Status.PAUSED:
        return None
    after = after or timezone.now()
    planned = (
        group.meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gt=after)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    by_rhythm = group.next_by_rhythm(after)
    found = min((when for when in (planned, by_rhythm) if when is not None), default=None)
    return found.astimezone(group.time_zone) if found is not None else None
