import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, TestCase
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from conftest import Cast
from entraide.federation.tests.remote import Remote, remote_server
from entraide.meetings.models import Meeting
from entraide.meetings.series import actions
from entraide.membership.models import Membership

SITE = "https://a.entraide.test"
PLACE = "12 rue des Lilas, chez Alice"
LINK = "https://visio.example/deuil-nantes-secret"
AP = "application/activity+json"
LD = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


@pytest.fixture(autouse=True)
def site(settings: Any) -> None:
    settings.SITE_URL = SITE


@pytest.fixture
def remote(settings: Any) -> Iterator[Remote]:
    settings.FEDERATION_ALLOW_HTTP = True
    settings.FEDERATION_ALLOW_PRIVATE_ADDRESSES = True
    with remote_server() as served:
        yield served


def plan(cast: Cast, **changes: Any) -> list[Meeting]:
    """Alice plans the group's monthly meetings at her home, with a private video link."""
    fields: dict[str, Any] = {
        "rhythm": "weekly",
        "weekday": 1,
        "nth": None,
        "day": None,
        "starts_on": timezone.localdate() + dt.timedelta(days=1),
        "start_time": dt.time(18, 30),
        "end_time": dt.time(20, 0),
        "venue": "hybrid",
        "place": PLACE,
        "online_link": LINK,
        "capacity": 12,
    }
    fields.update(changes)
    alice = Membership.objects.get(group=cast.group, user=cast.alice)
    actions.save_series(cast.group, fields, by=alice)
    return list(Meeting.objects.filter(group=cast.group).order_by("starts_at"))


def get_ap(client: Client, url: str, accept: str = AP) -> Any:
    return client.get(url, headers={"Accept": accept})


WORKER = Worker(
    queue_names=["*"],
    interval=0,
    batch=True,
    backend_name="default",
    startup_delay=False,
    max_tasks=None,
    worker_id="federation-tests",
    excluded_queue_names=[],
)


def run_queued() -> int:
    """Run the federation tasks ready to run, as `manage.py db_worker` would; how many ran.
    Tasks they queue run too; those queued for later (retries) wait."""
    ran = 0
    while True:
        job = (
            DBTaskResult.objects.ready()
            .filter(task_path__startswith="entraide.federation.")
            .order_by("enqueued_at")
            .first()
        )
        if job is None:
            return ran
        job.claim(WORKER.worker_id)
        with TestCase.captureOnCommitCallbacks(execute=True):
            WORKER.run_task(job)
        ran += 1


def queued(task: str = "entraide.federation.tasks.deliver") -> list[DBTaskResult[Any, Any]]:
    return list(DBTaskResult.objects.filter(task_path=task).order_by("enqueued_at"))
