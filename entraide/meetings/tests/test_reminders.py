"""Reminders by e-mail before a meeting: as each person wishes, never twice, never for nothing."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from conftest import Cast
from entraide.meetings.answers import actions as answers
from entraide.meetings.models import Meeting, Presence, SentReminder
from entraide.meetings.reminders import actions, tasks
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

TASK = "entraide.meetings.reminders.tasks.send_reminder"


def run_due_tasks() -> int:
    """Run the reminder tasks the worker would run now, as `manage.py db_worker` does."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests-reminders",
        excluded_queue_names=[],
    )
    ran = 0
    for job in DBTaskResult.objects.ready().filter(task_path=TASK):
        job.claim(worker.worker_id)
        worker.run_task(job)
        ran += 1
    return ran


def meeting_of(cast: Cast, *, starts_in: dt.timedelta, **fields: Any) -> Meeting:
    starts = timezone.now().replace(microsecond=0) + starts_in
    return Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **fields
    )


def prefer(cast: Cast, person: Any, days: int, hours: int) -> Membership:
    membership = Membership.objects.get(user=person, group=cast.group)
    membership.remind_days_before, membership.remind_hours_before = days, hours
    membership.save()
    return membership


def test_a_reminder_job_run_twice_sends_one_email(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(days=1, hours=12))

    first = tasks.send_reminder.call(meeting.pk, cast.bob.pk, "days")
    again = tasks.send_reminder.call(meeting.pk, cast.bob.pk, "days")

    assert (first, again) == (True, False)
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert SentReminder.objects.filter(meeting=meeting, user=cast.bob).count() == 1


def test_the_reminder_gives_the_group_s_time_the_link_and_the_place_to_a_member(
    cast: Cast,
) -> None:
    meeting = meeting_of(
        cast, starts_in=dt.timedelta(hours=2), place="Maison des associations, salle 3"
    )

    tasks.send_reminder.call(meeting.pk, cast.bob.pk, "hours")

    local = timezone.localtime(meeting.starts_at, cast.group.time_zone)
    message = mail.outbox[0]
    assert message.subject.startswith("Rappel : « Deuil Nantes » se retrouve le")
    assert f"à {local:%H:%M}" in message.subject
    assert f"de {local:%H:%M} à" in message.body
    assert "Europe/Paris" in message.body
    assert "Maison des associations, salle 3" in message.body
    assert f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/" in message.body
    assert "Vous n'avez pas encore dit si vous venez." in message.body
    assert f"/mes-groupes/{cast.group.slug}/rappels/" in message.body


def test_an_observer_who_already_came_is_not_given_the_address(cast: Cast) -> None:
    before = meeting_of(cast, starts_in=dt.timedelta(days=-20))
    Presence.objects.create(meeting=before, user=cast.chloe, present=True)
    meeting = meeting_of(cast, starts_in=dt.timedelta(hours=2), place="12 rue des Lilas")

    tasks.send_reminder.call(meeting.pk, cast.chloe.pk, "hours")

    assert mail.outbox[0].to == ["chloe@example.org"]
    assert "12 rue des Lilas" not in mail.outbox[0].body


def test_an_observer_s_first_meeting_reminder_gives_the_address(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(hours=2), place="12 rue des Lilas")

    tasks.send_reminder.call(meeting.pk, cast.chloe.pk, "hours")

    assert "12 rue des Lilas" in mail.outbox[0].body


def test_a_moved_meeting_s_old_reminder_sends_nothing(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(days=1, hours=12))
    meeting.starts_at += dt.timedelta(days=7)
    meeting.ends_at += dt.timedelta(days=7)
    meeting.save()

    sent = tasks.send_reminder.call(meeting.pk, cast.bob.pk, "days")

    assert sent is False
    assert mail.outbox == []
    assert not SentReminder.objects.exists()


def test_a_meeting_moved_after_its_reminder_is_reminded_once_more_at_its_new_time(
    cast: Cast,
) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(days=1, hours=12))
    tasks.send_reminder.call(meeting.pk, cast.bob.pk, "days")
    meeting.starts_at -= dt.timedelta(hours=3)
    meeting.ends_at -= dt.timedelta(hours=3)
    meeting.save()

    tasks.send_reminder.call(meeting.pk, cast.bob.pk, "days")
    tasks.send_reminder.call(meeting.pk, cast.bob.pk, "days")

    assert len(mail.outbox) == 2
    assert SentReminder.objects.filter(for_start=meeting.starts_at).count() == 1


