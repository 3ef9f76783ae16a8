"""Hosting at home, in turn: who offered, who hosted least recently, asking, confirming.

A home address only comes with the host's confirmation. The series plans the meetings and
asks the fairest host for each new one (`suggest_fairest`); the person asked is asked by e-mail
and answers on the meeting's page: they confirm with their address or decline, and then the
next one in the fair order is asked.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.meetings.models import Meeting, RoleKind, RoleVolunteer
from entraide.membership.models import Membership
from entraide.notifications.actions import notify


def possible_hosts(group: SupportGroup) -> list[User]:
    """Members and facilitators who offered to host at home; observers are never asked."""
    offered = RoleVolunteer.objects.filter(group=group, role=RoleKind.HOST).values("user_id")
    return [
        membership.user
        for membership in group.memberships.filter(
            status=Membership.Status.ACTIVE,
            role__in=[Membership.Role.MEMBER, Membership.Role.FACILITATOR],
            user_id__in=offered,
        ).select_related("user")
    ]


def hosts_in_fair_order(meeting: Meeting, exclude: Iterable[int] = ()) -> list[User]:
    """The possible hosts, whoever hosted least recently first: never first, then by name.

    A meeting counts for its host as soon as they are asked (not cancelled), so that asking
    for several meetings at once goes round everyone.
    """
    excluded = set(exclude)
    people = [p for p in possible_hosts(meeting.group) if p.pk not in excluded]
    last = dict(
        Meeting.objects.filter(group=meeting.group, host__in=people)
        .exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.CANCELLED)
        .values("host")
        .annotate(last=Max("starts_at"))
        .values_list("host", "last")
    )
    never = dt.datetime.min.replace(tzinfo=dt.UTC)

    def order(person: User) -> tuple[bool, dt.datetime, str, int]:
        hosted = last.get(person.pk)
        return (hosted is not None, hosted or never, person.display_name.casefold(), person.pk)

    return sorted(people, key=order)


def suggest_fairest(
    meeting: Meeting, exclude: Iterable[int], *, by: User | None = None
) -> User | None:
    """Ask the fairest possible host but those excluded, or nobody when none is left."""
    candidates = hosts_in_fair_order(meeting, exclude)
    _ask(meeting, candidates[0] if candidates else None, by=by)
    return meeting.host


def _ask(meeting: Meeting, person: User | None, *, by: User | None) -> None:
    """Ask someone to host (or nobody): a home address only comes with their confirmation.

    The person asked is told by e-mail, after commit, unless they asked themselves (`by`).
    """
    if meeting.host_id == (person.pk if person else None) and not meeting.host_confirmed:
        return
    if meeting.host_confirmed:
        meeting.place = ""
    meeting.host = person
    meeting.host_confirmed = False
    meeting.save(update_fields=["host", "host_confirmed", "place", "updated_at"])
    if person is not None and person != by:
        notify(
            person,
            "meetings/email/host_asked",
            time_zone=meeting.group.time_zone,
            group=meeting.group,
            meeting=meeting,
        )


def suggest_host(meeting: Meeting, person: User | None = None, *, by: Membership) -> User | None:
    """A facilitator asks the fairest host (or a given volunteer); they still have to confirm."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
        if person is None:
            return suggest_fairest(meeting, exclude=(), by=by.user)
        if person not in possible_hosts(meeting.group):
            raise ValueError(person)  # nobody hosts who did not offer to
        _ask(meeting, person, by=by.user)
        return person


def confirm_host(meeting: Meeting, *, address: str, by: User) -> Meeting:
    """The suggested person says yes and writes their address: it is the meeting's place."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.host_id != by.pk:
            raise ValueError(by)
        meeting.host_confirmed = True
        meeting.place = address
        meeting.full_clean()
        meeting.save(update_fields=["host_confirmed", "place", "updated_at"])
    return meeting


def decline_host(meeting: Meeting, *, by: User) -> User | None:
    """The suggested person cannot this time: the next one in the fair order is asked."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
        if meeting.host_id != by.pk:
            raise ValueError(by)
        return suggest_fairest(meeting, exclude=[by.pk], by=by)
