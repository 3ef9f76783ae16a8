from django.db import transaction

from entraide.accounts.models import User
from entraide.accounts.personal_data import erase_person
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.hooks import Hook

# Called inside the deletion's transaction, before anything is erased: the apps above undo what
# the person's place meant for others (membership: they leave their groups, so their seats at
# coming meetings go to the next people waiting; workshops: their seats likewise).
when_deleting: Hook[[User]] = Hook("accounts.when_deleting")


def delete_person(person: User) -> None:
    """Erase a person and what the site holds about them, in one transaction.

    Each row listed in `personal_data.REGISTRY` is deleted or anonymised as its entry says;
    the groups stay.
    """
    with transaction.atomic():
        when_deleting(person)
        erase_person(person)
        # The journal keeps that an account was deleted, not whose.
        record(AuditEvent.Action.ACCOUNT_DELETED, by=None)
