"""`make bench`: the directory search and the public pages under load, served as in
production, against a baseline.

One run, about four minutes on the 2-core reference machine:

1. recreates the PostgreSQL database ``entraide_bench``, migrates it, collects the static files;
2. seeds 10,000 published groups with their stored search vectors (benchmarks/seed.py) and
   analyses the tables;
3. serves it twice with uvicorn, two workers, DEBUG off, the connection pool and Redis, as in
   production: first with ``SEARCH_CACHE_SECONDS=0`` (every search is computed: its honest
   cost), then restarted with the app's default result cache on, Redis's bench database
   flushed before each start;
4. in each server run, drives it with wrk on loopback: the minimal view /ping/ (the baseline,
   so that ratios compare figures of the same run), the home page, fifty groups' pages, ten
   organisations' pages, the search page with a text query and with
   a place and a 20 km radius, each rotating through ~50 queries, at 32 concurrent clients
   (after a warm-up) and then at 1 for context, each request on a new connection unless
   --keep-alive; since the queries repeat, the cached figures are a warm best case;
5. times SQL against Python per request in-process, without and with the cache;
6. measures the bytes a first visit to the home page transfers (HTML, CSS, JS, icon);
7. writes docs/benchmarks.md (replaced on every run, with a short history) and a summary.

The server gets a throw-away ``SECRET_KEY`` and encryption key made for the run, in its
environment only: production settings refuse to serve without them, and no key is ever kept.

``--quick`` (``make bench-quick``, run by CI) goes through the same path in well under a minute
of load: 200 groups in its own database ``entraide_bench_quick``, 4 clients, one second per
scenario; it writes its report to a temporary file, never docs/benchmarks.md, ignores the
targets, and fails on any error (an HTTP status other than 200, a connection error, an exception
in the server's log).

Every request loop is bounded in time and only 127.0.0.1 is ever contacted. The server is
stopped at the end of each run, also on error. ``--help`` lists the knobs (durations, clients,
reuse of an already seeded database for quick iterations).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.client
import importlib.metadata
import json
import os
import platform
import re
import resource as rlimits
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DOC = ROOT / "docs" / "benchmarks.md"
MANIFEST = OUT / "seed.json"

HOST = "127.0.0.1"
# BENCH_DB_NAME: another database, so that two people can bench on one machine at once.
DB_NAME = os.environ.get("BENCH_DB_NAME", "entraide_bench")
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", f"postgresql://postgres@{HOST}:5432/postgres")
DATABASE_URL = f"postgres://postgres@{HOST}:5432/{DB_NAME}"
REDIS_HOST, REDIS_PORT, REDIS_DB = HOST, 6379, 1  # production uses DB 0; the bench owns 1
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
WORKERS = 2
SPLIT_ROUNDS = 3  # in-process requests measured per path, for the SQL/Python split
QUICK_PATHS = 5  # with --quick, the first queries of each scenario only

# Targets from the issue.
TARGET_P95_MS = 50.0
TARGET_RATIO = 0.30
TARGET_PAGE_RATIO = 0.50  # the home page and a group's page (issue 18)
TARGET_FIRST_VISIT_BYTES = 50_000  # 50 KB, counted as 50,000 bytes

# What people type: themes, conditions, a town, with and without accents.
TEXT_QUERIES = [
    "deuil",
    "proches aidants",
    "réunion besançon",
    "addictions lyon",
    "alcool",
    "cancer du sein",
    "parents endeuillés",
    "bipolaire",
    "endométriose",
    "alzheimer",
    "aidants paris",
    "anxiété",
    "solitude",
    "divorce",
    "handicap",
    "autisme",
    "diabète",
    "fibromyalgie",
    "sclérose en plaques",
    "dépression",
    "jeunes aidants",
    "groupe de parole",
    "deuil périnatal",
    "cannabis",
    "jeu",
    "écrans",
    "tabac",
    "douleurs chroniques",
    "burn out",
    "parentalité",
    "séparation",
    "veuvage",
    "suicide",
    "maladies rares",
    "café mémoire",
    "schizophrénie",
    "troubles alimentaires",
    "entendeurs de voix",
    "deuil lyon",
    "aidants bruxelles",
    "cancer genève",
    "alcool lille",
    "addictions marseille",
    "santé psychique lausanne",
    "alzheimer liège",
    "parents solos toulouse",
    "isolement seniors",
    "surdité",
    "phobie",
    "dialyse nantes",
]

LUA_TEMPLATE = """
-- Generated by benchmarks/run.py: rotates through the paths, reports percentiles as JSON.
local paths = {%(paths)s}
%(headers)s
local counter = 0
local thread_number = 0

function setup(thread)
  thread:set("offset", thread_number * 17)
  thread_number = thread_number + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, ' ..
    '"errors": {"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}, ' ..
    '"latency_us": {"p50": %%.1f, "p90": %%.1f, "p95": %%.1f, "p99": %%.1f, ' ..
    '"max": %%.1f, "mean": %%.1f}}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
"""


class BenchError(RuntimeError):
    """Something the benchmark needs is missing or broke; the message says what to do."""


@dataclass
class Scenario:
    key: str
    label: str
    paths: list[str]
    is_search: bool
    target_ratio: float | None = None  # throughput aimed at, against the baseline's


@dataclass
class Measure:
    scenario: Scenario
    connections: int
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]
    db_sessions: int | None = None
    db_peak_connections: int | None = None
    cpu: dict[str, float] = field(default_factory=dict)
    cache_misses: int | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


@dataclass
class ServerRun:
    """One start of the server, with or without the search results cache, and its figures."""

    key: str
    label: str
    cache_seconds: str  # SEARCH_CACHE_SECONDS given to the app
    log_path: Path
    loaded: list[Measure] = field(default_factory=list)
    single: list[Measure] = field(default_factory=list)
    server_errors: dict[str, int] = field(default_factory=dict)
    split: dict[str, Any] = field(default_factory=dict)

    @property
    def baseline(self) -> Measure:
        return next(m for m in self.loaded if m.scenario.key == "baseline")

    def ratio(self, result: Measure) -> float:
        """Throughput against this run's baseline at the same number of clients."""
        base = next(
            (m for m in [*self.loaded, *self.single] if m.scenario.key == "baseline"
             and m.connections == result.connections),
            None,
        )  # fmt: skip
        return result.rps / base.rps if base and base.rps else 0.0


@dataclass
class Resource:
    url: str
    kind: str
    encoding: str
    raw_bytes: int
    wire_bytes: int
    header_bytes: int
    note: str = ""


@dataclass
class PageWeight:
    path: str
    resources: list[Resource] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(resource.wire_bytes for resource in self.resources)

    @property
    def headers(self) -> int:
        return sum(resource.header_bytes for resource in self.resources)


