"""The contact message really leaves through SMTP, to a local test server."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client, override_settings

from conftest import SMTPInbox, text_of
from entraide.directory.models import SupportGroup
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_message_to_a_group_is_delivered_by_smtp(
    client: Client,
    make_group: Callable[..., SupportGroup],
    organisation: Organisation,
    smtp_server: tuple[SMTPInbox, dict[str, Any]],
) -> None:
    inbox, mailers = smtp_server
    group = make_group("Deuil Nantes", organisation=organisation)

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
    assert "Puis-je venir écouter ?" in text_of(message)
