"""The day-before reminder of a workshop, for people with a seat, never sent twice.

As the meetings' reminders (`meetings.reminders.tasks`): `schedule()` enqueues one task to run a
day before the start (at once when that time has come); the task reads everything again and
sends nothing for a cancelled or started workshop, a person who withdrew or is still waiting,
or a workshop moved later (the task scheduled for the new time will send it). A reminder is
claimed by a conditional UPDATE of `Registration.reminded_for` to the workshop's current start,
in the same transaction as the message: a retried or duplicated job sends nothing twice, and a
workshop moved after its reminder is reminded again at its new time. The meetings' reminders
are tied to `Meeting` and each member's preferences; a workshop has one reminder, so this is
their small equivalent.

`send_due_reminders()` is the safety net of `manage.py send_workshop_reminders`, run by
`manage.py periodic_jobs` (or a cron) beside the meetings' `send_reminders`.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from entraide.notifications.actions import prepare
from entraide.notifications.sending import deliver
from entraide.workshops.models import Registration, Workshop

BEFORE = dt.timedelta(days=1)
# The worker's clock may run a little ahead of the web server's.
TOLERANCE = dt.timedelta(minutes=5)


def schedule(workshop: Workshop, registration: Registration) -> None:
    """Enqueue the reminder of a person with a seat; enqueuing twice is harmless."""
    # A backend that cannot defer (the immediate one, for a quick trial) would send at once:
    # the sweep sends it when due instead.
    if not send_reminder.get_backend().supports_defer:
        return
    now = timezone.now()
    if workshop.starts_at <= now:
        return
    due = workshop.starts_at - BEFORE
    if due <= now:
        send_reminder.enqueue(registration.pk)
    else:
        send_reminder.using(run_after=due).enqueue(registration.pk)


@task()
def send_reminder(registration_id: int) -> bool:
    """Send one reminder if it is still due and was not sent yet; True if an e-mail left."""
    return remind(registration_id)


def remind(registration_id: int) -> bool:
    """The task's work, also used by the sweep. Safe to run any number of times."""
    now = timezone.now()
    with transaction.atomic():
        mine = (
            Registration.objects.seated()
            .select_related("user", "workshop__organisation")
            .filter(pk=registration_id)
            .first()
        )
        if mine is None:
            return False
        workshop = mine.workshop
        if workshop.is_cancelled or workshop.starts_at <= now:
            return False
        if workshop.starts_at - BEFORE > now + TOLERANCE:
            return False  # moved later: the task scheduled for the new time sends it
        claimed = (
            Registration.objects.filter(pk=mine.pk)
            .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("workshop__starts_at")))
            .update(reminded_for=workshop.starts_at)
        )
        if not claimed:
            return False
        notification = prepare(
            mine.user,
            "workshops/email/reminder",
            time_zone=workshop.time_zone,
            workshop=workshop,
        )
    if notification is not None:
        deliver(notification.pk)
    return True


def send_due_reminders() -> int:
    """Send every workshop reminder due now and not sent yet; how many left."""
    now = timezone.now()
    due = (
        Registration.objects.seated()
        .filter(
            workshop__status=Workshop.Status.PUBLISHED,
            workshop__starts_at__gt=now,
            workshop__starts_at__lte=now + BEFORE,
        )
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("workshop__starts_at")))
        .values_list("pk", flat=True)
    )
    return sum(remind(pk) for pk in list(due))
