"""Faults survived, measured: the production topology (deploy/topology.py) under a steady load
of visitors, while one thing at a time goes wrong.

    .venv/bin/python deploy/drills.py            # about two minutes; `make drills`

Each drill runs the same load — `--clients` visitors, each asking for the home page, a search,
the directory of organisations or a group's page one after the other — for `--seconds`, and
does its fault a third of the way in:

- an app process restarted gracefully (SIGTERM, as `systemctl restart` does, then started
  again): it finishes what it holds, nginx sends the rest to the other;
- an app process killed (SIGKILL: a crash), then started again;
- a task worker stopped, then started again;
- every database connection of the site cut (`pg_terminate_backend`, as a PostgreSQL restart
  or failover does);
- Redis restarted (the cache and the talking circle's channel layer).

It counts every answer by status, and the requests that got none. The topology gets its own
PostgreSQL database (`entraide_drills`) and its own Redis server on a free port, so that
restarting it disturbs nothing else. The figures go to docs/operations.md between its markers
(with `--no-report`, only printed).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import platform
import random
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.sections import replace_section  # noqa: E402
from deploy.topology import (  # noqa: E402
    Topology,
    free_port,
    running,
    start,
    stop,
    wait_for_socket,
)

ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE = "entraide_drills"
DOC = ROOT / "docs" / "operations.md"
START = "<!-- drills:start -->"
END = "<!-- drills:end -->"
PAGES = ["/", "/groupes/?q=deuil", "/groupes/?q=parents", "/organisations/", "/groupes/"]


@dataclass
class Outcomes:
    counts: collections.Counter[str] = field(default_factory=collections.Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: str) -> None:
        with self.lock:
            self.counts[outcome] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def failed(self) -> int:
        return sum(n for outcome, n in self.counts.items() if not outcome.startswith(("2", "3")))


def visitor(
    base: str, context: ssl.SSLContext, until: float, outcomes: Outcomes, seed: int
) -> None:
    chooser = random.Random(seed)
    with httpx.Client(verify=context, timeout=30, headers={"Accept-Encoding": "gzip"}) as client:
        while time.monotonic() < until:
            try:
                answer = client.get(base + chooser.choice(PAGES))
                outcomes.add(str(answer.status_code))
            except httpx.HTTPError as error:
                outcomes.add(type(error).__name__)
            time.sleep(chooser.uniform(0.05, 0.2))


def under_load(
    topology: Topology, clients: int, seconds: float, fault: Callable[[], None]
) -> Outcomes:
    context = ssl.create_default_context(cafile=str(topology.certificate_authority))
    outcomes = Outcomes()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=visitor, args=(topology.base, context, until, outcomes, n))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 3)
    fault()
    for thread in threads:
        thread.join()
    return outcomes


@contextmanager
def own_redis() -> Iterator[tuple[str, Callable[[], None]]]:
    """A Redis server of the drills' own, on a free port: its URL, and how to restart it."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="entraide-drills-redis-"))
    command = [
        shutil.which("redis-server") or "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(folder),
    ]
    server = [subprocess.Popen(command, stdout=subprocess.DEVNULL)]

    def restart() -> None:
        stop(server[0])
        time.sleep(1)
        server[0] = subprocess.Popen(command, stdout=subprocess.DEVNULL)

    time.sleep(0.5)
    try:
        yield f"redis://127.0.0.1:{port}/0", restart
    finally:
        stop(server[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--no-report", action="store_true", help="print only")
    arguments = parser.parse_args()
    started = dt.datetime.now(dt.UTC)
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    with (
        own_redis() as (redis_url, restart_redis),
        running(f"postgres://postgres@127.0.0.1:5432/{DATABASE}", redis_url) as topology,
    ):

        def restart_app_gracefully() -> None:
            stop(topology.apps[0])
            topology.start_app(1)
            wait_for_socket(topology.run / "app1.sock")

        def kill_app() -> None:
            topology.apps[0].kill()
            topology.apps[0].wait()
            (topology.run / "app1.sock").unlink(missing_ok=True)
            topology.start_app(1)
            wait_for_socket(topology.run / "app1.sock")

        def restart_worker() -> None:
            stop(topology.workers[0])
            topology.workers[0] = start(
                topology.run, "worker1", [sys.executable, "manage.py", "db_worker"], topology.env
            )

        def cut_database_connections() -> None:
            with psycopg.connect(ADMIN, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [DATABASE],
                )

        drills = [
            ("An app process restarted gracefully (SIGTERM)", restart_app_gracefully),
            ("An app process killed (SIGKILL), then started again", kill_app),
            ("A task worker stopped, then started again", restart_worker),
            ("Every database connection cut (pg_terminate_backend)", cut_database_connections),
            ("Redis restarted", restart_redis),
        ]
        rows = []
        for name, fault in drills:
            outcomes = under_load(topology, arguments.clients, arguments.seconds, fault)
            detail = ", ".join(f"{n} × {o}" for o, n in sorted(outcomes.counts.items()))
            rows.append((name, outcomes.total, outcomes.failed, detail))
            print(f"{name}: {outcomes.total} requests, {outcomes.failed} failed ({detail})")
            time.sleep(3)  # the topology settles before the next drill
    lines = [
        f"Written by `make drills` (`deploy/drills.py`) on {started:%Y-%m-%d %H:%M} UTC, "
        f"{platform.machine()} with {os.cpu_count()} CPUs (load average "
        f"{os.getloadavg()[0]:.2f} at the end; the machine is shared), the topology of "
        "`deploy/topology.py`: nginx, two app processes, two task workers, the periodic jobs, "
        "PostgreSQL and a Redis server of its own. Each drill: "
        f"{arguments.clients} visitors asking for pages one after the other for "
        f"{arguments.seconds:.0f} s, the fault a third of the way in.",
        "",
        "| drill | requests | failed | answers |",
        "| --- | ---: | ---: | --- |",
        *(f"| {name} | {total} | {failed} | {detail} |" for name, total, failed, detail in rows),
    ]
    if not arguments.no_report:
        replace_section(DOC, START, END, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
