"""A request to join reaches the facilitator through a real SMTP client, in her language."""

import email.header
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings

from conftest import Cast
from entraide.directory.tests.test_contact_smtp import Inbox, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def test_alice_receives_dan_s_request_by_smtp_in_english(
    client: Client,
    cast: Cast,
    smtp_server: tuple[Inbox, int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    inbox, port = smtp_server
    cast.alice.preferred_language = "en"
    cast.alice.save()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    client.force_login(cast.dan)

    with override_settings(MAILERS=mailers), django_capture_on_commit_callbacks(execute=True):
        client.post(f"/groupes/{cast.group.slug}/rejoindre/", {"message": "Bonjour"})

    assert len(inbox.messages) == 1
    _sender, recipients, message = inbox.messages[0]
    assert recipients == ["alice@example.org"]
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    assert subject == "A request to join “Deuil Nantes”"
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert "Dan would like to join the group “Deuil Nantes”." in body.decode("utf-8")
