from typing import TYPE_CHECKING

from entraide.audit.models import AuditEvent

# The journal sits below every app that writes to it: it knows a person, a group and an
# organisation only by their rows, so these imports are for the type checker alone.
if TYPE_CHECKING:
    from entraide.accounts.models import User
    from entraide.directory.models import SupportGroup
    from entraide.organisations.models import Organisation


def record(
    action: str,
    *,
    by: "User | None",
    subject: "User | None" = None,
    group: "SupportGroup | None" = None,
    organisation: "Organisation | None" = None,
    detail: str = "",
) -> AuditEvent:
    """Write one line of the journal, inside the caller's transaction."""
    return AuditEvent.objects.create(
        action=action,
        actor=by,
        subject=subject,
        group=group,
        # The id only: reading group.organisation would cost a query for nothing.
        organisation_id=organisation.pk
        if organisation
        else (group.organisation_id if group else None),
        detail=detail[:60],
    )