# --- small helpers -------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command: list[str], env: dict[str, str], what: str) -> str:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"{what} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    log(f"{what}: done in {time.perf_counter() - started:.1f} s")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def port_open(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() != 0:
        raise BenchError(
            "wrk is not installed. Install it with `sudo apt-get install -y wrk` "
            "(Debian package wrk), then run `make bench` again."
        )
    log("wrk is missing: installing the Debian package")
    quiet = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
        subprocess.run(command, env=quiet, check=True, stdout=subprocess.DEVNULL)
    wrk = shutil.which("wrk")
    if not wrk:
        raise BenchError("Installing wrk did not put it on PATH.")
    return wrk


def throwaway_keys() -> dict[str, str]:
    """A secret key and an encryption key for this run's server only, never written anywhere:
    production settings refuse to serve without them (entraide.lib.checks)."""
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ENCRYPTION_KEYS": Fernet.generate_key().decode("ascii"),
    }


def app_env(use_redis: bool, conn_max_age: int) -> dict[str, str]:
    """The environment of every Django process: production settings, bench database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "STATICFILES_STORAGE",
            "DJANGO_SETTINGS_MODULE",
            "REDIS_URL",
            "SEARCH_CACHE_SECONDS",
            "ENCRYPTION_KEYS_FILE",
            "SECRET_KEY_FILE",
        }
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "entraide.settings",
            "DEBUG": "0",
            **throwaway_keys(),
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": DATABASE_URL,
            "DB_CONN_MAX_AGE": str(conn_max_age),
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    if use_redis:
        env["REDIS_URL"] = REDIS_URL
    return env


# --- Redis ---------------------------------------------------------------------------------


def redis_call(*commands: list[str]) -> list[bytes]:
    """Send commands to the local Redis over one connection (RESP); the simple replies."""
    payload = b"".join(
        f"*{len(command)}\r\n".encode()
        + b"".join(f"${len(arg.encode())}\r\n{arg}\r\n".encode() for arg in command)
        for command in commands
    )
    replies = []
    with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=5) as sock:
        sock.sendall(payload)
        reader = sock.makefile("rb")
        for _ in commands:
            line = reader.readline()
            kind, rest = line[:1], line[1:].rstrip(b"\r\n")
            if kind == b"-":
                raise BenchError(f"Redis answered {rest.decode(errors='replace')}")
            if kind == b"$":
                size = int(rest)
                rest = reader.read(size + 2)[:size] if size >= 0 else b""
            elif kind not in (b"+", b":"):
                raise BenchError(f"unexpected reply from Redis: {line[:80]!r}")
            replies.append(rest)
    return replies


def flush_bench_cache() -> None:
    """Empty the bench's Redis database (only that one), so that a server run starts cold."""
    redis_call(["SELECT", str(REDIS_DB)], ["FLUSHDB"])
    log(f"Redis database {REDIS_DB} flushed")


def redis_misses() -> int | None:
    """Redis's count of lookups of missing keys since it started (all databases)."""
    try:
        (info,) = redis_call(["INFO", "stats"])
    except (OSError, BenchError):
        return None
    match = re.search(rb"^keyspace_misses:(\d+)", info, re.MULTILINE)
    return int(match.group(1)) if match else None


# --- database ------------------------------------------------------------------------------


def admin_connection() -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise BenchError(
            f"Cannot reach PostgreSQL at {PG_ADMIN_URL} ({error}). Start it, or set "
            "BENCH_PG_ADMIN_URL to a superuser URL on this machine."
        ) from error


def recreate_database() -> None:
    with admin_connection() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    log(f"database {DB_NAME} recreated")


def seeded_groups() -> int | None:
    """How many groups the bench database holds, or None if it does not exist."""
    try:
        with psycopg.connect(DATABASE_URL, connect_timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM directory_supportgroup").fetchone()
            return int(row[0]) if row else 0
    except psycopg.Error:
        return None


def analyse() -> None:
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    log("VACUUM ANALYZE done")


def database_facts() -> dict[str, str]:
    with psycopg.connect(DATABASE_URL) as conn:
        version = conn.execute("SHOW server_version").fetchone()
        max_conn = conn.execute("SHOW max_connections").fetchone()
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size_row = size.fetchone()
    return {
        "version": str(version[0]) if version else "?",
        "max_connections": str(max_conn[0]) if max_conn else "?",
        "size": str(size_row[0]) if size_row else "?",
    }


class DbWatch:
    """Watches the bench database while the server runs, over connections opened beforehand.

    It counts the sessions ever opened (``pg_stat_database.sessions``, PostgreSQL ≥ 14), to see
    whether requests reuse connections, and samples how many are open at once. Its own two
    connections are opened before the load starts, so they still work if the server uses up
    ``max_connections``; if anything fails, the numbers are just missing.
    """

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._stats: psycopg.Connection[Any] | None = None
        self._sampler: psycopg.Connection[Any] | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> DbWatch:
        with contextlib.suppress(psycopg.Error):
            self._stats = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
            self._sampler = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        for conn in (self._stats, self._sampler):
            if conn is not None:
                with contextlib.suppress(psycopg.Error):
                    conn.close()

    def _run(self) -> None:
        assert self._sampler is not None
        while not self._stop.wait(0.25):
            try:
                row = self._sampler.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (DB_NAME,)
                ).fetchone()
            except psycopg.Error:
                return
            if row:
                self.peak = max(self.peak, int(row[0]))

    def reset_peak(self) -> None:
        self.peak = 0

    def sessions(self) -> int | None:
        if self._stats is None:
            return None
        try:
            self._stats.execute("SELECT pg_stat_clear_snapshot()")
            row = self._stats.execute(
                "SELECT sessions FROM pg_stat_database WHERE datname = %s", (DB_NAME,)
            ).fetchone()
        except psycopg.Error:
            return None
        return int(row[0]) if row and row[0] is not None else None


class CpuMeter:
    """CPU time spent by the server's processes, PostgreSQL, Redis, wrk and the whole machine.

    Read from /proc: the server is the uvicorn process and its workers; PostgreSQL is every
    ``postgres`` process plus what its postmaster collected from backends that have exited
    (each request may open and close its own); wrk is this script's reaped children.
    """

    TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid

    @staticmethod
    def _stat(pid: str) -> tuple[str, int, float, float] | None:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        # After the name: state, ppid, ..., utime (11), stime (12), cutime (13), cstime (14).
        own = (int(fields[11]) + int(fields[12])) / CpuMeter.TICK
        children = (int(fields[13]) + int(fields[14])) / CpuMeter.TICK
        return name, int(fields[1]), own, children

    def sample(self) -> dict[str, float]:
        server = postgres = redis = 0.0
        stats = {pid: self._stat(pid) for pid in os.listdir("/proc") if pid.isdigit()}
        names = {int(pid): stat[0] for pid, stat in stats.items() if stat}
        for pid, stat in stats.items():
            if stat is None:
                continue
            name, ppid, own, children = stat
            if int(pid) == self.server_pid or ppid == self.server_pid:
                server += own
            elif name == "postgres":
                postgres += own
                if names.get(ppid) != "postgres":  # the postmaster: add its exited backends
                    postgres += children
            elif name == "redis-server":
                redis += own
        usage = rlimits.getrusage(rlimits.RUSAGE_CHILDREN)
        with Path("/proc/stat").open() as handle:
            parts = handle.readline().split()[1:]
        busy = sum(int(value) for value in parts[:3]) + sum(int(value) for value in parts[5:8])
        return {
            "server": server,
            "postgres": postgres,
            "redis": redis,
            "wrk": usage.ru_utime + usage.ru_stime,
            "machine": busy / self.TICK,
        }


