"""`manage.py purge_expired`: what is kept only for a while goes, and nothing else."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from conftest import Cast
from entraide.notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def task(status: TaskResultStatus, days_ago: int | None) -> DBTaskResult:  # type: ignore[type-arg]
    return DBTaskResult.objects.create(
        task_path="entraide.notifications.tasks.send_notifications",
        args_kwargs={"args": [[]], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        status=status,
        finished_at=None if days_ago is None else NOW - dt.timedelta(days=days_ago),
    )


def notification(cast: Cast, *statuses_and_ages: tuple[str, int]) -> Notification:
    oldest = max(age for _, age in statuses_and_ages)
    sent = Notification.objects.create(
        template="membership/email/declined", created_at=NOW - dt.timedelta(days=oldest)
    )
    for (status, age), person in zip(statuses_and_ages, (cast.bob, cast.alice), strict=False):
        Delivery.objects.create(
            notification=sent, user=person, status=status, updated_at=NOW - dt.timedelta(days=age)
        )
    return sent


def test_expired_sessions_go_and_living_ones_stay() -> None:
    living, expired = SessionStore(), SessionStore()
    living.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=NOW - dt.timedelta(minutes=1)
    )

    call_command("purge_expired", verbosity=0)

    assert list(Session.objects.values_list("session_key", flat=True)) == [living.session_key]


def test_finished_tasks_go_after_30_days_failed_ones_after_90_and_waiting_ones_stay() -> None:
    kept = [
        task(TaskResultStatus.SUCCESSFUL, 29),
        task(TaskResultStatus.FAILED, 89),
        task(TaskResultStatus.READY, None),
        task(TaskResultStatus.RUNNING, None),
    ]
    task(TaskResultStatus.SUCCESSFUL, 31)
    task(TaskResultStatus.FAILED, 91)

    call_command("purge_expired", verbosity=0)

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {t.pk for t in kept}


def test_traces_of_emails_go_once_nothing_remains_to_do(cast: Cast) -> None:
    gone = [
        notification(cast, ("sent", 31), ("sent", 40)),
        notification(cast, ("failed", 91), ("sent", 95)),
    ]
    kept = [
        notification(cast, ("sent", 10)),
        notification(cast, ("sent", 31), ("sent", 20)),
        notification(cast, ("sent", 31), ("failed", 60)),
        notification(cast, ("sent", 40), ("queued", 40)),
    ]
    out = StringIO()

    call_command("purge_expired", stdout=out)

    assert set(Notification.objects.values_list("pk", flat=True)) == {n.pk for n in kept}
    assert not Delivery.objects.filter(notification__in=[n.pk for n in gone]).exists()
    assert "2 old notifications" in out.getvalue()
