"""Our actors' keys: made on first need, the private key encrypted at rest (`lib.crypto`)."""

from django.db import IntegrityError, transaction

from entraide.directory.models import SupportGroup
from entraide.federation import signatures
from entraide.federation.models import ActorKey


def key_of(group: SupportGroup | None) -> ActorKey:
    """The group's key pair (the instance's for None), made the first time."""
    found = ActorKey.objects.filter(group=group).first()
    if found is not None:
        return found
    keys = signatures.new_keys()
    try:
        with transaction.atomic():
            return ActorKey.objects.create(
                group=group, public_pem=keys.public_pem, private_pem=keys.private_pem
            )
    except IntegrityError:  # made at the same moment by another request
        return ActorKey.objects.get(group=group)
