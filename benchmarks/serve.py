"""uvicorn, with TCP_NODELAY restored on multi-worker sockets: for diagnosis, not the default.

With ``--workers N`` uvicorn binds the listening socket itself with ``proto`` 0, so asyncio does
not set TCP_NODELAY on accepted connections: Nagle's algorithm then holds the response body
until the client acknowledges the headers, about 40 ms on Linux for every keep-alive request
after the first (uvicorn issue #3149). Production runs plain uvicorn, so `make bench` does too;
``benchmarks/run.py --nodelay-fix`` serves through this module to measure the difference.

Usage: ``python -m benchmarks.serve`` followed by uvicorn's own arguments.
"""

from __future__ import annotations

import socket
import sys

import uvicorn.config
from uvicorn.main import main

_bind_socket = uvicorn.config.Config.bind_socket


def bind_socket(self: uvicorn.config.Config) -> socket.socket:
    sock = _bind_socket(self)
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
        # The same descriptor, declared as TCP, so that accepted sockets report IPPROTO_TCP.
        return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    return sock


if __name__ == "__main__":
    uvicorn.config.Config.bind_socket = bind_socket  # type: ignore[method-assign]
    sys.exit(main())
