"""The contact message really leaves through SMTP, to a local test server."""

import email
import socket
from collections.abc import Callable, Iterator
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings

from entraide.directory.models import SupportGroup
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            (
                envelope.mail_from,
                list(envelope.rcpt_tos),
                email.message_from_bytes(envelope.content),
            )
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def test_a_message_to_a_group_is_delivered_by_smtp(
    client: Client,
    make_group: Callable[..., SupportGroup],
    organisation: Organisation,
    smtp_server: tuple[Inbox, int],
) -> None:
    inbox, port = smtp_server
    group = make_group("Deuil Nantes", organisation=organisation)
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }

    with override_settings(MAILERS=mailers):
        response = client.post(
            f"/groupes/{group.slug}/ecrire/",
            {"name": "Awa", "email": "awa@example.org", "message": "Puis-je venir écouter ?"},
        )

    assert response.status_code == 302
    assert len(inbox.messages) == 1
    sender, recipients, message = inbox.messages[0]
    assert recipients == ["accueil@centre-nantes.example"]
    assert "ne-pas-repondre@entraide.localhost" in sender
    assert message["Reply-To"] == "awa@example.org"
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert "Puis-je venir écouter ?" in body.decode(message.get_content_charset() or "utf-8")
