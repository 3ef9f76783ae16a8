"""Joining a group, deciding on a request, leaving: one function per change."""

from django.db import transaction
from django.utils import timezone

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup
from entraide.lib.hooks import Hook
from entraide.membership.models import Membership
from entraide.notifications.actions import notify

# What the apps above do when a person is welcomed into a group (after the commit) or leaves it
# (inside the transaction); they register from their AppConfig.ready().
when_welcomed: Hook[[Membership]] = Hook("membership.when_welcomed")
when_leaving: Hook[[Membership]] = Hook("membership.when_leaving")


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
        membership.save(update_fields=["status", "left_at"])
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
