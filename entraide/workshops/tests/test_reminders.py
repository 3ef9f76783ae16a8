"""The day-before reminder: to people with a seat, once, by the task or the sweep."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import Cast
from entraide.workshops import actions, tasks
from entraide.workshops.models import Registration, Workshop

pytestmark = pytest.mark.django_db

TASK = "entraide.workshops.tasks.send_reminder"


def test_registering_queues_the_reminder_a_day_before(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()

    bob = actions.register(workshop, accompanied.bob)

    (row,) = DBTaskResult.objects.filter(task_path=TASK)
    assert row.args_kwargs["args"] == [bob.pk]
    assert row.run_after == workshop.starts_at - dt.timedelta(days=1)


def test_the_reminder_is_sent_once_however_often_the_task_runs(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(starts_in=dt.timedelta(hours=20))
    bob = actions.register(workshop, accompanied.bob)

    assert tasks.remind(bob.pk) is True
    assert tasks.remind(bob.pk) is False
    assert tasks.send_due_reminders() == 0

    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "Demain" in mail.outbox[0].subject
    assert "12 rue des Lilas" in mail.outbox[0].body


def test_the_sweep_reminds_people_with_a_seat_not_those_waiting(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(capacity=1, starts_in=dt.timedelta(hours=20))
    actions.register(workshop, accompanied.alice)
    actions.register(workshop, accompanied.bob)

    call_command("send_workshop_reminders", verbosity=0)
    call_command("send_workshop_reminders", verbosity=0)

    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_a_reminder_before_its_day_sends_nothing(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    bob = actions.register(make_workshop(starts_in=dt.timedelta(days=3)), accompanied.bob)

    assert tasks.remind(bob.pk) is False
    assert tasks.send_due_reminders() == 0
    assert mail.outbox == []


def test_a_cancelled_workshop_or_a_withdrawn_person_is_not_reminded(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    cancelled = make_workshop(starts_in=dt.timedelta(hours=20))
    alice = actions.register(cancelled, accompanied.alice)
    Workshop.objects.filter(pk=cancelled.pk).update(status=Workshop.Status.CANCELLED)
    other = make_workshop(starts_in=dt.timedelta(hours=20))
    bob = actions.register(other, accompanied.bob)
    actions.withdraw(bob)

    assert tasks.remind(alice.pk) is False
    assert tasks.remind(bob.pk) is False
    assert mail.outbox == []


def test_a_workshop_moved_after_its_reminder_is_reminded_again(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(starts_in=dt.timedelta(hours=20))
    bob = actions.register(workshop, accompanied.bob)
    tasks.remind(bob.pk)
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() + dt.timedelta(hours=22)
    )

    assert tasks.send_due_reminders() == 1
    assert len(mail.outbox) == 2
    assert Registration.objects.get(pk=bob.pk).reminded_for == Workshop.objects.get().starts_at
