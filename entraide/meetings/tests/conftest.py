"""The meetings' tests read French pages: Chloé's account is in English, so the language switch
asks for French (her e-mails still come in English, which some tests check)."""

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def pages_in_french(client: Client) -> None:
    client.cookies["entraide_language"] = "fr"
