"""The migration that made founding sessions meetings keeps each dated session's facts."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conftest import Cast
from entraide.founding.models import FoundingSession, Initiative
from entraide.meetings.models import Meeting

BEFORE = [("founding", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_a_dated_session_becomes_a_meeting_and_an_undated_one_keeps_its_kind(cast: Cast) -> None:
    initiative = Initiative.objects.create(
        group=cast.group, initiator=cast.alice, stage=Initiative.Stage.FOUNDING
    )
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("founding", "FoundingSession")
    start = dt.datetime(2027, 3, 2, 17, 0, tzinfo=dt.UTC)
    old.objects.create(
        initiative_id=initiative.pk,
        kind="information",
        starts_at=start,
        duration_minutes=120,
        place="Maison des associations",
        agenda="Accueil",
        notes="Prochaine fois : le rythme",
    )
    old.objects.create(initiative_id=initiative.pk, kind="first", place="", agenda="")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app at its latest again

    dated = FoundingSession.objects.get(kind="information")
    undated = FoundingSession.objects.get(kind="first")
    meeting = Meeting.objects.get()
    assert dated.meeting == meeting and undated.meeting is None
    assert (meeting.group, meeting.title) == (cast.group, "Séance d'information")
    assert (meeting.starts_at, meeting.ends_at) == (start, start + dt.timedelta(minutes=120))
    assert (meeting.place, meeting.agenda, meeting.note) == (
        "Maison des associations",
        "Accueil",
        "Prochaine fois : le rythme",
    )
