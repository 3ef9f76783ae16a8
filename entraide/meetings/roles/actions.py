"""Around a meeting: the agenda, shared roles, attendance, gentle follow-up, topics, speakers.

One function per change. The group decides; the site suggests (a fair rotation, a kind
message) and never assigns anyone a role they did not offer to take.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.lib.dates import moment_label
from entraide.meetings.models import (
    Answer,
    FollowUp,
    Meeting,
    Presence,
    RoleAssignment,
    RoleKind,
    RoleVolunteer,
    Speaker,
    Topic,
    TopicVote,
)
from entraide.membership.actions import facilitators_of
from entraide.membership.models import Membership
from entraide.notifications.actions import notify

# Seed 004's functions, in the order we show them. Other kinds (a host for home rotation) are
# handled elsewhere.
ROTATING_ROLES: tuple[str, ...] = (
    RoleKind.FACILITATION,
    RoleKind.TIMEKEEPING,
    RoleKind.WELCOME,
    RoleKind.LOGISTICS,
    RoleKind.SPEAKERS,
    RoleKind.NEWCOMER_CONTACT,
)
# What a member may offer: the rotating roles, and hosting a meeting at home when the group
# meets at members' homes in turn (seed 000; the host is suggested in actions.py).
OFFERABLE_ROLES: tuple[str, ...] = (*ROTATING_ROLES, RoleKind.HOST)
# Whoever offered to welcome people or to be their contact is asked to check in first.
CHECK_IN_ROLES: tuple[str, ...] = (RoleKind.WELCOME, RoleKind.NEWCOMER_CONTACT)
# Observers came to listen (seed 003): they may read, members and facilitators take part.
TAKING_PART = (Membership.Role.MEMBER, Membership.Role.FACILITATOR)


class NotAVolunteer(ValueError):
    """Someone was to be given a role they did not offer to take."""


class AttendanceNotOpen(ValueError):
    """Attendance is taken once the meeting has started, and never for a cancelled one."""


def role_label(role: str) -> str:
    return str(RoleKind(role).label)


# Roles.


def volunteers_for(group: SupportGroup, role: str) -> list[User]:
    """Active members and facilitators of the group who offered to take this role."""
    return list(
        User.objects.filter(
            role_offers__group=group,
            role_offers__role=role,
            memberships__group=group,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role__in=TAKING_PART,
        )
        .distinct()
        .order_by("display_name", "pk")
    )


def offers_of(membership: Membership) -> set[str]:
    return set(
        RoleVolunteer.objects.filter(group=membership.group, user=membership.user).values_list(
            "role", flat=True
        )
    )


def set_offers(membership: Membership, roles: Iterable[str]) -> set[str]:
    """A member opts in to the roles they name and out of the others."""
    if not (membership.is_active and membership.role in TAKING_PART):
        raise PermissionError
    wanted = set(roles)
    unknown = wanted - set(OFFERABLE_ROLES)
    if unknown:
        raise ValueError(unknown)
    with transaction.atomic():
        offers = RoleVolunteer.objects.filter(group=membership.group, user=membership.user)
        offers.filter(role__in=OFFERABLE_ROLES).exclude(role__in=wanted).delete()
        held = set(offers.values_list("role", flat=True))
        RoleVolunteer.objects.bulk_create(
            [
                RoleVolunteer(group=membership.group, user=membership.user, role=role)
                for role in sorted(wanted - held)
            ]
        )
    return wanted


def suggest_rotation(meeting: Meeting) -> dict[str, User | None]:
    """For each role, the volunteer who served it least recently: never first, then the
    longest ago; ties by display name. Nobody who did not offer is ever suggested."""
    suggestion: dict[str, User | None] = {}
    for role in ROTATING_ROLES:
        candidates = volunteers_for(meeting.group, role)
        last_served = dict(
            RoleAssignment.objects.filter(meeting__group=meeting.group, role=role)
            .exclude(meeting=meeting)
            .exclude(meeting__status=Meeting.Status.CANCELLED)
            .values("user_id")
            .annotate(last=Max("meeting__starts_at"))
            .values_list("user_id", "last")
        )
        candidates.sort(
            key=lambda person: (
                person.pk in last_served,
                last_served.get(person.pk) or meeting.starts_at,
                person.display_name.casefold(),
                person.pk,
            )
        )
        suggestion[role] = candidates[0] if candidates else None
    return suggestion


def assign_roles(
    meeting: Meeting, assignments: Mapping[str, User | None], *, by: Membership
) -> None:
    """Give each role of a meeting to a volunteer, or to nobody; refuse anyone who did not offer."""
    if not by.is_facilitator or by.group_id != meeting.group_id:
        raise PermissionError
    with transaction.atomic():
        for role, person in assignments.items():
            if role not in ROTATING_ROLES:
                raise ValueError(role)
            if person is not None and person not in volunteers_for(meeting.group, role):
                raise NotAVolunteer(role)
            if person is None:
                RoleAssignment.objects.filter(meeting=meeting, role=role).delete()
            else:
                RoleAssignment.objects.update_or_create(
                    meeting=meeting, role=role, defaults={"user": person}
                )


# The agenda.


def set_agenda(meeting: Meeting, agenda: str, *, by: Membership) -> Meeting:
    if not by.is_facilitator or by.group_id != meeting.group_id:
        raise PermissionError
    meeting.agenda = agenda.strip()
    meeting.save(update_fields=["agenda", "updated_at"])
    return meeting


# Attendance and gentle follow-up.


def attendance_open(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    return not meeting.is_cancelled and meeting.starts_at <= (now or timezone.now())


def attendees(meeting: Meeting) -> list[Membership]:
    """Whose presence is noted: every active observer, member and facilitator."""
    return list(
        Membership.objects.filter(group_id=meeting.group_id, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("user__display_name", "user_id")
    )


def take_attendance(
    meeting: Meeting, presence: Mapping[int, bool], note: str, *, by: Membership
) -> list[FollowUp]:
    """Note who came and the meeting's decisions; ask a volunteer to check in on each member
    who missed it without having said so in advance. Saving again corrects, never asks twice."""
    if not by.is_facilitator or by.group_id != meeting.group_id:
        raise PermissionError
    if not attendance_open(meeting):
        raise AttendanceNotOpen
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
        % {"date": formats.date_format(timezone.localtime(meeting.starts_at, group.time_zone))},
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


# Topics and votes.


def propose_topic(membership: Membership, title: str, detail: str = "") -> Topic:
    if not membership.is_active:
        raise PermissionError
    return Topic.objects.create(
        group=membership.group,
        title=title.strip(),
        detail=detail.strip(),
        proposed_by=membership.user,
    )


def vote(topic: Topic, membership: Membership, *, wants: bool) -> bool:
    """One vote per person and topic; voting twice keeps one, withdrawing removes it."""
    if not (membership.is_active and membership.role in TAKING_PART):
        raise PermissionError
    if topic.group_id != membership.group_id or topic.status == Topic.Status.DONE:
        raise ValueError(topic.pk)
    if wants:
        TopicVote.objects.get_or_create(topic=topic, user=membership.user)
    else:
        TopicVote.objects.filter(topic=topic, user=membership.user).delete()
    return wants


def plan_topic(topic: Topic, meeting: Meeting | None, *, by: Membership) -> Topic:
    """Plan a topic for a meeting, or put it back among the proposals."""
    if not by.is_facilitator or by.group_id != topic.group_id:
        raise PermissionError
    if meeting is not None and meeting.group_id != topic.group_id:
        raise ValueError(meeting.pk)
    topic.meeting = meeting
    topic.status = Topic.Status.PLANNED if meeting is not None else Topic.Status.PROPOSED
    topic.save(update_fields=["meeting", "status"])
    return topic


def topic_done(topic: Topic, *, by: Membership) -> Topic:
    if not by.is_facilitator or by.group_id != topic.group_id:
        raise PermissionError
    topic.status = Topic.Status.DONE
    topic.save(update_fields=["status"])
    return topic


# Outside speakers.


def handles_speakers(membership: Membership) -> bool:
    """Those who offered to take the speakers role, and the facilitators."""
    if membership.is_facilitator:
        return True
    return (
        membership.is_active
        and membership.role in TAKING_PART
        and RoleVolunteer.objects.filter(
            group=membership.group, user=membership.user, role=RoleKind.SPEAKERS
        ).exists()
    )


def save_speaker(speaker: Speaker, *, by: Membership) -> Speaker:
    """Add or update an outside speaker; whoever writes it last follows it."""
    if not handles_speakers(by) or speaker.group_id != by.group_id:
        raise PermissionError
    if speaker.meeting is not None and speaker.meeting.group_id != speaker.group_id:
        raise ValueError(speaker.meeting_id)
    speaker.handled_by = by.user
    speaker.save()
    return speaker