def cpu_shares(
    before: dict[str, float], after: dict[str, float], seconds: float
) -> dict[str, float]:
    """Each consumer's CPU as a share of the machine's capacity over the interval."""
    capacity = seconds * len(os.sched_getaffinity(0))
    shares = {key: (after[key] - before[key]) / capacity for key in before}
    shares["other"] = max(
        0.0,
        shares["machine"] - shares["server"] - shares["postgres"] - shares["redis"] - shares["wrk"],
    )
    return shares


# --- server --------------------------------------------------------------------------------


def http_get(
    port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 10
) -> tuple[int, dict[str, str], bytes, int]:
    """GET on loopback: status, headers, the body as sent (not decoded), the header bytes."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        pairs = response.getheaders()
        header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + 2
        header_bytes += sum(len(name) + len(value) + 4 for name, value in pairs)
        return response.status, {name.lower(): value for name, value in pairs}, body, header_bytes
    finally:
        conn.close()


@contextlib.contextmanager
def app_server(
    env: dict[str, str], port: int, nodelay_fix: bool, server_log_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.serve" if nodelay_fix else "uvicorn",
        "entraide.asgi:application",
        "--workers",
        str(WORKERS),
        "--host",
        HOST,
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    with server_log_path.open("wb") as server_log:
        # Its own process group, so that the workers are stopped with it.
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_until_ready(process, port, server_log_path)
            log(f"uvicorn ({WORKERS} workers) answers on http://{HOST}:{port}/")
            yield process
        finally:
            stop_server(process)


def wait_until_ready(
    process: subprocess.Popen[bytes], port: int, server_log: Path, timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"uvicorn exited early; see {server_log}:\n{tail(server_log)}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            status, _, body, _ = http_get(port, "/ping/", timeout=2)
            if status == 200 and body == b"ok":
                return
        time.sleep(0.25)
    raise BenchError(f"/ping/ did not answer within {timeout:.0f} s; see {server_log}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    log("uvicorn stopped")


def server_error_summary(server_log: Path) -> dict[str, int]:
    """The exceptions the server logged, by their last line, most frequent first."""
    counts: dict[str, int] = {}
    if not server_log.exists():
        return counts
    lines = server_log.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            end = number + 1
            while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
                end += 1
            chained = any(
                line.startswith(("The above exception", "During handling of the above"))
                for line in lines[end + 1 : end + 3]
            )
            # A chain of exceptions is counted once, by its last one.
            if end < len(lines) and not chained:
                message = lines[end][:160]
                counts[message] = counts.get(message, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


def tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


# --- scenarios -----------------------------------------------------------------------------


def page_paths() -> tuple[list[str], list[str]]:
    """Fifty groups' pages, spread over the seeded directory, and the pages of ten
    organisations that list groups (some list hundreds: the worst case of a page of cards)."""
    with psycopg.connect(DATABASE_URL) as conn:
        slugs = [
            row[0]
            for row in conn.execute(
                "SELECT slug FROM directory_supportgroup WHERE is_published ORDER BY id"
            ).fetchall()
        ]
        organisations = [
            row[0]
            for row in conn.execute(
                "SELECT o.slug FROM organisations_organisation o WHERE EXISTS (SELECT 1 FROM "
                "directory_supportgroup g WHERE g.organisation_id = o.id AND g.is_published) "
                "ORDER BY o.id"
            ).fetchall()
        ]
    step = max(1, len(slugs) // 50)
    return [f"/groupes/{slug}/" for slug in slugs[::step][:50]], [
        f"/organisations/{slug}/" for slug in organisations[:10]
    ]


def build_scenarios(place_queries: list[str], radius: int) -> list[Scenario]:
    group_paths, organisation_paths = page_paths()
    return [
        Scenario("baseline", "Baseline: `/ping/`", ["/ping/"], is_search=False),
        Scenario("home", "Home page", ["/"], is_search=False, target_ratio=TARGET_PAGE_RATIO),
        Scenario(
            "group",
            "A group's page",
            group_paths,
            is_search=False,
            target_ratio=TARGET_PAGE_RATIO,
        ),
        Scenario("organisation", "An organisation's page", organisation_paths, is_search=False),
        Scenario(
            "text",
            "Search, text query",
            [f"/groupes/?{urlencode({'q': query})}" for query in TEXT_QUERIES],
            is_search=True,
        ),
        Scenario(
            "place",
            f"Search, place + {radius} km",
            [f"/groupes/?{urlencode({'place': code, 'radius': radius})}" for code in place_queries],
            is_search=True,
        ),
    ]


RESULT_COUNT = re.compile(r"(\d+)\s+groupes?\s+trouvés?")


def check_scenario(port: int, scenario: Scenario, server_log: Path) -> list[int]:
    """Fetch every path once: all must answer 200; returns the number of groups each found."""
    counts = []
    for path in scenario.paths:
        status, _, body, _ = http_get(port, path)
        if status != 200:
            raise BenchError(f"{path} answered {status}; see {server_log}:\n{tail(server_log)}")
        if scenario.is_search:
            page = body.decode("utf-8", errors="replace")
            match = RESULT_COUNT.search(page)
            if match is None and 'id="results"' not in page:
                raise BenchError(f"{path} shows no results section; is the search page broken?")
            # With no group found the page currently shows no count at all (an empty Page is
            # false in the template's {% elif page %}), so a missing count means none.
            counts.append(int(match.group(1)) if match else 0)
    return counts


def run_wrk(
    wrk: str, port: int, scenario: Scenario, connections: int, seconds: float, keep_alive: bool
) -> dict[str, Any]:
    script = OUT / f"{scenario.key}.lua"
    lua_paths = ", ".join(json.dumps(path) for path in scenario.paths)
    # A new connection per request by default, as a reverse proxy without upstream keep-alive
    # (nginx's default) opens them: see --keep-alive for why it matters here.
    headers = "" if keep_alive else 'wrk.headers["Connection"] = "close"'
    script.write_text(LUA_TEMPLATE % {"paths": lua_paths, "headers": headers}, encoding="utf-8")
    threads = min(2, connections)
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://{HOST}:{port}/",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            data: dict[str, Any] = json.loads(line.removeprefix("BENCH_JSON "))
            return data
    raise BenchError(f"wrk gave no result:\n{result.stdout}\n{result.stderr}")


def measure(
    wrk: str,
    port: int,
    scenario: Scenario,
    connections: int,
    seconds: float,
    warmup: float,
    watch: DbWatch,
    cpu: CpuMeter,
    keep_alive: bool,
    use_redis: bool,
) -> Measure:
    if warmup > 0:
        run_wrk(wrk, port, scenario, connections, warmup, keep_alive)
    before = watch.sessions()
    misses_before = redis_misses() if use_redis else None
    watch.reset_peak()
    cpu_before, clock = cpu.sample(), time.perf_counter()
    data = run_wrk(wrk, port, scenario, connections, seconds, keep_alive)
    shares = cpu_shares(cpu_before, cpu.sample(), time.perf_counter() - clock)
    peak = watch.peak
    misses_after = redis_misses() if use_redis else None
    time.sleep(1.0)  # statistics reach pg_stat_database within about a second
    after = watch.sessions()
    latency = data["latency_us"]
    result = Measure(
        scenario=scenario,
        connections=connections,
        requests=int(data["requests"]),
        seconds=int(data["duration_us"]) / 1e6,
        p50_ms=latency["p50"] / 1000,
        p90_ms=latency["p90"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
        errors={key: int(value) for key, value in data["errors"].items()},
        db_sessions=(after - before) if before is not None and after is not None else None,
        db_peak_connections=peak,
        cpu=shares,
        cache_misses=(
            misses_after - misses_before
            if misses_before is not None and misses_after is not None
            else None
        ),
    )
    log(
        f"{scenario.key:8} c={connections:<3} p50 {result.p50_ms:7.1f} ms  "
        f"p95 {result.p95_ms:7.1f} ms  p99 {result.p99_ms:7.1f} ms  {result.rps:8.1f} req/s  "
        f"errors {result.error_count}  db sessions {result.db_sessions}  "
        f"peak db conns {result.db_peak_connections}  redis misses {result.cache_misses}  cpu "
        + " ".join(f"{key} {value:.0%}" for key, value in shares.items())
    )
    return result


def in_process_split(
    env: dict[str, str], scenarios: list[Scenario], tag: str, rounds: int = SPLIT_ROUNDS
) -> dict[str, Any]:
    """Where a request's time goes without the server: SQL against Python, per scenario."""
    spec = OUT / "split.json"
    spec.write_text(json.dumps({s.key: s.paths for s in scenarios}), encoding="utf-8")
    output = run(
        [
            sys.executable,
            "-m",
            "benchmarks.profile_search",
            "--split",
            str(spec),
            "--rounds",
            str(rounds),
        ],
        env,
        f"in-process split, {tag}",
    )
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


