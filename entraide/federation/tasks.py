"""The worker's side of federation (`manage.py db_worker`): bring a group's followers up to date
with its meetings, and deliver each activity, signed at each attempt, with retries.

`publish_group` compares the group's next meetings with what was last sent (`Published`): a new
meeting is a Create, a changed one (moved, cancelled, reinstated) an Update, one that is gone a
Delete, after which its address answers 410 Gone. `deliver` posts one activity to one inbox;
a failure (no answer, a 5xx, a 429) is tried again after 1 minute, 10 minutes, 1 hour and
6 hours, then given up. A 4xx other than 429 is not tried again; a 410 Gone also forgets the
followers behind that inbox.
"""

import datetime as dt
import json
import logging
from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from entraide.directory.models import SupportGroup
from entraide.federation import documents, net
from entraide.federation.keys import key_of
from entraide.federation.models import Follower, Published
from entraide.meetings.models import Meeting

logger = logging.getLogger(__name__)

RETRIES = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=10),
    dt.timedelta(hours=1),
    dt.timedelta(hours=6),
)


def inboxes(group: SupportGroup | None) -> list[str]:
    """Each follower's inbox once (a shared inbox serves many followers)."""
    return sorted(set(Follower.objects.filter(group=group).values_list("inbox", flat=True)))


def send_later(activity: dict[str, Any], inbox: str, group_id: int | None) -> None:
    """Queue one delivery, after the current transaction commits."""
    transaction.on_commit(lambda: deliver.enqueue(activity, inbox, group_id, 0))


@task()
def deliver(activity: dict[str, Any], inbox: str, group_id: int | None, attempt: int) -> int:
    """Post one activity to one inbox, signed by the group (or the instance); the status."""
    group = SupportGroup.objects.filter(pk=group_id).first() if group_id is not None else None
    if group_id is not None and group is None:
        return 0  # the group is gone, and its key with it
    key = key_of(group)
    actor = documents.group_id(group) if group is not None else documents.instance_id()
    body = json.dumps(activity).encode("utf-8")
    try:
        answer = net.request(
            "POST", inbox, key_id=f"{actor}#main-key", private_pem=key.private_pem, body=body
        )
        status = answer.status
    except net.Refused as error:
        logger.warning("federation: delivery failed: %s", error)
        status = 0
    if status == 410:
        # The account (or its whole server) is gone: nothing is kept of it any longer.
        Follower.objects.filter(inbox=inbox).delete()
    if (status == 0 or status == 429 or status >= 500) and attempt < len(RETRIES):
        later = deliver
        if later.get_backend().supports_defer:
            later = later.using(run_after=timezone.now() + RETRIES[attempt])
        later.enqueue(activity, inbox, group_id, attempt + 1)
    return status


@task()
def publish_group(group_id: int) -> int:
    """Send the group's followers what changed in its next meetings; how many activities."""
    group = SupportGroup.objects.filter(pk=group_id).first()
    if group is None:
        return 0
    actor = documents.group_id(group)
    targets = inboxes(group)
    sent = 0
    now = timezone.now()
    with transaction.atomic():
        rows = list(Published.objects.select_for_update().filter(group=group))
        published = {row.meeting_id: row for row in rows if row.gone_at is None}
        # A deleted Event's id is never used again: Mobilizon keeps its Tombstone for ever.
        tombstones = {row.meeting_id for row in rows if row.gone_at is not None}
        shown = [meeting for meeting in documents.window(group) if meeting.pk not in tombstones]
        for meeting in shown:
            document = documents.event(meeting, group)
            fingerprint = documents.fingerprint(document)
            row = published.get(meeting.pk)
            if row is not None and row.fingerprint == fingerprint:
                continue
            kind = "Create" if row is None else "Update"
            Published.objects.update_or_create(
                meeting_id=meeting.pk,
                defaults={"group": group, "fingerprint": fingerprint, "sent_at": now},
            )
            for inbox in targets:
                send_later(documents.activity(kind, actor, document, fingerprint), inbox, group.pk)
                sent += 1
        # Published meetings that no longer exist, or whose group is no longer public: gone.
        # A meeting that only left the window (held, or further than the next few) stays.
        still_there = set(
            Meeting.objects.filter(pk__in=list(published), group__is_published=True).values_list(
                "pk", flat=True
            )
        )
        for meeting_id, row in published.items():
            if meeting_id in still_there:
                continue
            row.gone_at = now
            row.save(update_fields=["gone_at"])
            for inbox in targets:
                send_later(documents.delete(actor, meeting_id), inbox, group.pk)
                sent += 1
    return sent


def welcome(follower: Follower, follow: dict[str, Any]) -> None:
    """Accept a Follow, then send the new follower the group's next meetings (the outbox has
    them too, but Mastodon reads no outbox)."""
    group = follower.group
    actor = documents.group_id(group) if group is not None else documents.instance_id()
    send_later(documents.accept(actor, follow), follower.inbox, group.pk if group else None)
    if group is None:
        return
    for meeting in documents.window(group):
        document = documents.event(meeting, group)
        tag = documents.fingerprint(document)
        send_later(documents.activity("Create", actor, document, tag), follower.inbox, group.pk)
