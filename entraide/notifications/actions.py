"""Notifying people: the one way any part of the site sends a message.

    notify(person, "membership/email/accepted", group=group, membership=membership)

`notify` records the message and its recipients in the caller's transaction, and enqueues its
sending when the transaction commits: a change that is rolled back sends nothing, and no page
waits for a mail server. The worker (`tasks.send_notifications`) renders it for each recipient,
in their language, and sends each one once.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from entraide.accounts.models import User
from entraide.notifications.contexts import pack
from entraide.notifications.models import Delivery, Notification, SealedWords
from entraide.notifications.tasks import enqueue


@dataclass(frozen=True)
class Address:
    """A recipient without an account: an organisation's contact address, a person of an
    uploaded list. Without a language, the message is in French with the English below."""

    email: str
    language: str = ""


Recipient = User | Address


def notify(
    to: Recipient | Iterable[Recipient],
    template: str,
    *,
    reply_to: Sequence[str] = (),
    time_zone: dt.tzinfo | str | None = None,
    private: Mapping[str, str] | None = None,
    **context: object,
) -> Notification | None:
    """Send the message `template` to each recipient, once, after the transaction commits.

    `context` names objects, dates, numbers and short codes only. Words that exist nowhere
    else go in `private`: they are kept encrypted until the message has left, then erased.
    """
    notification = prepare(
        to, template, reply_to=reply_to, time_zone=time_zone, private=private, **context
    )
    if notification is not None:
        queue([notification])
    return notification


def prepare(
    to: Recipient | Iterable[Recipient],
    template: str,
    *,
    reply_to: Sequence[str] = (),
    time_zone: dt.tzinfo | str | None = None,
    private: Mapping[str, str] | None = None,
    **context: object,
) -> Notification | None:
    """Record a message without enqueuing it (see `queue`, and `sending.deliver` for a task
    that sends its own message); None when there is nobody to send it to."""
    recipients = _distinct([to] if isinstance(to, User | Address) else list(to))
    if not recipients:
        return None
    notification = Notification.objects.create(
        template=template,
        context={name: pack(value) for name, value in context.items()},
        time_zone=str(time_zone or ""),
        has_words=bool(private),
    )
    if private or reply_to:
        SealedWords.objects.create(
            notification=notification,
            data={"words": dict(private or {}), "reply_to": list(reply_to)},
        )
    Delivery.objects.bulk_create(
        Delivery(notification=notification, user=each)
        if isinstance(each, User)
        else Delivery(notification=notification, address=each.email, language=each.language)
        for each in recipients
    )
    return notification


def queue(notifications: Sequence[Notification]) -> None:
    """Enqueue the sending of these messages once the transaction commits."""
    ids = [notification.pk for notification in notifications]
    if ids:
        transaction.on_commit(partial(enqueue, ids))


def _distinct(recipients: list[Recipient]) -> list[Recipient]:
    seen: set[object] = set()
    kept: list[Recipient] = []
    for each in recipients:
        key = ("user", each.pk) if isinstance(each, User) else ("address", each.email.lower())
        if key not in seen:
            seen.add(key)
            kept.append(each)
    return kept


# What the site team sees and does ----------------------------------------------------------

# A delivery left "sending" this long was cut off (a worker stopped while sending).
INTERRUPTED_AFTER = dt.timedelta(minutes=15)
# A delivery left "queued" this long has no task any more (the queue was emptied).
FORGOTTEN_AFTER = dt.timedelta(hours=1)


def stuck() -> "Q":
    """The deliveries that need the site team: failed, cut off, or forgotten in the queue."""
    now = timezone.now()
    return (
        Q(status=Delivery.Status.FAILED)
        | Q(status=Delivery.Status.SENDING, updated_at__lt=now - INTERRUPTED_AFTER)
        | Q(status=Delivery.Status.QUEUED, updated_at__lt=now - FORGOTTEN_AFTER)
    )


def retry(deliveries: Iterable[Delivery]) -> int:
    """Send these deliveries again; how many were queued. A message whose words were
    already erased cannot be sent again: it is left as it is."""
    chosen = [d for d in deliveries if d.status != Delivery.Status.SENT]
    words_erased = set(
        Notification.objects.filter(
            pk__in={d.notification_id for d in chosen}, has_words=True, sealed__isnull=True
        ).values_list("pk", flat=True)
    )
    ids = [d.pk for d in chosen if d.notification_id not in words_erased]
    with transaction.atomic():
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.Status.QUEUED, attempts=0, error="", updated_at=timezone.now()
        )
        notifications = sorted({d.notification_id for d in chosen if d.pk in ids})
        transaction.on_commit(partial(enqueue, notifications))
    return len(ids)


def forget_old(*, sent_before: dt.datetime, failed_before: dt.datetime) -> int:
    """Delete what is left of notifications once nothing remains to do for them: those whose
    deliveries all left before `sent_before`, and those with a delivery that failed for good
    before `failed_before` (the site team has had time to send it again). How many went."""
    unfinished = Delivery.objects.filter(
        Q(status__in=(Delivery.Status.QUEUED, Delivery.Status.SENDING))
        | Q(status=Delivery.Status.SENT, updated_at__gte=sent_before)
        | Q(status=Delivery.Status.FAILED, updated_at__gte=failed_before)
    ).values("notification_id")
    old = Notification.objects.filter(created_at__lt=sent_before).exclude(pk__in=unfinished)
    _count, by_model = old.delete()
    return by_model.get(Notification._meta.label, 0)
