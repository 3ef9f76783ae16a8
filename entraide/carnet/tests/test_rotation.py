"""Key rotation: pages written under an old key are read again under the new one after
`rotate_encryption_keys`, and the old key alone then reads nothing."""

import io

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from conftest import Cast
from entraide.carnet import actions
from entraide.carnet.models import Entry, Preparation
from entraide.carnet.tests.conftest import FEELING, NEXT_TIME, PREPARED, TAKEAWAY
from entraide.lib.crypto import UnreadableValueError, is_under_first_key
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode("ascii")
KEY_B = Fernet.generate_key().decode("ascii")


def stored_tokens() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT mood, feeling, takeaway, next_time FROM carnet_entry")
        tokens = [value for row in cursor.fetchall() for value in row]
        cursor.execute("SELECT text FROM carnet_preparation")
        tokens += [value for (value,) in cursor.fetchall()]
    return tokens


def test_a_carnet_written_under_key_a_reads_under_key_b_alone_after_rotation(
    cast: Cast, past_meeting: Meeting, coming_meeting: Meeting
) -> None:
    with override_settings(ENCRYPTION_KEYS=[KEY_A]):
        actions.write_entry(
            cast.bob,
            day=timezone.localdate(),
            words=actions.Words(2, FEELING, TAKEAWAY, NEXT_TIME),
            meeting=past_meeting,
        )
        actions.write_entry(
            cast.bob,
            day=timezone.localdate(),
            words=actions.Words(None, "", "", "court"),
            meeting=None,
        )
        actions.save_preparation(cast.bob, coming_meeting, PREPARED)
        before = stored_tokens()

    # The cast's meeting places were written under the tests' key: the rotation reads it too.
    with override_settings(ENCRYPTION_KEYS=[KEY_B, KEY_A, *settings.ENCRYPTION_KEYS]):
        call_command("rotate_encryption_keys", stdout=io.StringIO())
        after = stored_tokens()
        assert all(is_under_first_key(token) for token in after)
    assert not set(before) & set(after)

    with override_settings(ENCRYPTION_KEYS=[KEY_B]):
        first, second = Entry.objects.order_by("pk")
        assert (first.mood, first.feeling, first.takeaway, first.next_time) == (
            2,
            FEELING,
            TAKEAWAY,
            NEXT_TIME,
        )
        assert (second.mood, second.next_time) == (None, "court")
        assert Preparation.objects.get().text == PREPARED

    with override_settings(ENCRYPTION_KEYS=[KEY_A]):
        with pytest.raises(UnreadableValueError):
            list(Entry.objects.all())
        with pytest.raises(UnreadableValueError):
            Preparation.objects.get()
