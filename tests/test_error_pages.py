"""The error pages are ours, in the person's language, as production serves them (DEBUG off):
400, 403, 404, 429 and 500, the last drawn without the database or any context processor."""

import html
from typing import Any

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import translation
from pytest_django import Settings as SettingsWrapper

from conftest import Cast
from entraide import urls as site_urls
from entraide.lib import errors

pytestmark = pytest.mark.django_db


@login_not_required
def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("something broke")


# The site's own URLs and error handlers, with one page that breaks (see the 500 tests).
urlpatterns = [path("en-panne/", broken), *site_urls.urlpatterns]
handler400, handler403, handler404, handler500 = (
    getattr(site_urls, f"handler{code}", f"django.views.defaults.{view}")
    for code, view in (
        (400, "bad_request"),
        (403, "permission_denied"),
        (404, "page_not_found"),
        (500, "server_error"),
    )
)


@pytest.fixture(autouse=True)
def production(settings: SettingsWrapper) -> None:
    settings.DEBUG = False


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_a_missing_page_is_our_own_404_in_the_person_s_language(client: Client) -> None:
    french = client.get("/groupes/nexiste-pas/")
    client.cookies["entraide_language"] = "en"
    english = client.get("/groupes/nexiste-pas/")

    assert french.status_code == english.status_code == 404
    assert "Cette page n'existe pas" in text(french)
    assert '<html lang="fr">' in text(french)
    assert '<html lang="en">' in text(english)
    assert "This page does not exist" in text(english)
    assert "Besoin d'aide maintenant ?" in text(french)  # the crisis numbers, one click away


def test_a_page_that_is_not_yours_gets_the_same_404(client: Client, cast: Cast) -> None:
    client.force_login(cast.dan)

    response = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/")

    assert response.status_code == 404
    assert "Cette page n'existe pas" in text(response)
    assert "Mes groupes" in text(response)  # signed in: the menu says so


def test_a_bad_request_is_our_own_400(client: Client) -> None:
    response = client.get("/groupes/?q=%00")

    assert response.status_code == 400
    assert "Cette demande n'a pas pu être lue" in text(response)


def test_a_form_sent_without_its_security_token_is_our_own_403(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/compte/login/", {"login": "bob@example.org", "password": "x"})

    assert response.status_code == 403
    assert "Ce formulaire a expiré" in text(response)
    assert '<html lang="fr">' in text(response)


def test_a_permission_denied_is_our_own_403() -> None:
    request = RequestFactory().get("/")

    response = errors.permission_denied(request, PermissionError())

    assert response.status_code == 403
    assert "Vous ne pouvez pas faire cela" in response.content.decode()


def test_too_many_requests_is_our_own_429(client: Client) -> None:
    for _ in range(25):
        response = client.post("/compte/signup/", {})
        if response.status_code == 429:
            break

    assert response.status_code == 429
    assert "Trop de demandes" in text(response)
    assert "Attendez une minute" in text(response)


@pytest.mark.urls("tests.test_error_pages")
def test_a_server_error_is_our_own_500_page() -> None:
    client = Client(raise_request_exception=False)

    french = client.get("/en-panne/")
    client.cookies["entraide_language"] = "en"
    english = client.get("/en-panne/")

    assert french.status_code == english.status_code == 500
    assert "Le site a rencontré un problème" in text(french)
    assert "112" in text(french)
    assert '<html lang="fr">' in text(french)
    assert '<html lang="en">' in text(english)
    assert "Something went wrong on the site" in text(english)
    assert "Server Error" not in text(french)


def test_the_500_page_needs_neither_the_database_nor_the_request() -> None:
    """Whatever broke may be the database itself: drawing the page asks it nothing."""
    request = RequestFactory().get("/")  # no session, no user, no middleware at all

    with CaptureQueriesContext(connection) as queries, translation.override("fr"):
        response = errors.server_error(request)

    assert response.status_code == 500
    assert "Le site a rencontré un problème" in response.content.decode()
    assert len(queries) == 0
