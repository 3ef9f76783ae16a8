"""How views reach a carnet: only ever the signed-in person's own, with one answer for "no".

Every query here filters on `author=` the person making the request. Another person's entry
answers the same 404 as an entry that does not exist, whoever asks: a facilitator of the
group, a coordinator, a member of the site's staff or a superuser alike.
"""

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.carnet.models import Entry, Preparation
from entraide.meetings.access import in_the_group_at_the_meeting, was_in_the_group_for
from entraide.meetings.models import Meeting
from entraide.membership import access as membership_access
from entraide.membership.models import Membership

# Wide enough to hold "today" in every time zone a group may be in; the exact day is then
# checked in each group's own zone.
AROUND_TODAY = dt.timedelta(hours=30)


def my_entries(person: User) -> "QuerySet[Entry]":
    return Entry.objects.filter(author=person).select_related("meeting__group")


def my_entry(request: HttpRequest, entry_id: int) -> Entry:
    """One entry of my own carnet; 404 otherwise."""
    try:
        return my_entries(signed_in(request)).get(pk=entry_id)
    except Entry.DoesNotExist:
        raise Http404 from None


def my_preparations(person: User) -> "QuerySet[Preparation]":
    return Preparation.objects.filter(author=person).select_related("meeting__group")


def meeting_of_my_group(request: HttpRequest, slug: str, meeting_id: int) -> Meeting:
    """A meeting of a group I am active in (observer, member or facilitator), held since I
    came into it; 404 otherwise."""
    mine = membership_access.own_membership(request, slug)
    try:
        meeting = Meeting.objects.select_related("group").get(pk=meeting_id, group=mine.group)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not was_in_the_group_for(mine, meeting):
        raise Http404
    return meeting


def is_mine(person: User, meeting: Meeting) -> bool:
    """Whether the meeting belongs to my time in its group: I am active in the group, and was
    already in it then."""
    mine = Membership.objects.filter(
        user=person, group_id=meeting.group_id, status=Membership.Status.ACTIVE
    ).first()
    return mine is not None and was_in_the_group_for(mine, meeting)


def my_preparation_for(person: User, meeting: Meeting) -> Preparation | None:
    return my_preparations(person).filter(meeting=meeting).first()


def is_on_its_day(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """Whether today, in the group's own time zone, is the day of the meeting."""
    zone = meeting.group.time_zone
    now = now or timezone.now()
    return timezone.localdate(meeting.starts_at, zone) == timezone.localdate(now, zone)


def meetings_of_my_groups(person: User) -> "QuerySet[Meeting]":
    """The meetings of the groups I am active in today (a group I left is no longer mine),
    from the time I came into each."""
    return Meeting.objects.filter(
        in_the_group_at_the_meeting("group__memberships__"),
        group__memberships__user=person,
        group__memberships__status=Membership.Status.ACTIVE,
        group__is_published=True,
    ).select_related("group")


def todays_preparations(person: User, now: dt.datetime | None = None) -> list[Preparation]:
    """My notes for the meetings of my groups that take place today, each in its group's
    time zone."""
    now = now or timezone.now()
    near = my_preparations(person).filter(
        meeting__in=meetings_of_my_groups(person).filter(
            starts_at__gte=now - AROUND_TODAY, starts_at__lte=now + AROUND_TODAY
        )
    )
    return [
        preparation
        for preparation in near.order_by("meeting__starts_at", "pk")
        if is_on_its_day(preparation.meeting, now)
    ]
