"""A site too busy answers quickly with a translated 503 and `Retry-After`, never a late 500:
beyond `MAX_CONCURRENT_REQUESTS` at once, a request waits `REQUEST_QUEUE_SECONDS` for its turn
in the event loop (lib/admission.py, around the ASGI application), and a request that found no
free database connection gets the same 503 (lib.errors.server_error)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.decorators import login_not_required
from django.db.utils import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from psycopg_pool import PoolTimeout
from pytest_django import Settings as SettingsWrapper

from entraide import urls as site_urls
from tests.test_error_pages import handler400, handler403, handler404, handler500
from tests.test_project import ROOT
from tests.uvicorn_server import uvicorn_serving

__all__ = ["handler400", "handler403", "handler404", "handler500"]


@login_not_required
def no_connection(request: HttpRequest) -> HttpResponse:
    """What a page does when the pool had no connection for it: Django wraps the pool's
    PoolTimeout in its own OperationalError."""
    try:
        raise PoolTimeout("couldn't get a connection after 10.00 sec")
    except PoolTimeout as waited:
        raise OperationalError(str(waited)) from waited


urlpatterns = [path("sans-connexion/", no_connection), *site_urls.urlpatterns]


def get(base: str, language: str) -> tuple[int, dict[str, str], str, float]:
    """Status, headers, page and seconds waited, errors included."""
    started = time.monotonic()
    request = urllib.request.Request(base + "/ping/", headers={"Accept-Language": language})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            found: Any = answer
            return answer.status, dict(found.headers), answer.read().decode(), 0.0
    except urllib.error.HTTPError as error:
        waited = time.monotonic() - started
        return error.code, dict(error.headers), error.read().decode(), waited


# The pages' stylesheet by its plain name: the test server runs without collectstatic's manifest.
PLAIN_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"


def holding_a_turn(base: str) -> socket.socket:
    """A request that takes its time: its headers arrive, its body never does, so it holds its
    turn while Django waits for the body."""
    host, port = base.removeprefix("http://").split(":")
    held = socket.create_connection((host, int(port)))
    held.sendall(
        b"POST /ping/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 1000\r\n\r\nquelques octets"
    )
    time.sleep(0.5)  # the server has read the headers and given it the turn
    return held


def test_a_request_beyond_the_limit_waits_its_turn_then_gets_a_quick_translated_503(
    tmp_path: Path,
) -> None:
    with uvicorn_serving(
        tmp_path / "db.sqlite3",
        MAX_CONCURRENT_REQUESTS="1",
        REQUEST_QUEUE_SECONDS="1",
        STATICFILES_STORAGE=PLAIN_STATIC,
    ) as served:
        held = holding_a_turn(served.base)
        busy = get(served.base, "fr")
        busy_en = get(served.base, "en-GB,en;q=0.8")
        held.close()
        time.sleep(0.3)
        after = get(served.base, "fr")

    status, headers, page, waited = busy
    assert status == 503
    assert headers["retry-after"] == "10"
    assert headers["cache-control"] == "no-store"
    assert '<html lang="fr">' in page
    assert "Beaucoup de monde en ce moment" in page
    assert 0.9 <= waited < 5, "it waited its turn for REQUEST_QUEUE_SECONDS, not more"
    assert busy_en[0] == 503
    assert "A lot of people right now" in busy_en[2]
    assert after[0] == 200
    assert "Too busy: a request waited 1 s for a turn and was answered 503" in served.output
    assert "/ping/" not in served.output


def test_below_the_limit_nobody_waits(
    tmp_path: Path,
) -> None:
    with uvicorn_serving(
        tmp_path / "db.sqlite3", MAX_CONCURRENT_REQUESTS="2", REQUEST_QUEUE_SECONDS="1"
    ) as served:
        held = holding_a_turn(served.base)
        second = get(served.base, "fr")
        held.close()

    assert second[0] == 200


@pytest.mark.django_db
@pytest.mark.urls("tests.test_load_shedding")
def test_a_request_that_found_no_free_database_connection_gets_the_503_not_a_500(
    settings: SettingsWrapper,
) -> None:
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/sans-connexion/", headers={"accept-language": "fr"})

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Beaucoup de monde en ce moment" in response.content.decode()


def test_the_limit_follows_the_connection_pool_in_production_settings(tmp_path: Path) -> None:
    """With PostgreSQL's pool of 8 connections, 8 requests at once (see settings.py); without a
    pool (SQLite), no limit."""
    keys = tmp_path / "keys"
    keys.write_text(Fernet.generate_key().decode())
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.MAX_CONCURRENT_REQUESTS, settings.REQUEST_QUEUE_SECONDS)"
    )

    def limits(database: str) -> list[str]:
        env = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "entraide.settings",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2" * 10,
            "ENCRYPTION_KEYS_FILE": str(keys),
            "ALLOWED_HOSTS": "entraide.example.org",
            "DATABASE_URL": database,
        }
        found = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert found.returncode == 0, found.stderr
        return found.stdout.split()

    assert limits("postgres://postgres@127.0.0.1:5432/test") == ["8", "5"]
    assert limits(f"sqlite:///{tmp_path / 'db.sqlite3'}") == ["0", "5"]
