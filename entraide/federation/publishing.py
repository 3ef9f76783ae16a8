"""Where meetings meet federation: when a group's meetings change, its followers are brought up
to date by the worker (`tasks.publish_group`), after the change is committed."""

from django.db import transaction

from entraide.directory.models import SupportGroup
from entraide.federation.models import Follower, Published
from entraide.federation.tasks import publish_group


def meetings_changed(group: SupportGroup) -> None:
    """Registered on `meetings.series.actions.when_meetings_changed`: nothing to do for a group
    nobody follows and that never published anything."""
    if (
        Follower.objects.filter(group=group).exists()
        or Published.objects.filter(group=group, gone_at__isnull=True).exists()
    ):
        transaction.on_commit(lambda: publish_group.enqueue(group.pk))
