"""Joining a group, deciding on a request, becoming a member, leaving: one function per change."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup
from entraide.lib.hooks import Hook
from entraide.lib.refusals import Refused
from entraide.membership.models import Membership
from entraide.notifications.actions import notify

# What the apps above do when a person is welcomed into a group (after the commit) or leaves it
# (inside the transaction); they register from their AppConfig.ready().
when_welcomed: Hook[[Membership]] = Hook("membership.when_welcomed")
when_leaving: Hook[[Membership]] = Hook("membership.when_leaving")
# When an observer becomes a member or a member goes back to listening (inside the
# transaction): who consents to the charter, votes and answers polls has changed.
when_role_changed: Hook[[Membership]] = Hook("membership.when_role_changed")


def facilitators_of(group: SupportGroup) -> list[User]:
    return [
        membership.user
        for membership in group.memberships.filter(
            role=Membership.Role.FACILITATOR, status=Membership.Status.ACTIVE
        ).select_related("user")
    ]


def request_to_join(person: User, group: SupportGroup, message: str = "") -> Membership:
    """Ask to join; asking again updates the message. The facilitators are told."""
    with transaction.atomic():
        membership, _created = Membership.objects.select_for_update().get_or_create(
            user=person, group=group, defaults={"message": message}
        )
        if membership.is_active:
            return membership
        membership.status = Membership.Status.REQUESTED
        membership.role = Membership.Role.OBSERVER
        membership.message = message
        membership.decided_at = None
        membership.left_at = None
        membership.becoming_member = Membership.BecomingMember.NO
        membership.becoming_member_since = None
        membership.save()
        record(AuditEvent.Action.JOIN_REQUESTED, by=person, subject=person, group=group)
        tell_facilitators(membership)
    return membership


def tell_facilitators(membership: Membership) -> None:
    notify(
        [f for f in facilitators_of(membership.group) if f.notify_join_requests],
        "membership/email/request",
        group=membership.group,
        membership=membership,
    )


def accept(membership: Membership, *, role: str, by: Membership) -> Membership:
    """Welcome the person as observer or member (seed 003: one may come to listen first)."""
    if role not in (Membership.Role.OBSERVER, Membership.Role.MEMBER):
        raise ValueError(role)
    with transaction.atomic():
        membership.status = Membership.Status.ACTIVE
        membership.role = role
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "role", "decided_at"])
        record(
            AuditEvent.Action.JOIN_ACCEPTED,
            by=by.user,
            subject=membership.user,
            group=membership.group,
            detail=role,
        )
        notify(
            membership.user,
            "membership/email/accepted",
            group=membership.group,
            membership=membership,
        )
    # The apps above act for the newcomer (e.g. meetings: reminders of the meetings already
    # planned, like everyone) once the welcome is saved.
    transaction.on_commit(lambda: when_welcomed(membership))
    return membership


def decline(membership: Membership, *, by: Membership) -> Membership:
    """Say no kindly; the person may ask again later."""
    with transaction.atomic():
        membership.status = Membership.Status.DECLINED
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "decided_at"])
        record(
            AuditEvent.Action.JOIN_DECLINED,
            by=by.user,
            subject=membership.user,
            group=membership.group,
        )
        notify(membership.user, "membership/email/declined", group=membership.group)
    return membership


def leave(membership: Membership) -> Membership:
    """Leave whenever one wants, without having to say why (seed 000: no reproach)."""
    with transaction.atomic():
        membership.status = Membership.Status.LEFT
        membership.left_at = timezone.now()
        membership.becoming_member = Membership.BecomingMember.NO
        membership.becoming_member_since = None
        membership.save(
            update_fields=["status", "left_at", "becoming_member", "becoming_member_since"]
        )
        record(
            AuditEvent.Action.GROUP_LEFT,
            by=membership.user,
            subject=membership.user,
            group=membership.group,
        )
        # The apps above act in the same transaction: their seats at coming meetings go to the
        # next people waiting, and the charter under consent may have been waiting only for them.
        when_leaving(membership)
    return membership


def leave_every_group(person: User) -> None:
    """The person deletes their account: they leave each of their groups as if they chose to,
    so that what their place held for others moves on (`accounts.when_deleting`)."""
    for membership in Membership.objects.filter(user=person, status=Membership.Status.ACTIVE):
        leave(membership)


# From observer to member (seed 003: "après une ou deux rencontres, vous décidez si vous devenez
# membre"). Either side may make the first step: the observer asks and the facilitators
# decide, or a facilitator invites and the observer decides. The role changes only when both
# have said yes, and the other side is told each time. Two people may answer at once (two
# facilitators, or the observer and a facilitator): each step locks the membership first.


def _locked(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update().select_related("user", "group").get(pk=membership.pk)
    )


def _still_observer(membership: Membership) -> None:
    if not membership.is_observer:
        raise Refused(_("Cette personne n'est plus observatrice dans le groupe : rien à changer."))


def _tell_facilitators_about(membership: Membership, template: str) -> None:
    notify(
        [
            f
            for f in facilitators_of(membership.group)
            if f.notify_join_requests and f != membership.user
        ],
        template,
        group=membership.group,
        membership=membership,
    )


def _make_member(membership: Membership, *, by: User) -> None:
    membership.role = Membership.Role.MEMBER
    membership.becoming_member = Membership.BecomingMember.NO
    membership.becoming_member_since = None
    membership.save(update_fields=["role", "becoming_member", "becoming_member_since"])
    record(
        AuditEvent.Action.BECAME_MEMBER,
        by=by,
        subject=membership.user,
        group=membership.group,
    )
    when_role_changed(membership)


def observer_says_yes(membership: Membership) -> Membership:
    """The observer wishes to become a member: a request to the facilitators, or, when they
    invited the person already, the person is a member now. Asking twice asks once."""
    with transaction.atomic():
        locked = _locked(membership)
        _still_observer(locked)
        if locked.becoming_member == Membership.BecomingMember.PROPOSED:
            _make_member(locked, by=locked.user)
            _tell_facilitators_about(locked, "membership/email/now_member")
        elif locked.becoming_member != Membership.BecomingMember.ASKED:
            locked.becoming_member = Membership.BecomingMember.ASKED
            locked.becoming_member_since = timezone.now()
            locked.save(update_fields=["becoming_member", "becoming_member_since"])
            record(
                AuditEvent.Action.MEMBER_ASKED,
                by=locked.user,
                subject=locked.user,
                group=locked.group,
            )
            _tell_facilitators_about(locked, "membership/email/member_asked")
    return locked


def facilitator_says_yes(observer: Membership, *, by: Membership) -> Membership:
    """A facilitator welcomes an observer as a member: at once when the person asked,
    otherwise as an invitation that the person accepts or not."""
    with transaction.atomic():
        locked = _locked(observer)
        _still_observer(locked)
        if locked.becoming_member == Membership.BecomingMember.ASKED:
            _make_member(locked, by=by.user)
            notify(
                locked.user,
                "membership/email/member_welcomed",
                group=locked.group,
                facilitator=by.user,
            )
        elif locked.becoming_member != Membership.BecomingMember.PROPOSED:
            locked.becoming_member = Membership.BecomingMember.PROPOSED
            locked.becoming_member_since = timezone.now()
            locked.save(update_fields=["becoming_member", "becoming_member_since"])
            record(
                AuditEvent.Action.MEMBER_PROPOSED,
                by=by.user,
                subject=locked.user,
                group=locked.group,
            )
            notify(
                locked.user,
                "membership/email/member_invited",
                group=locked.group,
                facilitator=by.user,
            )
    return locked


def not_now(observer: Membership, *, by: User) -> Membership:
    """Either side says "not now": the observer withdraws a request or declines an invitation,
    or a facilitator declines a request or withdraws an invitation. The person stays in the
    group as an observer. Only a request declined by a facilitator sends an e-mail: the person
    waits for an answer; otherwise, the one who is told nothing had nothing to wait for."""
    with transaction.atomic():
        locked = _locked(observer)
        _still_observer(locked)
        was = locked.becoming_member
        if was == Membership.BecomingMember.NO:
            return locked
        locked.becoming_member = Membership.BecomingMember.NO
        locked.becoming_member_since = None
        locked.save(update_fields=["becoming_member", "becoming_member_since"])
        record(AuditEvent.Action.MEMBER_NOT_NOW, by=by, subject=locked.user, group=locked.group)
        if was == Membership.BecomingMember.ASKED and by != locked.user:
            notify(locked.user, "membership/email/member_not_now", group=locked.group)
    return locked


def back_to_listening(membership: Membership) -> Membership:
    """A member goes back to listening, as an observer, whenever they wish; the facilitators
    are told. Facilitating is given up another way: a group must not lose its facilitators
    through this door."""
    with transaction.atomic():
        locked = _locked(membership)
        if not (locked.is_active and locked.role == Membership.Role.MEMBER):
            raise Refused(_("Vous n'êtes pas membre de ce groupe : rien à changer."))
        locked.role = Membership.Role.OBSERVER
        locked.becoming_member = Membership.BecomingMember.NO
        locked.becoming_member_since = None
        locked.save(update_fields=["role", "becoming_member", "becoming_member_since"])
        record(
            AuditEvent.Action.BACK_TO_LISTENING,
            by=locked.user,
            subject=locked.user,
            group=locked.group,
        )
        _tell_facilitators_about(locked, "membership/email/back_to_listening")
        when_role_changed(locked)
    return locked


def write_to_facilitators(membership: Membership, message: str) -> int:
    """Send a member's message to the group's facilitators, each in their own language.

    The message and the writer's address (to reply to) wait encrypted for the worker, and are
    erased once sent. Returns how many facilitators it is sent to.
    """
    recipients = [f for f in facilitators_of(membership.group) if f != membership.user]
    notify(
        recipients,
        "membership/email/to_facilitators",
        reply_to=[membership.user.email],
        private={"message": message},
        group=membership.group,
        membership=membership,
    )
    return len(recipients)
