"""The writes of safeguarding: one function for each step of a concern, audit-logged.

The journal says what happened and who among the handlers did it, never what was written,
and never who raised or withdrew a concern: the organisation's admins read the journal, and
the person's name stays with the handlers, on the concern itself. E-mails say that something
happened, for which group, and where to read it; never what the concern says.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.refusals import Refused
from entraide.membership.models import Membership
from entraide.notifications.actions import Address, notify
from entraide.organisations.access import concern_handlers
from entraide.safeguarding.models import Concern, ConcernStep


def raise_concern(
    membership: Membership,
    *,
    kind: str,
    description: str,
    contact: str = "",
    mediation: bool = False,
    on_behalf_of_group: bool = False,
) -> Concern:
    """A member raises a concern about their group; its organisation's handlers are told."""
    group = membership.group
    organisation = group.organisation
    if organisation is None:
        raise ValueError("a group without an organisation has nobody to raise a concern to")
    with transaction.atomic():
        concern = Concern.objects.create(
            group=group,
            organisation=organisation,
            raised_by=membership.user,
            # Only a facilitator speaks for the group (seed 004: shared leadership).
            on_behalf_of_group=on_behalf_of_group and membership.is_facilitator,
            kind=kind,
            mediation_requested=mediation and kind in Concern.MEDIATION_KINDS,
            description=description,
            contact=contact,
        )
        # No actor: the organisation's journal must never name who raised a concern.
        record(
            AuditEvent.Action.CONCERN_RAISED,
            by=None,
            group=group,
            organisation=organisation,
            detail=kind,
        )

    def tell() -> None:
        handlers = concern_handlers(organisation)
        if not handlers:
            _ask_the_site_team_for_a_handler(concern)
        # One failed address does not keep the others from being told (notifications).
        notify(
            handlers,
            "safeguarding/email/raised",
            group=group,
            organisation=organisation,
            concern=concern,
        )

    transaction.on_commit(tell)
    return concern


def _ask_the_site_team_for_a_handler(concern: Concern) -> None:
    """Nobody holds the role yet: the site's team is asked to have someone named, so that the
    concern does not wait unseen. Never any content, not even the group."""
    # In the site's own language: the team, not the person who wrote, reads it.
    notify(
        Address(settings.ENTRAIDE_CONTACT_EMAIL, settings.LANGUAGE_CODE),
        "safeguarding/email/no_handler",
        concern=concern,
    )


def _moved_on() -> Refused:
    """A handler's step that the concern has moved past since their page was shown."""
    return Refused(_("Cette étape n'est plus possible : la page a été mise à jour."))


def _locked(concern: Concern, *allowed: str, refused: Refused | None = None) -> Concern:
    """The concern's row, locked, if its status is one of `allowed`: two handlers may click
    at once, and only one "acknowledge" or "close" may count."""
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    if locked.status not in allowed:
        raise refused or _moved_on()
    return locked


def _tell_the_person(concern: Concern, what: str) -> None:
    """E-mail the person who raised the concern that something happened, never what."""
    person = concern.raised_by
    if person is None:
        return
    transaction.on_commit(
        lambda: notify(
            person,
            "safeguarding/email/update",
            group=concern.group,
            organisation=concern.organisation,
            what=what,
        )
    )


def acknowledge(concern: Concern, *, by: User, message: str = "") -> Concern:
    """A handler takes the concern into account; the person sees it on their page."""
    with transaction.atomic():
        locked = _locked(concern, Concern.Status.NEW)
        locked.status = Concern.Status.ACKNOWLEDGED
        locked.acknowledged_at = timezone.now()
        locked.save(update_fields=["status", "acknowledged_at"])
        ConcernStep.objects.create(
            concern=locked, kind=ConcernStep.Kind.ACKNOWLEDGED, author=by, message=message
        )
        record(
            AuditEvent.Action.CONCERN_ACKNOWLEDGED,
            by=by,
            group=concern.group,
            organisation=concern.organisation,
        )
        _tell_the_person(concern, "acknowledged")
    concern.status, concern.acknowledged_at = locked.status, locked.acknowledged_at
    return concern


def note(concern: Concern, *, by: User, note: str = "", message: str = "") -> ConcernStep:
    """A handler notes what was done, and may write a message the person will read."""
    if not note and not message:
        raise ValueError("a step notes something or says something")
    with transaction.atomic():
        _locked(concern, Concern.Status.ACKNOWLEDGED)
        step = ConcernStep.objects.create(
            concern=concern,
            kind=ConcernStep.Kind.NOTED if note else ConcernStep.Kind.MESSAGE,
            author=by,
            note=note,
            message=message,
        )
        record(
            AuditEvent.Action.CONCERN_NOTED,
            by=by,
            group=concern.group,
            organisation=concern.organisation,
            detail="action" if note else "message",
        )
        if message:
            _tell_the_person(concern, "message")
    return step


def take_on_mediation(concern: Concern, *, by: User, message: str = "") -> Concern:
    """The organisation takes on the mediation the person asked for (seed 002)."""
    with transaction.atomic():
        locked = _locked(concern, Concern.Status.ACKNOWLEDGED)
        if not locked.mediation_requested or locked.mediation_taken_at is not None:
            raise _moved_on()
        locked.mediation_taken_at = timezone.now()
        locked.save(update_fields=["mediation_taken_at"])
        ConcernStep.objects.create(
            concern=locked, kind=ConcernStep.Kind.MEDIATION, author=by, message=message
        )
        record(
            AuditEvent.Action.CONCERN_NOTED,
            by=by,
            group=concern.group,
            organisation=concern.organisation,
            detail="mediation",
        )
        _tell_the_person(concern, "mediation")
    concern.mediation_taken_at = locked.mediation_taken_at
    return concern


def close(concern: Concern, *, by: User, note: str, message: str = "") -> Concern:
    """Close the concern, with what was done; the person sees that it is closed."""
    with transaction.atomic():
        locked = _locked(concern, Concern.Status.ACKNOWLEDGED)
        locked.status = Concern.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        ConcernStep.objects.create(
            concern=locked, kind=ConcernStep.Kind.CLOSED, author=by, note=note, message=message
        )
        record(
            AuditEvent.Action.CONCERN_CLOSED,
            by=by,
            group=concern.group,
            organisation=concern.organisation,
        )
        _tell_the_person(concern, "closed")
    concern.status, concern.closed_at = locked.status, locked.closed_at
    return concern


def withdraw(concern: Concern) -> Concern:
    """The person who raised the concern withdraws it; the handlers are told."""
    with transaction.atomic():
        locked = _locked(
            concern,
            *Concern.OPEN_STATUSES,
            refused=Refused(_("Ce signalement est déjà clos ou retiré.")),
        )
        locked.status = Concern.Status.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at"])
        ConcernStep.objects.create(concern=locked, kind=ConcernStep.Kind.WITHDRAWN)
        # No actor, as for raising it: the journal would otherwise name the person.
        record(
            AuditEvent.Action.CONCERN_WITHDRAWN,
            by=None,
            group=concern.group,
            organisation=concern.organisation,
        )
    organisation, group = concern.organisation, concern.group

    def tell() -> None:
        notify(
            concern_handlers(organisation),
            "safeguarding/email/withdrawn",
            group=group,
            organisation=organisation,
        )

    transaction.on_commit(tell)
    concern.status, concern.withdrawn_at = locked.status, locked.withdrawn_at
    return concern
