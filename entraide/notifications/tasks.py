"""The task that sends messages, run by `manage.py db_worker` like the meeting reminders."""

import datetime as dt
from collections.abc import Sequence

from django.core.mail import mailers
from django.tasks import task
from django.utils import timezone

from entraide.notifications.sending import deliver

# One task sends this many messages over one connection to the mail server.
BATCH = 50


@task()
def send_notifications(notification_ids: list[int]) -> int:
    """Send the queued deliveries of these notifications; how many e-mails left.

    Safe to run any number of times: each delivery is claimed before it is sent.
    """
    sent = 0
    again: list[int] = []
    delay: dt.timedelta | None = None
    with mailers.default as connection:
        for notification_id in notification_ids:
            outcome = deliver(notification_id, connection)
            sent += outcome.sent
            if outcome.again_after is not None:
                again.append(notification_id)
                delay = min(outcome.again_after, delay or outcome.again_after)
    if again:
        enqueue(again, after=delay)
    return sent


def enqueue(notification_ids: Sequence[int], *, after: dt.timedelta | None = None) -> None:
    """Enqueue the sending of these notifications, in batches, now or after a delay."""
    task = send_notifications
    if after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + after)
    for start in range(0, len(notification_ids), BATCH):
        task.enqueue(list(notification_ids[start : start + BATCH]))
