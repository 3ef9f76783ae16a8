"""/livez/ and /readyz/: what a load balancer asks, answered without a word about anyone."""

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.django_db


def test_a_living_process_answers_ok_to_anyone(client: Client) -> None:
    response = client.get("/livez/")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_ready_when_the_database_the_cache_and_the_queue_answer(client: Client) -> None:
    response = client.get("/readyz/")

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ready",
        "checks": {"database": "ok", "cache": "ok", "tasks": {"lag_seconds": 0, "state": "ok"}},
    }


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_not_ready_when_the_cache_keeps_nothing(client: Client) -> None:
    response = client.get("/readyz/")

    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"] == "failing"


def queued(*, run_after: dt.datetime | None = None) -> DBTaskResult[Any, Any]:
    """A task waiting in the queue, written as the backend writes it (enqueueing it here would
    let the test's own worker run it at the end of the next request)."""
    return DBTaskResult.objects.create(
        task_path="entraide.notifications.tasks.send_notifications",
        args_kwargs={"args": [[]], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=run_after or get_date_max(),
    )


def lag_of(client: Client) -> tuple[int, dict[str, object]]:
    response = client.get("/readyz/")
    return response.status_code, json.loads(response.content)["checks"]["tasks"]


@override_settings(READY_MAX_TASK_LAG_SECONDS=300)
def test_not_ready_when_a_task_waits_too_long(client: Client) -> None:
    queued()
    assert lag_of(client) == (200, {"lag_seconds": 0, "state": "ok"})

    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=7))

    assert lag_of(client) == (503, {"lag_seconds": 420, "state": "late"})


@override_settings(READY_MAX_TASK_LAG_SECONDS=300)
def test_a_task_planned_for_later_is_not_late_until_its_time(client: Client) -> None:
    queued(run_after=timezone.now() + dt.timedelta(hours=1))
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(days=1))
    assert lag_of(client) == (200, {"lag_seconds": 0, "state": "ok"})

    DBTaskResult.objects.update(run_after=timezone.now() - dt.timedelta(minutes=10))

    assert lag_of(client) == (503, {"lag_seconds": 600, "state": "late"})