def test_a_cancelled_meeting_is_not_reminded(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(hours=2), status=Meeting.Status.CANCELLED)

    assert tasks.send_reminder.call(meeting.pk, cast.bob.pk, "hours") is False
    assert mail.outbox == []


def test_someone_who_said_they_are_not_coming_is_not_reminded(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(hours=2))
    answers.answer(meeting, cast.bob, "not_coming")

    assert tasks.send_reminder.call(meeting.pk, cast.bob.pk, "hours") is False
    assert mail.outbox == []


def test_someone_on_the_waiting_list_is_reminded_of_their_place_in_it(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(hours=2), capacity=2)
    for person in (cast.alice, cast.chloe, cast.bob):
        answers.answer(meeting, person, "coming")

    tasks.send_reminder.call(meeting.pk, cast.bob.pk, "hours")

    assert "vous êtes n° 1 sur la liste d'attente" in mail.outbox[0].body


def test_someone_who_left_the_group_is_not_reminded(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(hours=2))
    Membership.objects.filter(user=cast.bob).update(status=Membership.Status.LEFT)

    assert tasks.send_reminder.call(meeting.pk, cast.bob.pk, "hours") is False
    assert mail.outbox == []


def test_a_reminder_someone_turned_off_is_not_sent(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(hours=2))
    prefer(cast, cast.bob, days=2, hours=0)

    assert tasks.send_reminder.call(meeting.pk, cast.bob.pk, "hours") is False
    assert mail.outbox == []


def test_a_late_reminder_of_days_is_not_sent_when_the_hours_one_is_due(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(hours=2))

    assert tasks.send_reminder.call(meeting.pk, cast.bob.pk, "days") is False
    assert tasks.send_reminder.call(meeting.pk, cast.bob.pk, "hours") is True
    assert len(mail.outbox) == 1


def test_schedule_enqueues_each_wanted_reminder_at_its_time(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(days=10))
    prefer(cast, cast.bob, days=0, hours=0)
    prefer(cast, cast.chloe, days=5, hours=0)

    actions.schedule(meeting)

    enqueued = {
        (tuple(row.args_kwargs["args"]), row.run_after)
        for row in DBTaskResult.objects.filter(task_path=TASK)
    }
    start = meeting.starts_at
    assert enqueued == {
        ((meeting.pk, cast.alice.pk, "days"), start - dt.timedelta(days=2)),
        ((meeting.pk, cast.alice.pk, "hours"), start - dt.timedelta(hours=3)),
        ((meeting.pk, cast.chloe.pk, "days"), start - dt.timedelta(days=5)),
    }


def test_schedule_queues_the_reminders_already_due_to_be_sent_now(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(days=1))

    actions.schedule(meeting)

    ready = DBTaskResult.objects.ready().filter(task_path=TASK)
    later = DBTaskResult.objects.filter(task_path=TASK).exclude(pk__in=ready)
    assert {tuple(row.args_kwargs["args"]) for row in ready} == {
        (meeting.pk, person.pk, "days") for person in (cast.alice, cast.bob, cast.chloe)
    }
    assert {row.args_kwargs["args"][2] for row in later} == {"hours"}


def test_a_meeting_added_tomorrow_is_reminded_by_the_worker_at_once(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    """Seen in use: reminders already due when a meeting is created waited for the cron."""
    tomorrow = timezone.localtime(timezone.now() + dt.timedelta(days=1), cast.group.time_zone)
    client.force_login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/mes-groupes/{cast.group.slug}/rencontres/ajouter/",
            {
                "date": tomorrow.date().isoformat(),
                "start_time": f"{tomorrow.hour:02}:00" if tomorrow.hour < 23 else "23:00",
                "end_time": "23:59",
                "place": "Maison des associations, salle 3",
                "online_link": "",
                "capacity": "",
            },
        )
    mail.outbox.clear()  # the e-mails saying a meeting was added

    ran = run_due_tasks()

    assert ran == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
        "chloe@example.org",
    ]
    assert {m.subject.split(" ")[0] for m in mail.outbox} == {"Rappel", "Reminder:"}
    assert SentReminder.objects.filter(kind="days").count() == 3


