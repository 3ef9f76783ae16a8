"""The writes of accompaniment: one function for each change, audit-logged."""

import datetime as dt

from entraide.accompaniment.models import Review
from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup


def schedule_review(group: SupportGroup, due_on: dt.date, *, by: User | None) -> Review:
    """Plan the group's functioning review (seed 001: "quelques mois après l'ouverture")."""
    review = Review.objects.create(group=group, due_on=due_on)
    record(AuditEvent.Action.REVIEW_SCHEDULED, by=by, group=group)
    return review
