"""Messages leave from the worker, once, in each reader's language, and failures are seen."""

import email.header
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from conftest import Cast, NotificationWorker, SMTPInbox, text_of
from entraide.membership.models import Membership
from entraide.notifications.actions import Address, notify
from entraide.notifications.models import Delivery, Notification, SealedWords
from entraide.notifications.tasks import send_notifications

pytestmark = pytest.mark.django_db

TASK = "entraide.notifications.tasks.send_notifications"
CONFIDED = "Je traverse une dépression depuis l'hiver"


def decoded(header: str) -> str:
    return str(email.header.make_header(email.header.decode_header(header)))


def test_a_message_waits_in_the_queue_until_the_worker_runs(
    cast: Cast, notification_worker: NotificationWorker, django_capture_on_commit_callbacks: Any
) -> None:
    notification_worker.hold()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(cast.bob, "membership/email/declined", group=cast.group)

    assert mail.outbox == []
    job = DBTaskResult.objects.get(task_path=TASK)
    assert job.args_kwargs["args"] == [[Notification.objects.get().pk]]
    assert notification_worker.run() == 1
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert mail.outbox[0].subject == "Votre demande pour le groupe « Deuil Nantes »"


def test_a_change_rolled_back_sends_nothing(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(cast.bob, "membership/email/declined", group=cast.group)
        raise RuntimeError

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_an_email_sent_inside_a_request_fails_the_tests() -> None:
    request_started.send(sender=None)
    try:
        with pytest.raises(AssertionError, match="inside a request"):
            EmailMessage("Bonjour", "Un message", to=["bob@example.org"]).send()
    finally:
        request_finished.send(sender=None)
    assert mail.outbox == []


def test_an_email_that_skips_the_notifications_fails_the_tests() -> None:
    with pytest.raises(AssertionError, match=r"entraide\.notifications"):
        EmailMessage("Bonjour", "Un message", to=["bob@example.org"]).send()


def test_a_real_message_leaves_by_smtp_as_text_and_html_once_despite_a_retry(
    cast: Cast,
    smtp_server: tuple[SMTPInbox, dict[str, Any]],
    notification_worker: NotificationWorker,
    django_capture_on_commit_callbacks: Any,
) -> None:
    inbox, mailers = smtp_server
    notification_worker.hold()
    membership = Membership.objects.get(user=cast.bob, group=cast.group)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            cast.alice,
            "membership/email/to_facilitators",
            reply_to=[cast.bob.email],
            private={"message": CONFIDED},
            group=cast.group,
            membership=membership,
        )
    job = DBTaskResult.objects.get(task_path=TASK)

    with override_settings(MAILERS=mailers):
        notification_worker.run()
        # The same job again, as when a worker dies after sending and the job is retried.
        again = send_notifications.call(*job.args_kwargs["args"])

    assert again == 0
    assert len(inbox.messages) == 1
    _sender, recipients, message = inbox.messages[0]
    assert recipients == ["alice@example.org"]
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.get_payload()] == [  # type: ignore[union-attr]
        "text/plain",
        "text/html",
    ]
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Reply-To"] == "bob@example.org"
    assert decoded(message["Subject"]) == "Un message pour vous, du groupe « Deuil Nantes »"
    assert CONFIDED in text_of(message)
    html = message.get_payload()[1].get_payload(decode=True).decode("utf-8")  # type: ignore[index,union-attr]
    assert "une dépression depuis l'hiver</p>" in html
    assert '<html lang="fr">' in html


def test_one_recipient_failing_does_not_stop_the_others_and_is_listed(
    cast: Cast,
    smtp_server: tuple[SMTPInbox, dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    inbox, mailers = smtp_server
    inbox.refused = {"bob@example.org"}

    with override_settings(MAILERS=mailers), django_capture_on_commit_callbacks(execute=True):
        notify([cast.alice, cast.bob, cast.chloe], "membership/email/declined", group=cast.group)

    assert sorted(recipients[0] for _s, recipients, _m in inbox.messages) == [
        "alice@example.org",
        "chloe@example.org",
    ]
    failed = Delivery.objects.get()
    assert (failed.user, failed.status, failed.attempts) == (
        cast.bob,
        Delivery.Status.FAILED,
        3,
    )
    assert failed.error == "SMTPRecipientsRefused"
    listing = StringIO()
    call_command("notifications_failed", stdout=listing)
    assert "membership/email/declined\tbob@example.org\tSMTPRecipientsRefused" in listing.getvalue()
    assert "1 to look at." in listing.getvalue()

    inbox.refused = set()
    with override_settings(MAILERS=mailers), django_capture_on_commit_callbacks(execute=True):
        call_command("notifications_failed", "--retry", stdout=StringIO())

    assert sorted(recipients[0] for _s, recipients, _m in inbox.messages)[1] == "bob@example.org"
    assert not Notification.objects.exists()


def test_each_person_reads_the_message_in_their_own_language(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify([cast.bob, cast.chloe], "membership/email/declined", group=cast.group)

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["bob@example.org"] == "Votre demande pour le groupe « Deuil Nantes »"
    assert subjects["chloe@example.org"] == "Your request for the group “Deuil Nantes”"
    english = next(m for m in mail.outbox if m.to == ["chloe@example.org"])
    assert isinstance(english, EmailMultiAlternatives)
    assert "Hello Chloé," in english.body
    assert '<html lang="en">' in str(english.alternatives[0][0])


def test_an_address_of_unknown_language_reads_french_then_english(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(Address("someone@example.net"), "membership/email/declined", group=cast.group)

    message = mail.outbox[0]
    assert message.subject == (
        "Votre demande pour le groupe « Deuil Nantes » / Your request for the group “Deuil Nantes”"
    )
    assert message.body.index("Le groupe « Deuil Nantes »") < message.body.index("-- English --")
    assert "The group “Deuil Nantes”" in message.body


def test_a_member_s_words_never_reach_the_task_table_and_are_erased_once_sent(
    cast: Cast, notification_worker: NotificationWorker, django_capture_on_commit_callbacks: Any
) -> None:
    notification_worker.hold()
    membership = Membership.objects.get(user=cast.bob, group=cast.group)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            cast.alice,
            "membership/email/to_facilitators",
            reply_to=[cast.bob.email],
            private={"message": CONFIDED},
            group=cast.group,
            membership=membership,
        )

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {DBTaskResult._meta.db_table}")  # noqa: S608
        tasks = repr(cursor.fetchall())
        cursor.execute("SELECT * FROM notifications_notification")
        notifications = repr(cursor.fetchall())
        cursor.execute("SELECT data FROM notifications_sealedwords")
        sealed = repr(cursor.fetchall())
    for stored in (tasks, notifications, sealed):
        assert "dépression" not in stored and "bob@example.org" not in stored
    assert notification_worker.run() == 1
    assert CONFIDED in mail.outbox[0].body
    assert not SealedWords.objects.exists() and not Notification.objects.exists()


def test_a_sentence_cannot_travel_in_clear(cast: Cast) -> None:
    with pytest.raises(TypeError, match="short codes"):
        notify(cast.alice, "membership/email/declined", group=cast.group, note=CONFIDED)
