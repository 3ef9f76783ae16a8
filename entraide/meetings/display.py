"""A meeting as one person may see it: what the pages and the group's space show."""

from dataclasses import dataclass

from entraide.meetings import actions
from entraide.meetings.access import sees_the_place
from entraide.meetings.models import Meeting, Venue
from entraide.membership.models import Membership


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


def shown(meeting: Meeting, mine: Membership) -> Shown:
    sees = sees_the_place(mine, meeting)
    venue = actions.venue_of(meeting)
    return Shown(
        meeting=meeting,
        sees_place=sees,
        place=actions.place_of(meeting) if sees else "",
        link=actions.link_of(meeting) if sees else "",
        venue=venue,
        venue_label=str(Venue(venue).label),
        is_rotation=venue == Venue.ROTATION,
        was_moved=meeting.occurrence_start is not None
        and meeting.starts_at != meeting.occurrence_start,
    )