# --- page weight ---------------------------------------------------------------------------


class AssetFinder(HTMLParser):
    """Collects the stylesheets, icons and scripts a page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        if tag == "link" and values.get("href"):
            if "stylesheet" in rel:
                self.assets.append(("CSS", values["href"]))
            elif "icon" in rel:
                self.assets.append(("icon", values["href"]))
            elif "preload" in rel or "modulepreload" in rel:
                self.assets.append((values.get("as", "preload"), values["href"]))
        elif tag == "script" and values.get("src"):
            self.assets.append(("JS", values["src"]))


def page_weight(port: int, path: str) -> PageWeight:
    status, headers, body, header_bytes = http_get(port, path)
    if status != 200:
        raise BenchError(f"{path} answered {status}")
    weight = PageWeight(path)
    encoding = headers.get("content-encoding", "")
    if encoding:
        wire, note = len(body), f"sent {encoding}-compressed by Django"
    else:
        wire = len(gzip.compress(body, compresslevel=6))
        note = "sent uncompressed by Django; counted as gzip -6, as a reverse proxy sends it"
    weight.resources.append(
        Resource(
            path, "HTML", encoding or "gzip -6 (computed)", len(body), wire, header_bytes, note
        )
    )
    finder = AssetFinder()
    finder.feed(body.decode("utf-8", errors="replace"))
    for kind, url in dict.fromkeys(finder.assets):
        if not url.startswith("/") or url.startswith("//"):
            raise BenchError(f"{path} loads {url} from elsewhere, which the CSP forbids")
        status, headers, asset, asset_header_bytes = http_get(
            port, url, {"Accept-Encoding": "br, gzip"}
        )
        if status != 200:
            raise BenchError(f"{url} answered {status}")
        encoding = headers.get("content-encoding", "identity")
        _, _, raw, _ = http_get(port, url)
        weight.resources.append(
            Resource(url, kind, encoding, len(raw), len(asset), asset_header_bytes)
        )
    return weight


# --- environment ---------------------------------------------------------------------------


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def redis_version() -> str:
    with contextlib.suppress(OSError, BenchError):
        (info,) = redis_call(["INFO", "server"])
        match = re.search(rb"^redis_version:(\S+)", info, re.MULTILINE)
        if match:
            return match.group(1).decode()
    return "?"


def machine_facts(wrk: str, db: dict[str, str], use_redis: bool, load: str) -> dict[str, str]:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cpus": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "django": importlib.metadata.version("django"),
        "uvicorn": importlib.metadata.version("uvicorn"),
        "httptools": package_version("httptools"),
        "uvloop": package_version("uvloop"),
        "postgresql": db["version"],
        "max_connections": db["max_connections"],
        "db_size": db["size"],
        "wrk": (wrk_version.split()[1] if len(wrk_version.split()) > 1 else "?"),
        "redis": (
            f"Redis {redis_version()} at {REDIS_URL}"
            if use_redis
            else "Redis not running: local-memory cache"
        ),
        "commit": (commit or "?") + (" with uncommitted changes" if dirty else ""),
        "load": load,
    }


# --- report --------------------------------------------------------------------------------


def describe_pool(pool: object) -> str:
    if isinstance(pool, dict):
        return "`" + ", ".join(f"{key}={value}" for key, value in pool.items()) + "`"
    return "on (psycopg defaults)" if pool else "none"


def verdict(ok: bool) -> str:
    return "**pass**" if ok else "**FAIL**"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def fmt_bytes(value: int) -> str:
    return f"{value:,}".replace(",", " ")


Check = tuple[str, str, str, bool]  # server run, target, measured, passed


def targets(runs: list[ServerRun], home: PageWeight) -> list[Check]:
    rows: list[Check] = []
    for server_run in runs:
        for result in server_run.loaded:
            page_target = result.scenario.target_ratio
            if not result.scenario.is_search and page_target is not None:
                ratio = server_run.ratio(result)
                rows.append(
                    (
                        server_run.label,
                        f"{result.scenario.label}: throughput ≥ {page_target:.0%} of the baseline",
                        f"{ratio:.1%} ({result.rps:.0f} / {server_run.baseline.rps:.0f} req/s)",
                        ratio >= page_target and result.error_count == 0,
                    )
                )
            if not result.scenario.is_search:
                continue
            rows.append(
                (
                    server_run.label,
                    f"{result.scenario.label}: p95 ≤ {TARGET_P95_MS:.0f} ms at "
                    f"{result.connections} clients",
                    f"{result.p95_ms:.1f} ms",
                    result.p95_ms <= TARGET_P95_MS and result.error_count == 0,
                )
            )
            ratio = server_run.ratio(result)
            rows.append(
                (
                    server_run.label,
                    f"{result.scenario.label}: throughput ≥ {TARGET_RATIO:.0%} of the baseline",
                    f"{ratio:.1%} ({result.rps:.0f} / {server_run.baseline.rps:.0f} req/s)",
                    ratio >= TARGET_RATIO and result.error_count == 0,
                )
            )
    rows.append(
        (
            "–",
            "Home page, first visit: ≤ 50 KB compressed (HTML + CSS + JS + icon)",
            f"{fmt_bytes(home.total)} bytes",
            home.total <= TARGET_FIRST_VISIT_BYTES,
        )
    )
    return rows


HISTORY_START = "<!-- history:start -->"
HISTORY_END = "<!-- history:end -->"
HISTORY_HEADER = [
    "| date | commit | baseline req/s | text p95 ms | text vs baseline | place p95 ms "
    "| place vs baseline | cached: baseline req/s | cached: text p95 ms "
    "| cached: text vs baseline | cached: place p95 ms | cached: place vs baseline "
    "| home bytes |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
]
HISTORY_COLUMNS = 13


def previous_history() -> list[str]:
    """The earlier rows, widened to the current columns (older runs had no cached run)."""
    if not DOC.exists():
        return []
    text = DOC.read_text(encoding="utf-8")
    if HISTORY_START not in text or HISTORY_END not in text:
        return []
    block = text.split(HISTORY_START, 1)[1].split(HISTORY_END, 1)[0]
    rows = []
    for line in block.splitlines():
        if not line.startswith("| 2"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < HISTORY_COLUMNS:
            missing = HISTORY_COLUMNS - len(cells)
            cells = [*cells[:-1], *["–"] * missing, cells[-1]]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def other_benchmarks() -> list[str]:
    """The sections other benchmarks keep in the same file between their own markers
    (`<!-- name:start -->` … `<!-- name:end -->`, e.g. formation, circle): kept as they are."""
    if not DOC.exists():
        return []
    kept: list[str] = []
    inside = ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        start = re.fullmatch(r"<!-- (\w+):start -->", line.strip())
        if not inside and start and start.group(1) != "history":
            inside = start.group(1)
        if inside:
            kept.append(line)
            if line.strip() == f"<!-- {inside}:end -->":
                kept.append("")
                inside = ""
    return kept


def history_row(started: dt.datetime, commit: str, runs: list[ServerRun], home: int) -> str:
    cells = [f"{started:%Y-%m-%d %H:%M}", commit]
    for server_run in runs:
        by_key = {m.scenario.key: m for m in server_run.loaded}
        cells.append(f"{server_run.baseline.rps:.0f}")
        for key in ("text", "place"):
            cells += [f"{by_key[key].p95_ms:.1f}", f"{server_run.ratio(by_key[key]):.0%}"]
    cells.append(str(home))
    return "| " + " | ".join(cells) + " |"


def write_report(
    *,
    started: dt.datetime,
    facts: dict[str, str],
    manifest: dict[str, Any],
    counts: dict[str, list[int]],
    runs: list[ServerRun],
    pages: list[PageWeight],
    args: argparse.Namespace,
) -> list[Check]:
    home = pages[0]
    checks = targets(runs, home)
    uncached, cached = runs
    scenarios = [m.scenario for m in uncached.loaded]
    settings = uncached.split["settings"]
    cache_seconds = cached.split["settings"]["search_cache_seconds"]
    needed = args.connections / TARGET_P95_MS * 1000

    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`benchmarks/run.py`) on {started:%Y-%m-%d %H:%M} UTC; "
        "every run replaces this file. The numbers come from one run on a small, shared "
        "machine: compare runs on the same machine, and expect ±10–20 % between runs, "
        "sometimes more (the two baselines below, the same view measured a minute or two apart, "
        "show this run's spread).",
        "",
        "The search is measured twice, each time on a freshly started server whose baseline "
        "`/ping/` is measured again, so that every ratio compares figures of the same run:",
        "",
        "- **uncached** (`SEARCH_CACHE_SECONDS=0`): every request runs the queries and renders "
        "the results. This is the honest cost of a search, what a visitor pays for a search "
        "nobody made in the last minute.",
        f"- **cached, warm** (the app's default, results kept {cache_seconds} s in Redis per "
        "language and query string; the Redis database flushed before the server starts): "
        f"each scenario rotates through the same {len(TEXT_QUERIES)} queries, each fetched "
        "once before the load, so nearly every measured request is a cache hit (the Redis "
        "misses column below counts the exceptions). **This is a best case**, not what real "
        "traffic sees, where many searches are new and any change to a group drops every "
        "cached result: it shows what a hit costs, not what a search costs.",
        "",
        "## Targets",
        "",
        "| server run | target | measured | result |",
        "| --- | --- | ---: | --- |",
        *[f"| {run_} | {name} | {value} | {verdict(ok)} |" for run_, name, value, ok in checks],
        "",
        f"The clients send their requests back to back, so the mean latency is about clients "
        f"/ throughput (Little's law): a p95 of {TARGET_P95_MS:.0f} ms at {args.connections} "
        f"clients needs well over {needed:.0f} req/s. The baseline view itself reached "
        f"{uncached.baseline.rps:.0f} req/s with a p95 of {uncached.baseline.p95_ms:.0f} ms in "
        f"the uncached run, and {cached.baseline.rps:.0f} req/s with a p95 of "
        f"{cached.baseline.p95_ms:.0f} ms in the cached run, on this machine"
        + (
            ": even the baseline view misses the latency target here, so no search can meet "
            "it on this machine, cached or not; the throughput ratio is the target that "
            "tells the search's own cost."
            if min(uncached.baseline.p95_ms, cached.baseline.p95_ms) > TARGET_P95_MS
            else "."
        ),
        "",
        f"## Latency and throughput ({args.connections} concurrent clients)",
        "",
        "| server run | scenario | p50 ms | p95 ms | p99 ms | req/s | vs baseline | errors "
        "| p50 ms at 1 client | req/s at 1 client | vs baseline at 1 client |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for server_run in runs:
        single_by_key = {m.scenario.key: m for m in server_run.single}
        for result in server_run.loaded:
            one = single_by_key.get(result.scenario.key)
            lines.append(
                f"| {server_run.label} | {result.scenario.label} | {result.p50_ms:.1f} "
                f"| {result.p95_ms:.1f} | {result.p99_ms:.1f} | {result.rps:.0f} "
                f"| {server_run.ratio(result):.0%} | {result.error_count} "
                f"| {f'{one.p50_ms:.1f}' if one else '–'} | {f'{one.rps:.0f}' if one else '–'} "
                f"| {f'{server_run.ratio(one):.0%}' if one else '–'} |"
            )
    lines += [
        "",
        "Errors are wrk's: connection errors, timeouts and HTTP statuses ≥ 400. "
        "Database connections opened during each measured run (from `pg_stat_database`), "
        "the most open at once, Redis's lookups of missing keys (from `INFO stats`, for the "
        "whole Redis server), and how the machine's CPU capacity was shared (from `/proc`; "
        "the server is uvicorn and its workers):",
        "",
        "| server run | scenario | requests | new DB connections | peak DB connections "
        "| Redis misses | CPU: server | CPU: PostgreSQL | CPU: Redis | CPU: wrk | CPU: other "
        "| CPU: idle |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for server_run in runs:
        for result in server_run.loaded:
            cpu = result.cpu
            cpu_cells = " | ".join(
                f"{cpu.get(key, 0):.0%}" for key in ("server", "postgres", "redis", "wrk", "other")
            )
            idle = max(0.0, 1 - cpu.get("machine", 0))
            misses = "?" if result.cache_misses is None else str(result.cache_misses)
            lines.append(
                f"| {server_run.label} | {result.scenario.label} | {result.requests} "
                f"| {result.db_sessions} | {result.db_peak_connections} | {misses} "
                f"| {cpu_cells} | {idle:.0%} |"
            )
    for server_run in runs:
        if server_run.server_errors:
            errors = server_run.server_errors
            lines += [
                "",
                f"The server logged {plural(sum(errors.values()), 'exception')} during the "
                f"{server_run.label} run:",
                "",
                *[f"- {count} × `{message}`" for message, count in errors.items()],
            ]
    if any("CurrentThreadExecutor" in message for r in runs for message in r.server_errors):
        lines += [
            "",
            "`CurrentThreadExecutor already quit` comes from Django's ASGI handler sending "
            "`request_finished` for a request whose client went away: wrk closes its "
            "connections at the end of each run, with requests in flight.",
        ]
    lines += [
        "",
        "## Where the time goes",
        "",
        "One request, measured in-process before each server run (Django's test client on the "
        "same database and settings, no server; mean over the scenario's paths, each requested "
        f"once to warm up, then {SPLIT_ROUNDS} times measured): SQL is timed around each "
        "query, driver "
        "included; Python is the rest (middleware, form, ORM, templates, and the cache's Redis "
        "round trips). Uncached, this is what computing a search costs; cached, what a hit "
        "costs. `python -m benchmarks.profile_search` shows the queries with their plans and a "
        "cProfile.",
        "",
        "| server run | scenario | SQL queries | SQL ms | Python ms | total ms |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for server_run in runs:
        for scenario in scenarios:
            split = server_run.split["splits"].get(scenario.key)
            if split:
                lines.append(
                    f"| {server_run.label} | {scenario.label} | {split['queries']:.1f} "
                    f"| {split['sql_ms']:.1f} | {split['python_ms']:.1f} "
                    f"| {split['total_ms']:.1f} |"
                )
    lines += ["", "How many groups each search path finds (first page: 20 groups at most):", ""]
    labels = {scenario.key: scenario.label for scenario in scenarios}
    for key, values in counts.items():
        if values:
            empty = sum(1 for value in values if value == 0)
            lines.append(
                f"- {labels[key]}: {len(values)} queries, median "
                f"{statistics.median(values):.0f} groups, from {min(values)} to {max(values)}"
                f"{f', {empty} with none' if empty else ''}"
                + (
                    f" (every place search also lists the {manifest['online']} online groups)."
                    if key == "place"
                    else "."
                )
            )
    lines += ["", "## First visit: bytes transferred", ""]
    for page in pages:
        lines += [
            f"`{page.path}` — {fmt_bytes(page.total)} bytes compressed in total, plus "
            f"{fmt_bytes(page.headers)} bytes of response headers"
            + (
                f"; target ≤ {fmt_bytes(TARGET_FIRST_VISIT_BYTES)}: "
                f"{verdict(page.total <= TARGET_FIRST_VISIT_BYTES)}"
                if page is home
                else " (for context, no target)"
            ),
            "",
            "| resource | type | encoding | bytes uncompressed | bytes transferred |",
            "| --- | --- | --- | ---: | ---: |",
        ]
        for resource in page.resources:
            lines.append(
                f"| `{resource.url}` | {resource.kind} | {resource.encoding} "
                f"| {fmt_bytes(resource.raw_bytes)} | {fmt_bytes(resource.wire_bytes)} |"
            )
        notes = {resource.note for resource in page.resources if resource.note}
        lines += ["", *[f"The HTML is {note}." for note in sorted(notes)], ""]
    lines += [
        "The static files are fetched with `Accept-Encoding: br, gzip`, as a browser asks; "
        "WhiteNoise serves the Brotli or gzip files that `collectstatic` made. The pages are "
        "weighed in the uncached run.",
        "",
        "## Method",
        "",
        f"- Data: {manifest['groups']:,} published groups".replace(",", " ")
        + " seeded by `benchmarks/seed.py` (deterministic): the demo's "
        f"{manifest.get('themes', '?')} themes, "
        f"{manifest['organisations']} organisations, {manifest['towns']} real towns of France, "
        "Belgium and Switzerland (bigger towns have more groups), "
        f"{manifest['online']} online groups, names and texts from a vocabulary close to the "
        "demo's; `search_text` is computed by `actions.search_text_for` and the stored French "
        "`search_vector` (GIN index) by `actions.refresh_search_vectors`, as the app does on "
        "every save. Then `VACUUM ANALYZE`.",
        f"- Server: `uvicorn entraide.asgi:application --workers {WORKERS}` on {HOST}"
        + (
            " (through `benchmarks/serve.py`, which restores TCP_NODELAY: not as in production)"
            if args.nodelay_fix
            else ""
        )
        + f" (httptools {facts['httptools']} and uvloop {facts['uvloop']}, which uvicorn's "
        "`auto` defaults pick when installed), "
        "`DEBUG=0`, `SECURE_SSL_REDIRECT=0` (plain HTTP on loopback), "
        f"`DB_CONN_MAX_AGE={args.conn_max_age}` in the environment (as the settings apply "
        f"it: CONN_MAX_AGE {settings['conn_max_age']}, connection pool "
        f"{describe_pool(settings['pool'])} per process), {settings['cache']}, static files "
        "from `collectstatic` (WhiteNoise manifest storage). Database, Redis and load "
        "generator run on the same machine as the server.",
        "- Two server runs, in this order: `SEARCH_CACHE_SECONDS="
        f"{uncached.split['settings']['search_cache_seconds']}` (uncached), then the app's "
        f"default, {cache_seconds} s (cached). Before each start the bench's Redis database "
        f"({REDIS_DB}; production uses 0) is flushed, so the cached run starts cold; checking "
        "that every path answers 200 then fills the cache. A cached result expires "
        f"{cache_seconds} s after it was computed and is then computed again on its next "
        "request: the cached figures include those few recomputations.",
        f"- Load, in each server run: wrk, {args.connections} concurrent clients over 2 threads, "
        + (
            "each reusing its connection (`--keep-alive`), "
            if args.keep_alive
            else "each request on a new connection (`Connection: close`), as a reverse proxy "
            "without upstream keep-alive sends them (nginx's default); "
        )
        + f"{args.warmup:g} s warm-up then {args.duration:g} s measured per scenario; then "
        f"1 client for {args.single_duration:g} s. The text scenario rotates through "
        f"{len(TEXT_QUERIES)} queries (`benchmarks/run.py`), the place scenario through "
        f"{len(manifest['place_queries'])} postal codes of seeded towns, radius "
        f"{args.radius} km. Percentiles are wrk's (`latency:percentile`), req/s is requests "
        "over the measured time.",
        "- Page weight: `/` fetched once, then every stylesheet, script and icon it links, with "
        "`Accept-Encoding: br, gzip`; bytes counted as sent (bodies; headers shown apart).",
        "",
        "Why a new connection per request by default (measured with uvicorn 0.54, when this "
        "benchmark was written; `--keep-alive` and `--nodelay-fix` show it again):",
        "",
        "- uvicorn's workers share one listening socket and asyncio accepts a whole burst at "
        "once, so wrk's 32 long-lived connections often all land on one worker: `/ping/` then "
        "gave 160–185 req/s, against ~300 when they happened to be split, at random from one "
        "run to the next.",
        "- Keep-alive connections to a multi-worker uvicorn lack TCP_NODELAY (uvicorn issue "
        "#3149), so each request after the first waits ~40 ms for the client's delayed ACK: "
        "`/ping/` at 1 client took 47 ms instead of 5 ms.",
        "",
        "## Machine",
        "",
        f"- {facts['cpus']} CPUs ({facts['cpu']}), {facts['memory']} of memory, {facts['os']}; "
        f"load average at start {facts['load']}",
        f"- Python {facts['python']}, Django {facts['django']}, uvicorn {facts['uvicorn']} "
        f"(httptools {facts['httptools']}, uvloop {facts['uvloop']}), "
        f"PostgreSQL {facts['postgresql']} (max_connections {facts['max_connections']}, "
        f"bench database {facts['db_size']}), wrk {facts['wrk']}; cache: {facts['redis']}",
        f"- Code: commit {facts['commit']}",
        "",
        "## Reproduce and dig",
        "",
        "- `make bench` (needs PostgreSQL on 127.0.0.1:5432 as `postgres`, Redis on "
        "127.0.0.1:6379, and wrk, which it installs when run as root); "
        "`benchmarks/run.py --help` for shorter runs and `--reuse-db` to skip seeding. "
        "Each server gets a throw-away `SECRET_KEY` and `ENCRYPTION_KEYS`, made for the run.",
        "- `make bench-quick` (CI runs it) takes every benchmark's whole path on tiny data in "
        "about four minutes, its reports in temporary files: it fails on an error, not on a "
        "missed target.",
        "- `make bench-load` (also the end of `make bench`): 200 virtual people for 3 minutes "
        "on a database of its own, `entraide_bench_load` (section *Load* below, "
        "`benchmarks/load.py --help` for fewer people or a shorter run).",
        "- `python -m benchmarks.profile_search` profiles one search request in-process "
        "against the bench database, with the results cache off unless `SEARCH_CACHE_SECONDS` "
        "is set: SQL queries with `EXPLAIN ANALYZE`, and cProfile.",
        "",
        "## History",
        "",
        "Uncached columns first, then the cached run's; rows with – come from runs that "
        "measured a single server run.",
        "",
    ]
    new_row = history_row(started, facts["commit"].split()[0], runs, home.total)
    history = [new_row, *previous_history()][:10]
    lines += [HISTORY_START, *HISTORY_HEADER, *history, HISTORY_END, ""]
    lines += other_benchmarks()
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text("\n".join(lines), encoding="utf-8")
    return checks


# --- main ----------------------------------------------------------------------------------

# (key, label, SEARCH_CACHE_SECONDS given to the app: None for the app's default)
SERVER_RUNS: list[tuple[str, str, str | None]] = [
    ("uncached", "uncached", "0"),
    ("cached", "cached, warm", None),
]


def app_default_cache_seconds(env: dict[str, str]) -> str:
    """The app's own SEARCH_CACHE_SECONDS, when the environment does not set it."""
    output = run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SEARCH_CACHE_SECONDS)",
        ],
        env,
        "read the app's default SEARCH_CACHE_SECONDS",
    )
    return output.strip().splitlines()[-1]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Load benchmark of the directory search.")
    parser.add_argument("--groups", type=int, default=10_000, help="groups to seed")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections")
    parser.add_argument(
        "--duration", type=float, default=10, help="seconds measured, per scenario and run"
    )
    parser.add_argument("--warmup", type=float, default=3, help="seconds of warm-up")
    parser.add_argument(
        "--single-duration", type=float, default=5, help="seconds at 1 client (0: skipped)"
    )
    parser.add_argument("--radius", type=int, default=20, help="km around the place")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DB_CONN_MAX_AGE of the server (60, persistent connections, as in production)",
    )
    parser.add_argument(
        "--keep-alive",
        action="store_true",
        help="reuse each client connection (by default every request opens a new one)",
    )
    parser.add_argument(
        "--nodelay-fix",
        action="store_true",
        help="serve through benchmarks/serve.py, which restores TCP_NODELAY (uvicorn #3149)",
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="keep entraide_bench if it already holds --groups groups (skip seeding)",
    )
    parser.add_argument(
        "--no-report", action="store_true", help="print the results, leave docs/ untouched"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a short check of the whole path (CI): 200 groups in entraide_bench_quick, 4 "
        "clients, 1 s per scenario, report in a temporary file, fails on any error",
    )
    parser.add_argument(
        "--report", type=Path, help="where to write the report (default docs/benchmarks.md)"
    )
    args = parser.parse_args()
    if args.quick:
        args.groups, args.connections = 200, 4
        args.duration, args.warmup, args.single_duration = 1, 0, 0
    if not 1 <= args.connections <= 512 or not 1 <= args.duration <= 120:
        parser.error("connections must be 1–512 and duration 1–120 s")
    return args


