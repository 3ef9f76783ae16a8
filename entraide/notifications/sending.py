"""The worker's side: render each delivery in its recipient's language, and send it once.

A delivery is claimed before it is sent: one conditional UPDATE moves it from "queued" to
"sending", and only the worker whose UPDATE changed the row goes on (the database locks the
row for the time of the UPDATE, on SQLite as on PostgreSQL). A task retried, or run twice at
once, finds nothing left to claim. A recipient whose message fails does not keep the others
from theirs: the delivery is tried again later, and after the last try it stays "failed" for
the site team (`manage.py notifications_failed`, and the admin).
"""

import contextlib
import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F
from django.template.loader import render_to_string, select_template
from django.utils import timezone, translation

from entraide.accounts.models import User
from entraide.notifications.contexts import built, unpack
from entraide.notifications.models import Delivery, Notification, SealedWords

logger = logging.getLogger(__name__)

# Every message says it was sent by a machine (RFC 3834): no "out of office" answers to it.
HEADERS = {"Auto-Submitted": "auto-generated"}
# A failed delivery is tried again after these delays; then it is failed for good.
RETRY_AFTER = (dt.timedelta(minutes=1), dt.timedelta(minutes=10))
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
LAYOUT = "notifications/email/layout.html"
BOTH_LANGUAGES = ("fr", "en")


@dataclass
class Outcome:
    sent: int = 0
    # The earliest a delivery tried again is due, if one failed and may be tried again.
    again_after: dt.timedelta | None = None


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def deliver(notification_id: int, connection: BaseEmailBackend | None = None) -> Outcome:
    """Send every delivery of this notification that is still queued."""
    outcome = Outcome()
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        return outcome  # every delivery was sent already, and the message forgotten
    sealed = SealedWords.objects.filter(notification=notification).first()
    data: Mapping[str, Any] = sealed.data if sealed is not None else {}
    # The objects are read once for every recipient, not once per recipient: a review or a
    # list of invitations may go to hundreds of people.
    context = shared_context(notification, data)
    reply_to = list(data.get("reply_to", []))
    waiting = notification.deliveries.filter(status=Delivery.Status.QUEUED).values_list(
        "pk", flat=True
    )
    with contextlib.ExitStack() as stack:
        if connection is None:
            connection = stack.enter_context(mailers.default)
        for delivery_id in list(waiting):
            delivery = _claim(delivery_id)
            if delivery is None:
                continue  # another worker has it
            try:
                message = build_message(notification, delivery, context, reply_to)
                connection.send_messages([message])
            except Exception as error:
                logger.warning(
                    "notification %s: delivery %s failed (%s)",
                    notification.pk,
                    delivery.pk,
                    type(error).__name__,
                )
                again = _failed(delivery, error)
                if again is not None:
                    outcome.again_after = min(again, outcome.again_after or again)
                # The connection may be broken: start the next recipient on a fresh one.
                with contextlib.suppress(Exception):
                    connection.close()
                    connection.open()
            else:
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.SENT, updated_at=timezone.now()
                )
                outcome.sent += 1
    _tidy(notification)
    return outcome


def _claim(delivery_id: int) -> Delivery | None:
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("user").get(pk=delivery_id)


def _failed(delivery: Delivery, error: Exception) -> dt.timedelta | None:
    """Queue the delivery again after a while, or mark it failed for good; the delay, if any."""
    again = RETRY_AFTER[delivery.attempts - 1] if delivery.attempts < MAX_ATTEMPTS else None
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.QUEUED if again is not None else Delivery.Status.FAILED,
        error=type(error).__name__[:200],
        updated_at=timezone.now(),
    )
    return again


def _tidy(notification: Notification) -> None:
    """Erase the words once nothing is left to send, and the message once all of it left."""
    left = set(notification.deliveries.values_list("status", flat=True))
    if left <= {Delivery.Status.SENT}:
        notification.delete()
        return
    if not left & {Delivery.Status.QUEUED, Delivery.Status.SENDING}:
        SealedWords.objects.filter(notification=notification).delete()
    notification.deliveries.filter(status=Delivery.Status.SENT).delete()


# Rendering --------------------------------------------------------------------------------


def shared_context(notification: Notification, sealed: Mapping[str, Any]) -> dict[str, Any]:
    """What every recipient's message shows: the objects read again, and the sealed words."""
    context = {name: unpack(value) for name, value in notification.context.items()}
    context.update(sealed.get("words", {}))
    return context


def build_message(
    notification: Notification,
    delivery: Delivery,
    context: Mapping[str, Any],
    reply_to: list[str],
) -> EmailMultiAlternatives:
    """The e-mail of one delivery, as text and HTML, in the recipient's language."""
    user = delivery.user
    address = user.email if user is not None else delivery.address
    language = user.preferred_language if user is not None else delivery.language
    with timezone.override(notification.time_zone or settings.TIME_ZONE):
        if language:
            rendered = render(notification.template, language, context, user)
        else:
            rendered = _in_both_languages(notification.template, context, user)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        to=[address],
        reply_to=reply_to or None,
        headers=HEADERS,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def render(template: str, language: str, context: Mapping[str, Any], to: User | None) -> Rendered:
    with translation.override(language):
        full = {"to": to, "SITE_URL": settings.SITE_URL, "SITE_NAME": settings.SITE_NAME, **context}
        full.update(built(template, full, to))
        subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
        text = render_to_string(f"{template}_body.txt", full)
        page = select_template([f"{template}_body.html", LAYOUT])
        html = page.render({**full, "texts": [(language, text)], "SITE_NAME": settings.SITE_NAME})
    return Rendered(subject, text, html)


def _in_both_languages(template: str, context: Mapping[str, Any], to: User | None) -> Rendered:
    """For an address whose language is unknown: French, then English below."""
    french, english = (render(template, each, context, to) for each in BOTH_LANGUAGES)
    subject = (
        french.subject
        if english.subject == french.subject
        else f"{french.subject} / {english.subject}"
    )
    text = f"{french.text.strip()}\n\n-- English --\n\n{english.text.strip()}\n"
    html = render_to_string(
        LAYOUT,
        {
            "texts": [("fr", french.text), ("en", english.text)],
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
        },
    )
    return Rendered(subject, text, html)
