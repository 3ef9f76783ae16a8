"""The writes of a charter: one function for each change, audit-logged."""

from django.db import transaction

from entraide.accounts.models import User
from entraide.charters.models import Charter
from entraide.directory.models import SupportGroup


def start_first_charter(group: SupportGroup, *, by: User | None) -> Charter:
    """The group's first charter, as an empty draft; an existing charter is left as it is."""
    with transaction.atomic():
        charter = Charter.objects.filter(group=group).order_by("-version").first()
        if charter is None:
            charter = Charter.objects.create(group=group, version=1, created_by=by)
    return charter
