"""The logs name no group and no person: no request path at any level, from Django (404s,
refusals, bad requests, server errors, CSRF) or from uvicorn (access lines, WebSockets)."""

import contextlib
import io
import logging
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from conftest import Cast
from entraide import urls as site_urls
from tests.uvicorn_server import uvicorn_serving

pytestmark = pytest.mark.django_db

SLUG = "peres-separes-reze"


@login_not_required
def broken(request: HttpRequest, slug: str) -> HttpResponse:
    raise RuntimeError("something broke")


# The site's URLs, with a page of a group that breaks.
urlpatterns = [path("mes-groupes/<slug:slug>/en-panne/", broken), *site_urls.urlpatterns]
handler500 = getattr(site_urls, "handler500", "django.views.defaults.server_error")


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    """What the site's log handlers write, at every level."""
    written = io.StringIO()
    # The settings' console handler; pytest's own capturing handlers are subclasses.
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert handlers, "the settings' console handler is on the root logger"
    streams = [handler.setStream(written) for handler in handlers]
    levels = {name: logging.getLogger(name).level for name in ("", "django")}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield written
    for handler, stream in zip(handlers, streams, strict=True):
        handler.setStream(stream)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_a_404_a_405_and_a_bad_request_are_logged_without_their_path(
    client: Client, cast: Cast, logged: io.StringIO
) -> None:
    client.force_login(cast.dan)

    client.get(f"/mes-groupes/{SLUG}/quitter/")
    client.get(f"/groupes/{SLUG}/")
    client.get(f"/mes-groupes/{cast.group.slug}/demandes/1/")
    client.get(f"/groupes/{SLUG}/%00/")

    output = logged.getvalue()
    assert "Not Found: <membership:leave>" in output
    assert "Method Not Allowed (GET): <membership:decide>" in output
    assert "NUL character in the request" in output
    assert SLUG not in output and cast.group.slug not in output
    assert "Traceback" not in output  # a 404 needs none, and its exception holds the path


def test_a_refused_form_is_logged_without_its_path(cast: Cast, logged: io.StringIO) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.bob)

    client.post(f"/mes-groupes/{cast.group.slug}/quitter/", {})

    output = logged.getvalue()
    assert "Forbidden (CSRF" in output
    assert cast.group.slug not in output


@pytest.mark.urls("tests.test_logs")
def test_a_server_error_is_logged_with_its_traceback_but_not_its_path(
    logged: io.StringIO,
) -> None:
    Client(raise_request_exception=False).get(f"/mes-groupes/{SLUG}/en-panne/")

    output = logged.getvalue()
    assert "Internal Server Error: <" in output
    assert "RuntimeError: something broke" in output
    assert SLUG not in output


def test_uvicorn_logs_no_path_either(tmp_path: Path) -> None:
    """The real server, as production starts it, at the DEBUG level."""
    with uvicorn_serving(tmp_path / "db.sqlite3", LOG_LEVEL="DEBUG") as served:
        for page in (f"/mes-groupes/{SLUG}/quitter/", f"/groupes/{SLUG}/?q={SLUG}"):
            # A 404 or, with no tables, a 500: logged all the same.
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(served.base + page, timeout=10).read()  # noqa: S310
    output = served.output

    assert '"GET <membership:leave> HTTP/1.1" 302' in output
    assert "127.0.0.1:" not in output.split("(Press CTRL+C to quit)")[-1]  # no visitor's address
    assert SLUG not in output
