"""Planning meeting reminders: one background task per wanted reminder, and the preferences.

`schedule()` enqueues, after a meeting is created or moved, one task (`tasks.send_reminder`)
per reminder each member wants, to run at the meeting's start minus the delay (at once when
that time has already come);
`schedule_for()` does the same for one person. Enqueuing twice is harmless: the tasks
deduplicate.
"""

from django.db import transaction
from django.utils import timezone

from entraide.meetings.models import Meeting
from entraide.meetings.reminders import tasks
from entraide.membership.models import Membership


def schedule(meeting: Meeting) -> None:
    """Enqueue the reminders each active person of the group wants for this meeting.

    Called after a meeting is created or moved. A reminder whose time has already come is
    queued to run at once, so the worker sends it without waiting for the sweep. Enqueuing
    twice is harmless: the tasks deduplicate.
    """
    if meeting.is_cancelled:
        return
    for membership in Membership.objects.filter(
        group_id=meeting.group_id, status=Membership.Status.ACTIVE
    ):
        _enqueue(meeting, membership)


def schedule_for(membership: Membership) -> None:
    """Enqueue one person's reminders for their group's coming meetings (preferences changed)."""
    coming = Meeting.objects.filter(
        group_id=membership.group_id,
        status=Meeting.Status.SCHEDULED,
        starts_at__gt=timezone.now(),
    )
    for meeting in coming:
        _enqueue(meeting, membership)


def _enqueue(meeting: Meeting, membership: Membership) -> None:
    # A backend that cannot defer (the immediate one, for a quick trial) would send at once:
    # the sweep sends them when due instead.
    if not tasks.send_reminder.get_backend().supports_defer:
        return
    now = timezone.now()
    if meeting.starts_at <= now:
        return
    for kind in tasks.KINDS:
        due = tasks.due_at(meeting, membership, kind)
        if due is None:
            continue
        if due <= now:
            # Already due (a meeting added or moved at short notice): the worker sends it now,
            # unless the closer reminder is due too (the task checks).
            tasks.send_reminder.enqueue(meeting.pk, membership.user_id, kind)
        else:
            tasks.send_reminder.using(run_after=due).enqueue(meeting.pk, membership.user_id, kind)


def set_reminders(membership: Membership, *, days_before: int, hours_before: int) -> Membership:
    """A member's reminder preferences for one group (0: none); the coming meetings follow."""
    with transaction.atomic():
        membership.remind_days_before = days_before
        membership.remind_hours_before = hours_before
        membership.save(update_fields=["remind_days_before", "remind_hours_before"])
        schedule_for(membership)
    return membership
