"""Attendance and the gentle follow-up: who came, the decisions, and checking in kindly.

A facilitator notes who came once the meeting has started; each member who missed it without
having said so gets a volunteer who checks in (seed 000: no reproach, just let them know their
presence was missed), and the facilitators hear of a second absence in a row.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.lib.dates import date_label, moment_label
from entraide.lib.refusals import Refused
from entraide.meetings.access import TAKING_PART, was_in_the_group_for
from entraide.meetings.models import Answer, FollowUp, Meeting, Presence, RoleKind
from entraide.meetings.roles.actions import volunteers_for
from entraide.membership.actions import facilitators_of
from entraide.membership.models import Membership
from entraide.notifications.actions import notify

# Whoever offered to welcome people or to be their contact is asked to check in first.
CHECK_IN_ROLES: tuple[str, ...] = (RoleKind.WELCOME, RoleKind.NEWCOMER_CONTACT)


def attendance_open(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    return not meeting.is_cancelled and meeting.starts_at <= (now or timezone.now())


def attendees(meeting: Meeting) -> list[Membership]:
    """Whose presence is noted: every active observer, member and facilitator who was in the
    group at that meeting (and anyone already noted for it)."""
    noted = set(meeting.presences.values_list("user_id", flat=True))
    return [
        membership
        for membership in Membership.objects.filter(
            group_id=meeting.group_id, status=Membership.Status.ACTIVE
        )
        .select_related("user")
        .order_by("user__display_name", "user_id")
        if was_in_the_group_for(membership, meeting) or membership.user_id in noted
    ]


def take_attendance(
    meeting: Meeting, presence: Mapping[int, bool], note: str, *, by: Membership
) -> list[FollowUp]:
    """Note who came and the meeting's decisions; ask a volunteer to check in on each member
    who missed it without having said so in advance. Saving again corrects, never asks twice.
    Refused before the meeting has started, and for a cancelled one."""
    if not by.is_facilitator or by.group_id != meeting.group_id:
        raise PermissionError
    if not attendance_open(meeting):
        raise Refused(_("Les présences se notent une fois la rencontre commencée."))
    with transaction.atomic():
        # Lock the meeting: two facilitators saving at once must not ask twice.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        people = {membership.user_id: membership for membership in attendees(meeting)}
        if set(presence) - set(people):
            raise ValueError("not in the group")
        for user_id, present in presence.items():
            Presence.objects.update_or_create(
                meeting=meeting, user_id=user_id, defaults={"present": present}
            )
        meeting.note = note.strip()
        meeting.attendance_taken_at = timezone.now()
        meeting.save(update_fields=["note", "attendance_taken_at", "updated_at"])
        came = [user_id for user_id, present in presence.items() if present]
        # Marked absent by mistake: nobody needs to check in after all.
        meeting.follow_ups.filter(member_id__in=came, status=FollowUp.Status.WAITING).delete()
        away = set(
            meeting.answers.filter(response=Answer.Response.NOT_COMING).values_list(
                "user_id", flat=True
            )
        )
        created: list[FollowUp] = []
        for user_id, present in presence.items():
            membership = people[user_id]
            if present or user_id in away or membership.role not in TAKING_PART:
                continue
            follow_up, made = FollowUp.objects.get_or_create(
                meeting=meeting,
                member=membership.user,
                defaults={"volunteer": check_in_volunteer(meeting, membership.user, presence)},
            )
            if made:
                created.append(follow_up)
        alerts = [follow_up for follow_up in created if second_absence_in_a_row(follow_up)]
    transaction.on_commit(lambda: ask_to_check_in(created))
    transaction.on_commit(lambda: tell_facilitators_of_absences(alerts))
    return created


def check_in_volunteer(meeting: Meeting, absent: User, presence: Mapping[int, bool]) -> User | None:
    """Who is asked: someone who offered to welcome people or to be their contact, preferably
    present that day, whoever checked in least recently first; None: the facilitators."""
    candidates = {
        person.pk: person
        for role in CHECK_IN_ROLES
        for person in volunteers_for(meeting.group, role)
        if person.pk != absent.pk
    }
    if not candidates:
        return None
    last_taken = dict(
        FollowUp.objects.filter(meeting__group_id=meeting.group_id, volunteer_id__in=candidates)
        .values("volunteer_id")
        .annotate(last=Max("created_at"))
        .values_list("volunteer_id", "last")
    )
    never = dt.datetime.min.replace(tzinfo=dt.UTC)
    return min(
        candidates.values(),
        key=lambda person: (
            presence.get(person.pk) is False,
            last_taken.get(person.pk) or never,
            person.display_name.casefold(),
            person.pk,
        ),
    )


def second_absence_in_a_row(follow_up: FollowUp) -> bool:
    """Whether this unannounced absence is the second in a row (told once, not at the third)."""
    meeting = follow_up.meeting
    earlier = list(
        Meeting.objects.filter(
            group_id=meeting.group_id,
            starts_at__lt=meeting.starts_at,
            attendance_taken_at__isnull=False,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at", "-pk")[:2]
    )
    missed = set(
        FollowUp.objects.filter(member_id=follow_up.member_id, meeting__in=earlier).values_list(
            "meeting_id", flat=True
        )
    )
    if not earlier or earlier[0].pk not in missed:
        return False
    return len(earlier) == 1 or earlier[1].pk not in missed


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            group_id=meeting.group_id,
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=max(meeting.starts_at, timezone.now()),
        )
        .order_by("starts_at", "pk")
        .first()
    )


def suggested_message(follow_up: FollowUp) -> str:
    """Seed 000: no reproach; just let them know their presence was missed."""
    meeting = follow_up.meeting
    group = meeting.group
    parts = [
        _("Bonjour %(name)s,") % {"name": follow_up.member.display_name},
        _(
            "Ta présence nous a manqué à la rencontre du %(date)s. Je voulais simplement "
            "prendre de tes nouvelles et te dire que nous pensons à toi."
        )
        % {"date": date_label(timezone.localtime(meeting.starts_at, group.time_zone))},
    ]
    following = next_meeting_after(meeting)
    if following is not None:
        parts.append(
            _(
                "Si tu en as envie, la prochaine rencontre a lieu le %(when)s. "
                "Tu y seras le bienvenu ou la bienvenue, comme tu es."
            )
            % {"when": moment_label(following.starts_at, group.time_zone)}
        )
    parts.append(_("Prends soin de toi."))
    return "\n\n".join(parts)


def asked_to_check_in(follow_up: FollowUp) -> list[User]:
    """The volunteer, or else the facilitators; never the person who was missed."""
    if follow_up.volunteer is not None:
        return [follow_up.volunteer]
    return [f for f in facilitators_of(follow_up.meeting.group) if f.pk != follow_up.member_id]


def ask_to_check_in(follow_ups: Iterable[FollowUp]) -> None:
    for follow_up in follow_ups:
        # The suggested words are written in the worker, in each reader's language
        # (`follow_up_context`).
        notify(
            asked_to_check_in(follow_up),
            "meetings/email/follow_up",
            group=follow_up.meeting.group,
            follow_up=follow_up,
        )


def tell_facilitators_of_absences(follow_ups: Iterable[FollowUp]) -> None:
    for follow_up in follow_ups:
        group = follow_up.meeting.group
        notify(
            [f for f in facilitators_of(group) if f.pk != follow_up.member_id],
            "meetings/email/absences",
            group=group,
            follow_up=follow_up,
        )


def follow_up_context(context: Mapping[str, Any], to: User | None) -> dict[str, Any]:
    """The worker's part of the follow-up e-mail: the suggested words, in the reader's
    language (registered in `MeetingsConfig.ready`)."""
    follow_up = context["follow_up"]
    return {"suggested": suggested_message(follow_up) if follow_up is not None else ""}


def may_close(follow_up: FollowUp, membership: Membership) -> bool:
    """The volunteer asked, or a facilitator; never the person it is about."""
    if follow_up.member_id == membership.user_id or not membership.is_active:
        return False
    return membership.is_facilitator or follow_up.volunteer_id == membership.user_id


def close_follow_up(follow_up: FollowUp, *, by: Membership) -> FollowUp:
    if not may_close(follow_up, by):
        raise PermissionError
    with transaction.atomic():
        follow_up.status = FollowUp.Status.DONE
        follow_up.done_at = timezone.now()
        if follow_up.volunteer_id is None:
            follow_up.volunteer = by.user
        follow_up.save(update_fields=["status", "done_at", "volunteer"])
    return follow_up
