"""Attendance answers, the waiting list and reminder preferences: one function per change.

With a capacity (the meeting's, else its series'), the "coming" answers beyond it wait in the
order they were given; when someone who had a seat withdraws, the first person waiting takes it
and is told by e-mail. Every change that may take or free a seat locks the meeting's row first,
so two people never take the last seat at once.
"""

from collections.abc import Mapping
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.lib.refusals import Refused
from entraide.meetings.access import sees_the_place
from entraide.meetings.display import link_of, place_of
from entraide.meetings.models import Answer, Meeting
from entraide.membership.models import Membership
from entraide.notifications.actions import notify


def capacity_of(meeting: Meeting) -> int | None:
    """The meeting's number of seats, else its series', else None (no limit)."""
    if meeting.capacity is not None:
        return meeting.capacity
    if meeting.series is not None:
        return meeting.series.capacity
    return None


def seated(meeting: Meeting) -> int:
    """How many people have a seat (they answered "coming" and are not waiting)."""
    return meeting.answers.filter(response=Answer.Response.COMING, waiting=False).count()


def waiting_position(answer: Answer) -> int | None:
    """1 for the first person waiting, and so on; None for someone not waiting."""
    if not answer.waiting:
        return None
    ahead = Answer.objects.filter(
        Q(answered_at__lt=answer.answered_at) | Q(answered_at=answer.answered_at, pk__lt=answer.pk),
        meeting_id=answer.meeting_id,
        response=Answer.Response.COMING,
        waiting=True,
    )
    return ahead.count() + 1


def answer(meeting: Meeting, person: User, response: str) -> Answer:
    """Say whether one comes. "Maybe" keeps no seat; a "coming" beyond the capacity waits.

    Raises Refused for someone who is not active in the group, or for a cancelled or
    past meeting.
    """
    if response not in Answer.Response.values:
        raise ValueError(response)
    with transaction.atomic():
        # Lock the meeting's row: two members may ask for the last seat at the same moment,
        # and the second must see the first one's answer before counting the seats.
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open(locked, person)
        now = timezone.now()
        mine = Answer.objects.filter(meeting=locked, user=person).first()
        had_a_seat = (
            mine is not None and mine.response == Answer.Response.COMING and not mine.waiting
        )
        if mine is not None and mine.response == response:
            return mine  # Nothing changes, and nobody loses their place in the line.
        if mine is None:
            mine = Answer(meeting=locked, user=person)
        mine.response = response
        # The line is kept in the order of the "coming" answers: coming back to it is
        # joining it at the end.
        mine.answered_at = now
        mine.waiting = False
        if response == Answer.Response.COMING:
            capacity = capacity_of(locked)
            mine.waiting = capacity is not None and seated(locked) >= capacity
        mine.save()
        if had_a_seat:
            fill_free_seats(locked)
    return mine


def fill_free_seats(meeting: Meeting) -> list[Answer]:
    """Give the free seats to the first people waiting, who are told by e-mail after commit.

    Called after a seat is freed, and by whoever raises a meeting's capacity (the meeting's row
    must then be locked by the caller: `Meeting.objects.select_for_update()`).
    """
    capacity = capacity_of(meeting)
    waiting = Answer.objects.filter(
        meeting=meeting, response=Answer.Response.COMING, waiting=True
    ).order_by("answered_at", "pk")
    if capacity is not None:
        free = capacity - seated(meeting)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_related("user"))
    Answer.objects.filter(pk__in=[each.pk for each in promoted]).update(waiting=False)
    for each in promoted:
        each.waiting = False
        transaction.on_commit(partial(tell_promoted, meeting.pk, each.user_id))
    return promoted


def tell_promoted(meeting_id: int, user_id: int) -> None:
    """Tell someone who was waiting that a seat is theirs, in their language and time zone."""
    meeting = Meeting.objects.select_related("group", "series").get(pk=meeting_id)
    membership = (
        Membership.objects.select_related("user", "group")
        .filter(group=meeting.group, user_id=user_id, status=Membership.Status.ACTIVE)
        .first()
    )
    if membership is None:
        return
    notify(
        membership.user,
        "meetings/email/promoted",
        time_zone=meeting.group.time_zone,
        group=meeting.group,
        meeting=meeting,
    )


def meeting_context(context: Mapping[str, Any], to: User | None) -> dict[str, Any]:
    """The worker's part of a meeting e-mail, for its reader: the place and the link if they
    may see them, their answer and place in the waiting list (registered in
    `MeetingsConfig.ready`)."""
    meeting = context["meeting"]
    membership = (
        Membership.objects.select_related("user", "group")
        .filter(group_id=meeting.group_id, user=to)
        .first()
        if meeting is not None and to is not None
        else None
    )
    if membership is None:
        return {}
    answer = Answer.objects.filter(meeting=meeting, user=to).first()
    return {
        **meeting_mail_context(meeting, membership),
        "answer": answer,
        "position": waiting_position(answer) if answer is not None else None,
    }


def meeting_mail_context(meeting: Meeting, membership: Membership) -> dict[str, Any]:
    """What a meeting e-mail shows: the place and the link only to those who may see them."""
    shows_place = sees_the_place(membership, meeting)
    return {
        "group": meeting.group,
        "meeting": meeting,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "zone": str(meeting.group.time_zone),
        "place": place_of(meeting) if shows_place else "",
        "online_link": link_of(meeting) if shows_place else "",
    }


def withdraw_from_meetings(membership: Membership) -> None:
    """Someone left the group: their answers to coming meetings go, and their seats are given.

    To be called from the action that ends a membership, inside its transaction.
    """
    coming = Meeting.objects.filter(
        group_id=membership.group_id,
        starts_at__gt=timezone.now(),
        answers__user_id=membership.user_id,
    ).values_list("pk", flat=True)
    for meeting_id in list(coming):
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting_id)
            mine = Answer.objects.get(meeting=locked, user_id=membership.user_id)
            had_a_seat = mine.response == Answer.Response.COMING and not mine.waiting
            mine.delete()
            if had_a_seat and not locked.is_cancelled:
                fill_free_seats(locked)


def _check_open(meeting: Meeting, person: User) -> None:
    in_the_group = Membership.objects.filter(
        group_id=meeting.group_id, user=person, status=Membership.Status.ACTIVE
    ).exists()
    if not in_the_group:
        raise Refused(_("Seules les personnes du groupe peuvent répondre."))
    if meeting.is_cancelled:
        raise Refused(_("Cette rencontre est annulée : il n'y a plus besoin de répondre."))
    if meeting.starts_at <= timezone.now():
        raise Refused(_("Cette rencontre a déjà commencé ou est passée."))
