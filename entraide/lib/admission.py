"""How many requests one process serves at once, around the ASGI application (`asgi.py`).

At most `MAX_CONCURRENT_REQUESTS` HTTP requests run at once, as many as the process has
database connections, so that none waits ten seconds for a connection and fails with a 500. The
next ones wait for a turn in the event loop, before they take a thread, in the order they came,
up to `REQUEST_QUEUE_SECONDS`; then they get a quick, translated 503 with `Retry-After`. The
talking circle's sockets are not counted: they hold no connection while they wait.
"""

import asyncio
import logging
from typing import Any

from django.conf import settings

from entraide.lib.errors import RETRY_AFTER_SECONDS, busy_page

logger = logging.getLogger(__name__)

type Scope = dict[str, Any]
type Receive = Any
type Send = Any


class Admission:
    def __init__(self, application: Any) -> None:
        self.application = application
        self.limit: int = settings.MAX_CONCURRENT_REQUESTS
        self.wait: float = settings.REQUEST_QUEUE_SECONDS
        self.turns: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit <= 0:
            await self.application(scope, receive, send)
            return
        if self.turns is None:
            # Made on the first request, in the server's event loop.
            self.turns = asyncio.Semaphore(self.limit)
        try:
            await asyncio.wait_for(self.turns.acquire(), self.wait)
        except TimeoutError:
            await self.refuse(scope, send)
            return
        try:
            await self.application(scope, receive, send)
        finally:
            self.turns.release()

    async def refuse(self, scope: Scope, send: Send) -> None:
        logger.warning("Too busy: a request waited %s s for a turn and was answered 503", self.wait)
        headers = dict(scope.get("headers", []))
        body = busy_page(headers.get(b"accept-language", b"").decode("latin-1"))
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
