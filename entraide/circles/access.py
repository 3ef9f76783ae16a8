"""Who may take a seat in a meeting's circle, by page or by socket: one answer for "no".

The circle is for the group's members and facilitators, and for the observers who may come to
that meeting (those who see its place: `meetings.access.sees_the_place`). Everyone else gets
the same 404 as for a meeting that does not exist; a socket is closed before it opens.

Leading (moving on, giving the floor, changing the mode) is for the group's facilitators and
for the members who took the meeting's facilitation or timekeeping role. Opening and closing
the circle is for facilitators only, the group's or the meeting's.
"""

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from entraide.accounts.models import User
from entraide.circles.models import Circle
from entraide.meetings import access as meetings_access
from entraide.meetings.models import Meeting, RoleAssignment, RoleKind
from entraide.membership.models import Membership


@dataclass(frozen=True)
class Seat:
    """A person's place at a meeting's circle, and what they may do there."""

    meeting: Meeting
    membership: Membership
    leads: bool
    opens: bool

    @property
    def person(self) -> int:
        return self.membership.user_id


def _seat(meeting: Meeting, mine: Membership) -> Seat | None:
    if not mine.is_active or not meetings_access.sees_the_place(mine, meeting):
        return None
    roles = set(
        RoleAssignment.objects.filter(meeting=meeting, user_id=mine.user_id).values_list(
            "role", flat=True
        )
    )
    opens = mine.is_facilitator or RoleKind.FACILITATION in roles
    leads = opens or RoleKind.TIMEKEEPING in roles
    return Seat(meeting=meeting, membership=mine, leads=leads, opens=opens)


def seat(request: HttpRequest, slug: str, meeting_id: int) -> Seat:
    """My seat at the meeting's circle; 404 for anyone who may not sit there."""
    meeting, mine = meetings_access.meeting_for(request, slug, meeting_id)
    found = _seat(meeting, mine)
    if found is None:
        raise Http404
    return found


def leading_seat(request: HttpRequest, slug: str, meeting_id: int) -> Seat:
    """My seat, if I lead the meeting (the shared device on the table is theirs); 404 otherwise."""
    found = seat(request, slug, meeting_id)
    if not found.leads:
        raise Http404
    return found


def seat_for_person(user: User | object, slug: str, meeting_id: int) -> Seat | None:
    """The same as `seat`, for a socket: None for anyone who may not sit there."""
    if not isinstance(user, User) or not user.is_active:
        return None
    try:
        mine = Membership.objects.select_related("group", "group__organisation").get(
            user=user,
            group__slug=slug,
            group__is_published=True,
            status=Membership.Status.ACTIVE,
        )
        meeting = Meeting.objects.select_related("series", "group").get(
            pk=meeting_id, group=mine.group
        )
    except (Membership.DoesNotExist, Meeting.DoesNotExist):
        return None
    return _seat(meeting, mine)


def circle_at(seat: Seat) -> Circle | None:
    """The circle of the seat's meeting, if one was opened."""
    return Circle.objects.filter(meeting=seat.meeting).first()


def may_sit(meeting: Meeting) -> list[Membership]:
    """Everyone who may sit in the meeting's circle, for a shared device to add them."""
    memberships = Membership.objects.filter(
        group=meeting.group, status=Membership.Status.ACTIVE
    ).select_related("user", "group")
    return sorted(
        (m for m in memberships if meetings_access.sees_the_place(m, meeting)),
        key=lambda m: m.user.display_name.casefold(),
    )
