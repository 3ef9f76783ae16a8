"""The facilitators' choice to share their group's health with its organisation, journalled."""

from django.db import transaction

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup
from entraide.health.models import Sharing
from entraide.health.sharing import is_founding, stage_of


@transaction.atomic
def set_sharing(group: SupportGroup, shared: bool, *, by: User) -> Sharing:
    """Share (or stop sharing) the group's health with the organisation, for the present
    stage of the group."""
    sharing, _created = Sharing.objects.update_or_create(
        group=group,
        defaults={
            "shared": shared,
            "during_founding": is_founding(group.status, stage_of(group)),
            "changed_by": by,
        },
    )
    action = AuditEvent.Action.HEALTH_SHARED if shared else AuditEvent.Action.HEALTH_UNSHARED
    record(action, by=by, group=group)
    return sharing
