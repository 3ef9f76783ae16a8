from django.db import transaction

from entraide.accounts.models import User


@transaction.atomic
def delete_person(person: User) -> None:
    """Erase a person: their account, addresses and sessions' user go with the row.

    Nothing else refers to a person yet; features that do (memberships, messages) must
    anonymise or delete their rows here, in the same transaction.
    """
    person.delete()