def prepare_database(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """The seeded, migrated, analysed bench database and static files; the seed manifest."""
    if args.reuse_db and seeded_groups() == args.groups and MANIFEST.exists():
        log(f"reusing {DB_NAME} with {args.groups} groups")
        run([sys.executable, "manage.py", "migrate", "--noinput"], env, "migrate")
    else:
        recreate_database()
        run([sys.executable, "manage.py", "migrate", "--noinput"], env, "migrate")
        seed_out = run(
            [
                sys.executable,
                "-m",
                "benchmarks.seed",
                "--groups",
                str(args.groups),
                "--manifest",
                str(MANIFEST),
            ],
            env,
            "seed",
        )
        log(seed_out.strip())
    analyse()
    run([sys.executable, "manage.py", "collectstatic", "--noinput"], env, "collectstatic")
    manifest: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return manifest


def serve_and_measure(
    *,
    server_run: ServerRun,
    env: dict[str, str],
    scenarios: list[Scenario],
    wrk: str,
    args: argparse.Namespace,
    use_redis: bool,
    weigh_pages: bool,
) -> tuple[dict[str, list[int]], list[PageWeight]]:
    """Start the server with this run's settings, drive every scenario, stop it."""
    if use_redis:
        flush_bench_cache()
    port = free_port()
    counts: dict[str, list[int]] = {}
    pages: list[PageWeight] = []
    with DbWatch() as watch, app_server(env, port, args.nodelay_fix, server_run.log_path) as srv:
        cpu = CpuMeter(srv.pid)
        for scenario in scenarios:
            counts[scenario.key] = check_scenario(port, scenario, server_run.log_path)
        if weigh_pages:
            pages = [page_weight(port, "/"), page_weight(port, "/groupes/")]
        for connections, seconds, warmup, results in (
            (args.connections, args.duration, args.warmup, server_run.loaded),
            (1, args.single_duration, 0, server_run.single),
        ):
            if seconds <= 0:
                continue
            for scenario in scenarios:
                results.append(
                    measure(
                        wrk,
                        port,
                        scenario,
                        connections,
                        seconds,
                        warmup,
                        watch,
                        cpu,
                        args.keep_alive,
                        use_redis,
                    )
                )
    server_run.server_errors = server_error_summary(server_run.log_path)
    return counts, pages


def use_quick_database() -> None:
    """The quick run's own database, so that it never replaces a full run's seeded one."""
    global DB_NAME, DATABASE_URL, MANIFEST
    DB_NAME = "entraide_bench_quick"
    DATABASE_URL = f"postgres://postgres@{HOST}:5432/{DB_NAME}"
    MANIFEST = OUT / "seed-quick.json"


# What the server logs when wrk stops with requests in flight: Django's ASGI handler sends
# `request_finished` for a request whose client went away. No visitor sees it (the client is
# gone); issue 18 is to make the server quiet about it. Any other exception fails a quick run.
AT_THE_END_OF_A_RUN = ("CurrentThreadExecutor already quit or is broken",)


def quick_problems(runs: list[ServerRun]) -> list[str]:
    """What a quick run must not show: any error of the load tool or of the server."""
    problems = []
    for server_run in runs:
        for result in [*server_run.loaded, *server_run.single]:
            if result.error_count or not result.requests:
                problems.append(
                    f"[{server_run.label}] {result.scenario.key} at {result.connections} "
                    f"clients: {result.requests} requests, errors {result.errors}"
                )
        for message, count in server_run.server_errors.items():
            if any(known in message for known in AT_THE_END_OF_A_RUN):
                print(f"quick run: [{server_run.label}] {count} × {message} (wrk stopping)")
                continue
            problems.append(f"[{server_run.label}] the server logged {count} × {message}")
    return problems


def main() -> int:
    global DOC
    args = parse_args()
    if args.quick:
        use_quick_database()
    if args.report:
        DOC = args.report.resolve()
    elif args.quick:
        DOC = Path(tempfile.mkdtemp(prefix="entraide-bench-")) / "benchmarks.md"
    started = dt.datetime.now(dt.UTC)
    load_at_start = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    clock = time.perf_counter()
    wrk = ensure_wrk()
    use_redis = port_open(REDIS_HOST, REDIS_PORT)
    if not use_redis:
        log("Redis is not running on 127.0.0.1:6379: the cache falls back to local memory")
    env = app_env(use_redis, args.conn_max_age)
    OUT.mkdir(parents=True, exist_ok=True)

    manifest = prepare_database(args, env)
    scenarios = build_scenarios(manifest["place_queries"], args.radius)
    if args.quick:
        for scenario in scenarios:
            scenario.paths = scenario.paths[:QUICK_PATHS]

    runs: list[ServerRun] = []
    counts: dict[str, list[int]] = {}
    pages: list[PageWeight] = []
    default_cache_seconds = app_default_cache_seconds(env)
    for key, label, cache_seconds in SERVER_RUNS:
        # Given explicitly, so that benchmarks.profile_search (off by default) applies it too.
        run_env = {**env, "SEARCH_CACHE_SECONDS": cache_seconds or default_cache_seconds}
        server_run = ServerRun(
            key, label, run_env["SEARCH_CACHE_SECONDS"], OUT / f"server-{key}.log"
        )
        # In-process first, on a calm machine; it also tells the settings the app applied.
        server_run.split = in_process_split(
            run_env, scenarios, label, rounds=1 if args.quick else SPLIT_ROUNDS
        )
        effective = int(server_run.split["settings"]["search_cache_seconds"])
        if (key == "cached") != (effective > 0):
            raise BenchError(
                f"the {label} run needs the results cache "
                f"{'on' if key == 'cached' else 'off'}, but SEARCH_CACHE_SECONDS is {effective}"
            )
        log(f"server run: {label} (SEARCH_CACHE_SECONDS={effective})")
        run_counts, run_pages = serve_and_measure(
            server_run=server_run,
            env=run_env,
            scenarios=scenarios,
            wrk=wrk,
            args=args,
            use_redis=use_redis,
            weigh_pages=not pages,
        )
        if counts and run_counts != counts:
            log(f"warning: the {label} run found other numbers of groups than the first run")
        counts = counts or run_counts
        pages = pages or run_pages
        runs.append(server_run)

    db = database_facts()
    facts = machine_facts(wrk, db, use_redis, load_at_start)

    print()
    print(
        f"{'run':13} {'scenario':28} {'c':>3} {'p50':>8} {'p95':>8} {'p99':>8} "
        f"{'req/s':>8} {'ratio':>6}"
    )
    for server_run in runs:
        for result in [*server_run.loaded, *server_run.single]:
            print(
                f"{server_run.label:13} {result.scenario.label:28} {result.connections:>3} "
                f"{result.p50_ms:8.1f} {result.p95_ms:8.1f} {result.p99_ms:8.1f} "
                f"{result.rps:8.1f} {server_run.ratio(result):6.0%}"
            )
    for page in pages:
        print(f"first visit {page.path}: {page.total} bytes compressed (+{page.headers} headers)")
    if args.no_report:
        checks = targets(runs, pages[0])
    else:
        checks = write_report(
            started=started,
            facts=facts,
            manifest=manifest,
            counts=counts,
            runs=runs,
            pages=pages,
            args=args,
        )
        log(f"wrote {DOC}")
    print()
    for run_label, name, value, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  [{run_label}] {name}: {value}")
    for server_run in runs:
        if server_run.server_errors:
            errors = server_run.server_errors
            print(
                f"\nThe server logged {plural(sum(errors.values()), 'exception')} in the "
                f"{server_run.label} run ({server_run.log_path}):"
            )
            for message, count in errors.items():
                print(f"  {count:5} × {message}")
    log(f"total {time.perf_counter() - clock:.0f} s")
    if args.quick:
        problems = quick_problems(runs)
        for problem in problems:
            print(f"quick run: {problem}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"\nbenchmark failed: {error}", file=sys.stderr)
        sys.exit(1)
