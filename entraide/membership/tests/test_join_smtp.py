"""A request to join reaches the facilitator through a real SMTP client, in her language."""

import email.header
from typing import Any

import pytest
from django.test import Client, override_settings

from conftest import Cast, SMTPInbox, text_of

pytestmark = pytest.mark.django_db


def test_alice_receives_dan_s_request_by_smtp_in_english(
    client: Client,
    cast: Cast,
    smtp_server: tuple[SMTPInbox, dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    inbox, mailers = smtp_server
    cast.alice.preferred_language = "en"
    cast.alice.save()
    client.force_login(cast.dan)

    with override_settings(MAILERS=mailers), django_capture_on_commit_callbacks(execute=True):
        client.post(f"/groupes/{cast.group.slug}/rejoindre/", {"message": "Bonjour"})

    assert len(inbox.messages) == 1
    _sender, recipients, message = inbox.messages[0]
    assert recipients == ["alice@example.org"]
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    assert subject == "A request to join “Deuil Nantes”"
    assert "Dan would like to join the group “Deuil Nantes”." in text_of(message)
