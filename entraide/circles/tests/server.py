"""The project's real ASGI application served by uvicorn in a thread, for socket and browser tests.

With REDIS_URL set (as in CI), the settings give the Redis channel layer, and these tests go
through it: the socket tests check that they do.
"""

import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from channels.layers import channel_layers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def asgi_server(port: int | None = None) -> Iterator[str]:
    """Serve entraide.asgi on loopback until the block ends; yields the base URL."""
    from entraide.asgi import application

    # A fresh layer for each server: the in-process one belongs to the server's event loop.
    channel_layers.backends.clear()
    port = port or free_port()
    config = uvicorn.Config(
        application, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    base = f"http://127.0.0.1:{port}"
    # The first request loads the URLs and the middleware: done here, not in a test's timeout.
    with urllib.request.urlopen(base + "/ping/", timeout=30) as answer:  # noqa: S310 (loopback)
        answer.read()
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
