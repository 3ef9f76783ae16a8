"""How views reach a group's meetings: through the person's membership, with one answer for "no".

Members and facilitators see every meeting of their group with its address and link.
Observers see the meetings too, but the address and the link only for their first meeting
(the issue: "visible to members only, and to observers for their first meeting"); after they
attended once, they see them again when they become members. Everyone else gets 404.
"""

from django.db.models import F, Q
from django.http import Http404, HttpRequest

from entraide.meetings.models import CalendarToken, Meeting
from entraide.membership import access as membership_access
from entraide.membership.models import Membership

# Observers came to listen (seed 003): they may read, members and facilitators take part
# (roles, votes, speakers).
TAKING_PART = (Membership.Role.MEMBER, Membership.Role.FACILITATOR)


def meeting_for(request: HttpRequest, slug: str, meeting_id: int) -> tuple[Meeting, Membership]:
    """A meeting of a group I am active in (any role), with my membership; 404 otherwise."""
    mine = membership_access.own_membership(request, slug)
    try:
        meeting = Meeting.objects.select_related("series", "group", "host").get(
            pk=meeting_id, group=mine.group
        )
    except Meeting.DoesNotExist:
        raise Http404 from None
    return meeting, mine


def meeting_to_run(request: HttpRequest, slug: str, meeting_id: int) -> tuple[Meeting, Membership]:
    """A meeting of a group I facilitate; 404 otherwise."""
    meeting, mine = meeting_for(request, slug, meeting_id)
    if not mine.is_facilitator:
        raise Http404
    return meeting, mine


def member_side(request: HttpRequest, slug: str) -> Membership:
    """My membership as a member or facilitator (not an observer); 404 otherwise."""
    mine = membership_access.own_membership(request, slug)
    if not mine.sees_members:
        raise Http404
    return mine


def sees_the_place(mine: Membership, meeting: Meeting) -> bool:
    """Whether this person may read the meeting's address and link."""
    if mine.sees_members:
        return True
    if not mine.is_active:
        return False
    # An observer: only until they have come once.
    came_before = meeting.group.meetings.filter(
        presences__user=mine.user, presences__present=True, starts_at__lt=meeting.starts_at
    ).exists()
    return not came_before


def was_in_the_group_for(membership: Membership, meeting: Meeting) -> bool:
    """Whether the person belonged to the group at this meeting: welcomed before it ended. A
    membership without a date of welcome (a founder's, one made by hand) counts from the start.
    Nobody is asked about, nor offered to write about, a meeting held before they came."""
    return membership.decided_at is None or membership.decided_at <= meeting.ends_at


def in_the_group_at_the_meeting(prefix: str = "") -> Q:
    """The same rule in a query over meetings, on the membership reached through `prefix`
    (e.g. "group__memberships__"): keep it in the same filter() as the membership's other
    conditions, so that they speak of one membership."""
    return Q(**{f"{prefix}decided_at__isnull": True}) | Q(
        **{f"{prefix}decided_at__lte": F("ends_at")}
    )


def calendar_address(secret: str) -> CalendarToken:
    """The calendar address with this secret, if it is still valid; 404 otherwise."""
    try:
        return CalendarToken.objects.select_related("user", "group").get(
            token=secret, revoked_at__isnull=True, user__is_active=True
        )
    except CalendarToken.DoesNotExist:
        raise Http404 from None
