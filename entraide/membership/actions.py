"""Joining a group, deciding on a request, leaving: one function per change."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup
from entraide.lib.hooks import Hook
from entraide.membership.models import Membership


def send_in_their_language(
    to: User,
    subject_template: str,
    body_template: str,
    reply_to: list[str] | None = None,
    **context: object,
) -> None:
    """An e-mail rendered in the recipient's own language, whatever the sender's."""
    with translation.override(to.preferred_language):
        subject = render_to_string(subject_template, {"to": to, **context}).strip()
        body = render_to_string(body_template, {"to": to, "SITE_URL": settings.SITE_URL, **context})
    EmailMessage(subject=subject, body=body, to=[to.email], reply_to=reply_to).send()


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
    transaction.on_commit(lambda: tell_facilitators(membership))
    return membership


def tell_facilitators(membership: Membership) -> None:
    for facilitator in facilitators_of(membership.group):
        if not facilitator.notify_join_requests:
            continue
        send_in_their_language(
            facilitator,
            "membership/email/request_subject.txt",
            "membership/email/request_body.txt",
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
    # The apps above act for the newcomer (e.g. meetings: reminders of the meetings already
    # planned, like everyone) once the welcome is saved.
    transaction.on_commit(lambda: when_welcomed(membership))
    transaction.on_commit(
        lambda: send_in_their_language(
            membership.user,
            "membership/email/accepted_subject.txt",
            "membership/email/accepted_body.txt",
            group=membership.group,
            membership=membership,
        )
    )
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
    transaction.on_commit(
        lambda: send_in_their_language(
            membership.user,
            "membership/email/declined_subject.txt",
            "membership/email/declined_body.txt",
            group=membership.group,
        )
    )
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

    Nothing is stored: the message travels by e-mail, with the writer's address to reply to.
    Returns how many facilitators it was sent to.
    """
    recipients = [f for f in facilitators_of(membership.group) if f != membership.user]
    for facilitator in recipients:
        send_in_their_language(
            facilitator,
            "membership/email/to_facilitators_subject.txt",
            "membership/email/to_facilitators_body.txt",
            reply_to=[membership.user.email],
            group=membership.group,
            membership=membership,
            message=message,
        )
    return len(recipients)
