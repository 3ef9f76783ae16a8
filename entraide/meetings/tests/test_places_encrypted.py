"""Meeting places are encrypted at rest, like the carnet: the database holds only tokens, the
code reads the address; the migration encrypts the places written before it."""

import datetime as dt
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from conftest import Cast
from entraide.directory.models import SupportGroup
from entraide.lib import crypto
from entraide.meetings.models import Meeting, MeetingSeries

pytestmark = pytest.mark.django_db

HOME = "Chez Bob, 3 rue des Lilas, 2e étage, code 4512"


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        (value,) = cursor.fetchone()
    return str(value)


def write_raw(table: str, column: str, pk: int, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])  # noqa: S608


def a_meeting(cast: Cast, place: str = HOME) -> Meeting:
    now = timezone.now()
    return Meeting.objects.create(
        group=cast.group,
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=2),
        place=place,
    )


def a_series(cast: Cast) -> MeetingSeries:
    return MeetingSeries.objects.create(
        group=cast.group,
        rule="FREQ=WEEKLY;BYDAY=TU",
        starts_on=dt.date(2026, 1, 1),
        start_time=dt.time(18, 30),
        end_time=dt.time(20),
        place="Maison des associations, salle 3",
    )


def test_a_home_address_is_a_token_in_the_database_and_text_in_the_code(cast: Cast) -> None:
    meeting = a_meeting(cast)
    series = a_series(cast)

    stored = raw("meetings_meeting", "place", meeting.pk)
    assert "Lilas" not in stored and crypto.decrypt(stored) == HOME
    assert "salle 3" not in raw("meetings_meetingseries", "place", series.pk)
    assert "salle 3" not in raw("directory_supportgroup", "meeting_place", cast.group.pk)
    assert Meeting.objects.get(pk=meeting.pk).place == HOME
    assert MeetingSeries.objects.get(pk=series.pk).place == "Maison des associations, salle 3"
    assert SupportGroup.objects.get(pk=cast.group.pk).meeting_place == (
        "Maison des associations, salle 3"
    )


def test_no_address_says_nothing_either(cast: Cast) -> None:
    meeting = a_meeting(cast, place="")

    stored = raw("meetings_meeting", "place", meeting.pk)

    assert stored != "" and crypto.decrypt(stored) == ""
    assert Meeting.objects.get(pk=meeting.pk).place == ""


def test_the_key_rotation_rewrites_the_places_too() -> None:
    found = dict(crypto.encrypted_fields())

    assert "place" in found[Meeting] and "place" in found[MeetingSeries]
    assert "meeting_place" in found[SupportGroup]


@pytest.mark.parametrize(
    ("app", "name", "table", "column"),
    [
        ("meetings", "0003_encrypt_places", "meetings_meeting", "place"),
        ("meetings", "0003_encrypt_places", "meetings_meetingseries", "place"),
        ("directory", "0004_encrypt_meeting_place", "directory_supportgroup", "meeting_place"),
    ],
)
def test_the_migration_encrypts_the_places_written_in_clear_and_back(
    cast: Cast, app: str, name: str, table: str, column: str
) -> None:
    pk = {
        "meetings_meeting": lambda: a_meeting(cast).pk,
        "meetings_meetingseries": lambda: a_series(cast).pk,
        "directory_supportgroup": lambda: cast.group.pk,
    }[table]()
    write_raw(table, column, pk, HOME)  # as stored before the migration
    migration = import_module(f"entraide.{app}.migrations.{name}").Migration
    # The data step comes first, while the column is still plain text, both ways.
    plain = MigrationLoader(connection).project_state((app, name), at_end=False).apps
    step = migration.operations[0]
    editor = SimpleNamespace(connection=connection)

    step.code(plain, editor)

    assert crypto.decrypt(raw(table, column, pk)) == HOME
    step.reverse_code(plain, editor)
    assert raw(table, column, pk) == HOME
