"""With SENTRY_DSN set, a server error reaches the error-reporting service by its own protocol
(a real sentry-sdk, a real uvicorn, a small receiving server here) and says what broke, never
the path asked for, the visitor's address, cookies or local variables."""

import contextlib
import gzip
import json
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import brotli  # type: ignore[import-untyped]
import pytest

from entraide.lib.error_reports import scrub
from tests.uvicorn_server import uvicorn_serving

SLUG = "peres-separes-reze"


class Receiver(BaseHTTPRequestHandler):
    """Sentry's ingestion endpoint: keeps each envelope's items as JSON."""

    items: list[dict[str, Any]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "br":
            body = brotli.decompress(body)
        elif encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        for line in body.splitlines():
            with contextlib.suppress(ValueError):
                item = json.loads(line)
                if isinstance(item, dict):
                    self.server.items.append(item)  # type: ignore[attr-defined]
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def sentry() -> Iterator[tuple[int, list[dict[str, Any]]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.items = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], server.items  # type: ignore[attr-defined]
    server.shutdown()


def test_a_server_error_is_reported_without_path_address_or_cookie(
    tmp_path: Path, sentry: tuple[int, list[dict[str, Any]]]
) -> None:
    sentry_port, items = sentry
    with uvicorn_serving(
        tmp_path / "db.sqlite3",  # no tables: the group page fails with a server error
        SENTRY_DSN=f"http://publickey@127.0.0.1:{sentry_port}/1",
        SENTRY_ENVIRONMENT="test",
    ) as served:
        request = urllib.request.Request(  # noqa: S310
            f"{served.base}/groupes/{SLUG}/?q={SLUG}",
            headers={"Cookie": "sessionid=secret-session", "X-Forwarded-For": "203.0.113.9"},
        )
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(request, timeout=10)  # noqa: S310
        assert failed.value.code == 500
        deadline = time.monotonic() + 30
        while not any("exception" in item for item in items):
            assert time.monotonic() < deadline, "no report reached the service"
            time.sleep(0.2)

    events = [item for item in items if "exception" in item]
    sent = json.dumps(items)
    assert "OperationalError" in sent
    assert events[0]["environment"] == "test"
    assert events[0]["request"] == {"method": "GET"}
    assert events[0]["transaction"] == "/groupes/{slug}/"
    for secret in (SLUG, "secret-session", "203.0.113.9", "127.0.0.1:"):
        assert secret not in sent
    frames = events[0]["exception"]["values"][-1]["stacktrace"]["frames"]
    assert frames and not any("vars" in frame for frame in frames)


def test_a_log_message_loses_its_path_and_the_event_its_personal_parts() -> None:
    event = {
        "logentry": {"message": "Internal Server Error: %s", "params": [f"/groupes/{SLUG}/"]},
        "request": {"url": f"http://x/groupes/{SLUG}/", "method": "POST", "cookies": "a=b"},
        "user": {"ip_address": "203.0.113.9"},
        "breadcrumbs": {"values": [{"message": f"/groupes/{SLUG}/"}]},
        "server_name": "app-1",
    }

    scrubbed = scrub(event, {})

    assert scrubbed == {
        "logentry": {
            "message": "Internal Server Error: %s",
            "params": ["<pages:group>"],
            "formatted": "Internal Server Error: <pages:group>",
        },
        "request": {"method": "POST"},
    }
