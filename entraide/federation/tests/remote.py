"""A remote fediverse server for the tests: a real HTTP server on loopback that serves one actor
(with the committed test key) and keeps what is posted to its inbox."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from entraide.federation import signatures

DATA = Path(__file__).parent / "data"
PRIVATE = (DATA / "test_key.pem").read_text()
PUBLIC = (DATA / "test_key.pub.pem").read_text()


@dataclass
class Posted:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def activity(self) -> dict[str, Any]:
        return json.loads(self.body)  # type: ignore[no-any-return]


@dataclass
class Remote:
    base: str
    posted: list[Posted] = field(default_factory=list)
    # The statuses the inbox answers, one per post, then 202.
    answers: list[int] = field(default_factory=list)

    @property
    def actor(self) -> str:
        return f"{self.base}/users/tcit"

    @property
    def inbox(self) -> str:
        return f"{self.actor}/inbox"

    def document(self) -> dict[str, Any]:
        """A Mastodon-like Person (fixture mastodon-actor.json's shape)."""
        return {
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": self.actor,
            "type": "Person",
            "preferredUsername": "tcit",
            "inbox": self.inbox,
            "outbox": f"{self.actor}/outbox",
            "endpoints": {"sharedInbox": f"{self.base}/inbox"},
            "publicKey": {
                "id": f"{self.actor}#main-key",
                "owner": self.actor,
                "publicKeyPem": PUBLIC,
            },
        }

    def sign(self, url: str, body: bytes) -> dict[str, str]:
        headers = signatures.sign(
            "POST", url, key_id=f"{self.actor}#main-key", private_pem=PRIVATE, body=body
        )
        headers["Content-Type"] = "application/activity+json"
        return headers


@contextmanager
def remote_server() -> Iterator[Remote]:
    remote = Remote(base="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/users/tcit":
                body = json.dumps(remote.document()).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_response(404)
                self.end_headers()

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            remote.posted.append(Posted(self.path, dict(self.headers.items()), body))
            self.send_response(remote.answers.pop(0) if remote.answers else 202)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    remote.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield remote
    finally:
        server.shutdown()
        server.server_close()