def test_schedule_enqueues_nothing_for_a_cancelled_meeting(cast: Cast) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(days=10), status=Meeting.Status.CANCELLED)

    actions.schedule(meeting)

    assert not DBTaskResult.objects.filter(task_path=TASK).exists()


def test_a_reminder_queued_before_the_task_moved_still_finds_it(cast: Cast) -> None:
    actions.schedule(meeting_of(cast, starts_in=dt.timedelta(days=10)))
    DBTaskResult.objects.update(task_path="entraide.meetings.reminders.send_reminder")

    # The worker runs what the row names: the old path leads to the same task.
    assert {row.task.func for row in DBTaskResult.objects.all()} == {tasks.send_reminder.func}


def test_the_sweep_sends_what_is_due_once_and_respects_answers(cast: Cast) -> None:
    soon = meeting_of(cast, starts_in=dt.timedelta(hours=2))
    meeting_of(cast, starts_in=dt.timedelta(days=10))
    answers.answer(soon, cast.alice, "not_coming")

    call_command("send_reminders", verbosity=0)
    again = tasks.send_due_reminders()

    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.org", "chloe@example.org"]
    assert again == 0


REMINDERS = "/mes-groupes/{slug}/rappels/"


@pytest.mark.parametrize("who", ["alice", "bob", "chloe"])
def test_everyone_in_the_group_chooses_their_reminders(
    client: Client, cast: Cast, who: str
) -> None:
    client.force_login(getattr(cast, who))

    page = client.get(REMINDERS.format(slug=cast.group.slug))

    assert page.status_code == 200
    assert "Mes rappels de rencontre" in page.content.decode()
    assert 'value="2"' in page.content.decode() and 'value="3"' in page.content.decode()


def test_bob_asks_for_a_reminder_one_day_before_and_none_the_same_day(
    client: Client, cast: Cast
) -> None:
    meeting = meeting_of(cast, starts_in=dt.timedelta(days=10))
    client.force_login(cast.bob)

    response = client.post(
        REMINDERS.format(slug=cast.group.slug), {"days_before": "1", "hours_before": "0"}
    )

    assert response.status_code == 302
    bob = Membership.objects.get(user=cast.bob)
    assert (bob.remind_days_before, bob.remind_hours_before) == (1, 0)
    enqueued = [(row.args_kwargs["args"], row.run_after) for row in DBTaskResult.objects.all()]
    assert enqueued == [
        ([meeting.pk, cast.bob.pk, "days"], meeting.starts_at - dt.timedelta(days=1))
    ]
    assert "Vos rappels sont enregistrés." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("days", "hours", "error"),
    [
        ("15", "3", "Indiquez un nombre de jours, de 0 à 14."),
        ("-1", "3", "Indiquez un nombre de jours, de 0 à 14."),
        ("2", "49", "Indiquez un nombre d&#x27;heures, de 0 à 48."),
        ("deux", "3", "Indiquez un nombre entier de jours, de 0 à 14."),
        ("", "3", "Indiquez un nombre de jours, de 0 à 14."),
    ],
)
def test_a_wrong_number_is_explained_and_nothing_is_lost(
    client: Client, cast: Cast, days: str, hours: str, error: str
) -> None:
    client.force_login(cast.bob)

    response = client.post(
        REMINDERS.format(slug=cast.group.slug), {"days_before": days, "hours_before": hours}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert f'value="{hours}"' in html
    bob = Membership.objects.get(user=cast.bob)
    assert (bob.remind_days_before, bob.remind_hours_before) == (2, 3)


def test_a_visitor_is_asked_to_log_in_for_reminders(client: Client, cast: Cast) -> None:
    response = client.get(REMINDERS.format(slug=cast.group.slug))

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


@pytest.mark.parametrize("status", [None, "requested", "left", "declined"])
def test_nobody_outside_the_group_reaches_its_reminders(
    client: Client, cast: Cast, status: str | None
) -> None:
    if status is not None:
        Membership.objects.create(user=cast.dan, group=cast.group, status=status)
    client.force_login(cast.dan)

    url = REMINDERS.format(slug=cast.group.slug)
    assert client.get(url).status_code == 404
    assert client.post(url, {"days_before": "1", "hours_before": "1"}).status_code == 404
    assert client.get(REMINDERS.format(slug="nexiste-pas")).status_code == 404
