from entraide.accounts.models import User
from entraide.accounts.personal_data import erase_person


def delete_person(person: User) -> None:
    """Erase a person and what the site holds about them, in one transaction.

    Each row listed in `personal_data.REGISTRY` is deleted or anonymised as its entry says;
    the groups stay.
    """
    erase_person(person)
