"""A real uvicorn serving the site as production starts it (DEBUG off, production secrets), on a
free port of loopback, for the tests that need the real server: its logs, its error reports."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

from entraide.circles.tests.server import free_port

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Served:
    base: str
    output: str = ""  # what the server printed, once it has stopped


@contextmanager
def uvicorn_serving(database: Path, **settings: str) -> Iterator[Served]:
    """The site on an empty SQLite database (no tables: a page that reads one fails with a
    server error), with these settings added to the production ones."""
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "entraide.settings",
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2" * 10,
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{database}",
        **settings,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "entraide.asgi:application", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    served = Served(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(served.base + "/ping/", timeout=5).read()  # noqa: S310
                break
            except (urllib.error.URLError, OSError):  # refused, reset, or slow to answer
                assert time.monotonic() < deadline, "uvicorn did not start"
                time.sleep(0.2)
        yield served
    finally:
        server.terminate()
        served.output, _ = server.communicate(timeout=20)
