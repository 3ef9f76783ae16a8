"""The API's interactive page: Swagger UI from our own static files, in our frame."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_interactive_page_loads_everything_from_the_site_itself(client: Client) -> None:
    page = client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="en")

    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="en">' in html
    assert "<main>" in html
    assert "/api/v1/openapi.json" in html  # the description, also said without JavaScript
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources)
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    assert '"deepLinking": false' in html  # no link inside the operations' buttons


def test_the_interactive_page_answers_in_french_by_default(client: Client) -> None:
    html = client.get("/api/v1/docs/").content.decode()
    assert '<html lang="fr">' in html
    assert "Entraide, à essayer</title>" in html


def test_the_interactive_page_is_only_read(client: Client) -> None:
    refused = client.post("/api/v1/docs/")
    assert refused.status_code == 405
    assert refused.json()["error"]["code"] == "method_not_allowed"
