"""The home page, the fixed pages, the language switch and what every page promises."""

import re
from collections.abc import Callable

import pytest
from django.test import Client

from entraide.directory.models import SupportGroup

pytestmark = pytest.mark.django_db


def test_the_home_page_invites_to_search_and_lists_themes_in_use(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    make_group("Deuil Nantes")

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'action="/groupes/"' in html
    assert "1 groupe dans l'annuaire." in html
    assert 'href="/groupes/?theme=deuil"' in html
    assert "Vous pouvez venir d'abord pour écouter." in html


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/accessibilite/", "Déclaration d'accessibilité"),
        ("/confidentialite/", "Confidentialité"),
    ],
)
def test_the_fixed_pages_answer(client: Client, path: str, title: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_the_accessibility_statement_is_reached_without_a_trailing_slash(client: Client) -> None:
    response = client.get("/accessibilite")

    assert response.status_code == 301
    assert response["Location"] == "/accessibilite/"


def test_the_language_switch_changes_the_language_and_comes_back(client: Client) -> None:
    response = client.post("/langue/", {"language": "en", "next": "/groupes/"})

    assert response.status_code == 302
    assert response["Location"] == "/groupes/"
    html = client.get("/groupes/").content.decode()
    assert '<html lang="en">' in html
    assert "Find a peer-support group" in html
    assert 'value="fr" lang="fr">Français</button>' in html


def test_french_is_the_default_whatever_the_browser_says(client: Client) -> None:
    html = client.get("/", headers={"Accept-Language": "en-GB,en"}).content.decode()

    assert '<html lang="fr">' in html


def test_every_page_forbids_loading_anything_from_elsewhere(client: Client) -> None:
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


def test_the_baseline_view_answers_ok(client: Client) -> None:
    response = client.get("/ping/")

    assert response.content == b"ok"


def test_the_stylesheet_and_the_icon_are_served(client: Client) -> None:
    html = client.get("/").content.decode()
    links = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html)

    assert len(links) == 2
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert len(body) > 100
