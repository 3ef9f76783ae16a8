"""What a person confides in a concern, and every note on it, is encrypted at rest and follows
a key rotation."""

import io

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from conftest import Cast
from entraide.accounts.models import User
from entraide.lib.crypto import is_under_first_key
from entraide.membership.models import Membership
from entraide.safeguarding import actions
from entraide.safeguarding.models import Concern, ConcernStep

pytestmark = pytest.mark.django_db


def stored(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} ORDER BY id")  # noqa: S608
        return [str(row[0]) for row in cursor.fetchall()]


def test_concerns_and_their_steps_are_rewritten_under_a_new_key(
    accompanied: Cast, sabine: User
) -> None:
    bob = Membership.objects.get(user=accompanied.bob)
    concern = actions.raise_concern(
        bob, kind="complex", description="Une situation difficile.", contact="Le soir"
    )
    actions.acknowledge(concern, by=sabine, message="Nous avons lu.")
    actions.note(concern, by=sabine, note="Appel prévu.")
    new_key = Fernet.generate_key().decode("ascii")

    with override_settings(ENCRYPTION_KEYS=[new_key, *settings.ENCRYPTION_KEYS]):
        call_command("rotate_encryption_keys", stdout=io.StringIO())
        tokens = (
            stored("safeguarding_concern", "description")
            + stored("safeguarding_concern", "contact")
            + stored("safeguarding_concernstep", "note")
            + stored("safeguarding_concernstep", "message")
        )
        assert all(is_under_first_key(token) for token in tokens)

    with override_settings(ENCRYPTION_KEYS=[new_key]):
        again = Concern.objects.get()
        assert (again.description, again.contact) == ("Une situation difficile.", "Le soir")
        assert list(ConcernStep.objects.values_list("note", "message")) == [
            ("", "Nous avons lu."),
            ("Appel prévu.", ""),
        ]
