"""An organisation's team: inviting people to a role, accepting, removing and leaving a role.

Each change is written to the organisation's journal in the same transaction. Whoever holds
a role must set up a second factor (`middleware.StaffTwoFactorMiddleware`): accepting leads
there at once.
"""

import datetime as dt
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.refusals import Refused
from entraide.notifications.actions import Address, notify
from entraide.organisations.models import Organisation, OrganisationRole, TeamInvitation

# How long an invitation's link works.
INVITATION_DAYS = 14
# How long a used or expired invitation is kept (for "who was invited?"), then deleted.
KEEP_INVITATIONS = dt.timedelta(days=30)


def _recipient(email: str) -> User | Address:
    """The account under that address (its language), else the address alone."""
    account = User.objects.filter(email__iexact=email).first()
    return account if account is not None else Address(email)


def invite(organisation: Organisation, email: str, role: str, *, by: User) -> TeamInvitation:
    """Send a link that gives `role` to whoever accepts it under the address `email`."""
    email = email.strip().lower()
    if role not in OrganisationRole.Role.values:
        raise Refused(_("Ce rôle n'existe pas."))
    if OrganisationRole.objects.filter(
        organisation=organisation, role=role, user__email__iexact=email
    ).exists():
        raise Refused(_("Cette personne a déjà ce rôle dans l'organisation."))
    with transaction.atomic():
        invitation = TeamInvitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token=secrets.token_urlsafe(32),
            invited_by=by,
            expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
        )
        notify(
            _recipient(email),
            "organisations/email/team_invitation",
            organisation=organisation,
            invitation=invitation,
        )
        record(AuditEvent.Action.TEAM_INVITED, by=by, organisation=organisation, detail=role)
    return invitation


def is_for(invitation: TeamInvitation, person: User) -> bool:
    """Whether the person's account is under the invited address: a role is never given to
    whoever happens to hold a forwarded link."""
    return person.email.strip().lower() == invitation.email


def accept(invitation: TeamInvitation, person: User) -> OrganisationRole:
    """The invited person takes the role; the link is used up."""
    if not is_for(invitation, person):
        raise Refused(
            _(
                "Cette invitation a été envoyée à une autre adresse que celle de votre compte. "
                "Connectez-vous avec le compte de l'adresse qui l'a reçue."
            )
        )
    with transaction.atomic():
        locked = TeamInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None or locked.expires_at <= timezone.now():
            raise Refused(_("Cette invitation n'est plus valable."))
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        role, _created = OrganisationRole.objects.get_or_create(
            user=person, organisation_id=locked.organisation_id, role=locked.role
        )
        record(
            AuditEvent.Action.TEAM_JOINED,
            by=person,
            subject=person,
            organisation=role.organisation,
            detail=locked.role,
        )
    return role


def remove_role(role: OrganisationRole, *, by: User) -> None:
    """An admin removes someone's role, or a person leaves their own; never the last admin."""
    with transaction.atomic():
        # Two admins removing each other at once must not leave the organisation without one.
        admins = list(
            OrganisationRole.objects.select_for_update()
            .filter(organisation_id=role.organisation_id, role=OrganisationRole.Role.ADMIN)
            .values_list("pk", flat=True)
        )
        if role.role == OrganisationRole.Role.ADMIN and admins == [role.pk]:
            raise Refused(
                _(
                    "L'organisation doit garder au moins un·e administrateur·rice : "
                    "invitez-en un·e autre avant de retirer ce rôle."
                )
            )
        leaving = role.user_id == by.pk
        record(
            AuditEvent.Action.TEAM_LEFT if leaving else AuditEvent.Action.TEAM_REMOVED,
            by=by,
            subject=role.user,
            organisation=role.organisation,
            detail=role.role,
        )
        role.delete()


def withdraw_invitation(invitation: TeamInvitation, *, by: User) -> None:
    """An admin takes back an invitation not yet accepted: its link stops working."""
    with transaction.atomic():
        record(
            AuditEvent.Action.TEAM_INVITATION_WITHDRAWN,
            by=by,
            organisation=invitation.organisation,
            detail=invitation.role,
        )
        invitation.delete()


def purge_invitations(now: dt.datetime | None = None) -> int:
    """Delete the invitations accepted, or expired, more than `KEEP_INVITATIONS` ago: their
    addresses have no use left. Safe to repeat; returns how many were deleted."""
    before = (now or timezone.now()) - KEEP_INVITATIONS
    with transaction.atomic():
        deleted, _by_model = TeamInvitation.objects.filter(
            Q(accepted_at__lt=before) | Q(accepted_at__isnull=True, expires_at__lt=before)
        ).delete()
    return deleted
