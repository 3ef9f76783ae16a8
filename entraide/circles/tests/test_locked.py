"""A socket's action that meets a locked SQLite table is tried again, and changes the circle
once; any other database error is not hidden."""

from typing import Any

import pytest
from django.db import OperationalError

from conftest import Cast
from entraide.circles import actions, consumers
from entraide.circles.access import seat_for_person
from entraide.circles.models import Circle
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def raise_first(monkeypatch: pytest.MonkeyPatch, message: str) -> list[int]:
    """Let the real action run, after it met `message` once."""
    real = actions.perform
    calls: list[int] = []

    def perform(*args: Any, **kwargs: Any) -> Circle:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError(message)
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "perform", perform)
    return calls


def data(action: str) -> dict[str, Any]:
    return {"action": action, "person": None, "turn": None, "minutes": None}


def test_an_action_that_met_a_locked_table_is_tried_again_and_done_once(
    cast: Cast, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    seat = seat_for_person(cast.alice, cast.group.slug, meeting.pk)
    assert seat is not None
    actions.open_circle(seat)
    calls = raise_first(monkeypatch, "database table is locked")

    news = consumers._perform(seat, data("raise"))

    assert len(calls) == 2
    assert [person["name"] for person in news["queue"]] == ["Alice"]
    assert Circle.objects.get(meeting=meeting).version == news["version"] == 2  # changed once


def test_another_database_error_is_not_hidden(
    cast: Cast, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    seat = seat_for_person(cast.alice, cast.group.slug, meeting.pk)
    assert seat is not None
    actions.open_circle(seat)
    calls = raise_first(monkeypatch, "no such table: circles_circle")

    with pytest.raises(OperationalError):
        consumers._perform(seat, data("raise"))
    assert len(calls) == 1
