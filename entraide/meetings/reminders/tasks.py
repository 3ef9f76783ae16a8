"""Meeting reminders by e-mail, sent by background tasks that never send anything twice.

Each member chooses, per group, a reminder some days before and one some hours before (0: none;
`Membership.remind_days_before`, `remind_hours_before`). `actions.schedule()` enqueues one task
per wanted reminder, to run at the meeting's start minus the delay. A task does not trust what
it was given: it reads the meeting and the membership again, and sends nothing for a cancelled
meeting, a meeting moved later (its reminder is not due yet: the new task will send it), a
person who left the group or said they are not coming, or a reminder no longer wanted. It
records a `SentReminder` for the meeting's current start in the same transaction as the
message (`notifications.prepare`), and sends nothing if one is already there: a retried or
duplicated job sends nothing twice, and a meeting moved after its reminder is reminded again
at its new time. Since it already runs in the worker, the task then sends its message itself
(`notifications.sending.deliver`) rather than enqueue another task.

`send_due_reminders()` is the safety net run by `manage.py send_reminders` (e.g. every quarter
of an hour from a cron): it sends every reminder that is due and was not sent, for instance for
a member who joined after the meeting was planned, or when the worker was stopped.
"""

import datetime as dt

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from entraide.meetings.models import Answer, Meeting, SentReminder
from entraide.membership.models import Membership
from entraide.notifications.actions import prepare
from entraide.notifications.sending import deliver

KINDS = (SentReminder.Kind.DAYS, SentReminder.Kind.HOURS)
# The worker's clock may run a little ahead of the web server's: a reminder a few minutes
# early is the same reminder.
TOLERANCE = dt.timedelta(minutes=5)
# The sweep looks no further ahead than the longest reminder (14 days before).
SWEEP_AHEAD = dt.timedelta(days=15)


def delay_for(membership: Membership, kind: str) -> dt.timedelta | None:
    """How long before the start this person wants this kind of reminder; None: not at all."""
    if kind == SentReminder.Kind.DAYS and membership.remind_days_before:
        return dt.timedelta(days=membership.remind_days_before)
    if kind == SentReminder.Kind.HOURS and membership.remind_hours_before:
        return dt.timedelta(hours=membership.remind_hours_before)
    return None


def due_at(meeting: Meeting, membership: Membership, kind: str) -> dt.datetime | None:
    delay = delay_for(membership, kind)
    return None if delay is None else meeting.starts_at - delay


@task()
def send_reminder(meeting_id: int, user_id: int, kind: str) -> bool:
    """Send one reminder if it is still due and was not sent yet; True if an e-mail left."""
    return remind(meeting_id, user_id, kind)


def remind(meeting_id: int, user_id: int, kind: str) -> bool:
    """The task's work, also used by the sweep. Safe to run any number of times."""
    now = timezone.now()
    with transaction.atomic():
        meeting = Meeting.objects.select_related("group", "series").filter(pk=meeting_id).first()
        if meeting is None or meeting.is_cancelled or meeting.starts_at <= now:
            return False
        membership = (
            Membership.objects.select_related("user", "group")
            .filter(group_id=meeting.group_id, user_id=user_id, status=Membership.Status.ACTIVE)
            .first()
        )
        if membership is None:
            return False
        due = due_at(meeting, membership, kind)
        # Not wanted any more, or not due yet: the meeting was moved later, or the person
        # asked for a reminder closer to the start; the task scheduled for then will send it.
        if due is None or due > now + TOLERANCE:
            return False
        if _overtaken(meeting, membership, kind, due, now):
            return False
        answer = Answer.objects.filter(meeting=meeting, user_id=user_id).first()
        if answer is not None and answer.response == Answer.Response.NOT_COMING:
            return False
        # The row and the message stand or fall together: if the row is there, the message
        # is recorded too, and its delivery is sent once (a failure is tried again, then
        # listed for the site team).
        _sent, created = SentReminder.objects.get_or_create(
            meeting=meeting, user_id=user_id, kind=kind, for_start=meeting.starts_at
        )
        if not created:
            return False
        notification = prepare(
            membership.user,
            "meetings/email/reminder",
            time_zone=meeting.group.time_zone,
            group=meeting.group,
            meeting=meeting,
        )
    if notification is not None:
        deliver(notification.pk)
    return True


def _overtaken(
    meeting: Meeting, membership: Membership, kind: str, due: dt.datetime, now: dt.datetime
) -> bool:
    """A late reminder (a stopped worker) is not sent when the closer one is already due."""
    other = SentReminder.Kind.HOURS if kind == SentReminder.Kind.DAYS else SentReminder.Kind.DAYS
    other_due = due_at(meeting, membership, other)
    return other_due is not None and due < other_due <= now + TOLERANCE


def send_due_reminders() -> int:
    """Send every reminder due now and not sent yet, for the coming days; how many left."""
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED, starts_at__gt=now, starts_at__lte=now + SWEEP_AHEAD
        )
    )
    already = set(
        SentReminder.objects.filter(meeting__in=meetings).values_list(
            "meeting_id", "user_id", "kind", "for_start"
        )
    )
    people: dict[int, list[Membership]] = {}
    for membership in Membership.objects.filter(
        group_id__in={m.group_id for m in meetings}, status=Membership.Status.ACTIVE
    ):
        people.setdefault(membership.group_id, []).append(membership)
    sent = 0
    for meeting in meetings:
        for membership in people.get(meeting.group_id, []):
            for kind in KINDS:
                due = due_at(meeting, membership, kind)
                if due is None or due > now:
                    continue
                if (meeting.pk, membership.user_id, kind, meeting.starts_at) in already:
                    continue
                sent += remind(meeting.pk, membership.user_id, kind)
    return sent
