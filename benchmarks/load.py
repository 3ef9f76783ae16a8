"""`make bench-load`: 200 people using the site at once for 3 minutes, as in production.

Issue 18, part 2: "no request may ever end in 500 because of load". One run:

1. recreates the PostgreSQL database ``entraide_bench_load``, migrates it, seeds 10,000
   published groups (benchmarks/seed.py) and people (benchmarks/people.py: 300 accounts with a
   verified e-mail, members of 40 groups with two planned meetings each), analyses the tables
   and collects the static files;
2. serves it with uvicorn, two workers, DEBUG off, the connection pool, the app's admission
   limit (`entraide/lib/admission.py`) and Redis, behind a pretend proxy: uvicorn trusts
   ``X-Forwarded-For`` from 127.0.0.1 (``--proxy-headers``, as the README's production command)
   and each virtual person sends an address of its own, so that the per-address limits of
   sign-in see 200 people, not one;
3. runs 200 virtual people (asyncio and httpx) for 3 minutes, each with its own cookies and a
   seeded random generator, waiting 1–5 s between actions as a reader does. A third are
   visitors (home, group and organisation pages, text and place searches built anew from words,
   towns and postal codes, so that most are not in the results cache); the others are members
   who, on each visit, look around, sign in through allauth's form (with its CSRF token), then
   open their group's private space, answer a meeting (the answer form), write a page of their
   carnet, and keep browsing; after a visit they close the browser (cookies dropped) and come
   back. Each request opens its own connection, as a proxy does towards the app by default;
4. counts, after the run, in the database, the answers and carnet pages the script saw
   acknowledged (a redirect), and reports the lost ones (acknowledged but not in the database)
   and the refused ones (503: the person is told to retry, nothing was promised);
5. writes its section of docs/benchmarks.md between ``<!-- load:start -->`` and
   ``<!-- load:end -->`` (the other sections are kept), with the machine and the date.

Each request waits at most 30 s (then it counts as a timeout); the whole run is bounded by the
duration plus one request timeout. Only 127.0.0.1 is ever contacted. The server gets a
throw-away ``SECRET_KEY`` and encryption key (benchmarks/run.py's), and is stopped at the end,
also on error.

``--quick`` (``make bench-quick``, CI): 20 people for 20 s, 0.5–2 s between actions, on 200
groups in ``entraide_bench_load_quick``; the report goes to a temporary file; fails on any 500,
any lost write, any exception in the server's log, or a kind of request that never succeeded.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psycopg

from benchmarks import run as bench

ROOT = bench.ROOT
OUT = bench.OUT
DOC = bench.DOC
HOST = bench.HOST
START = "<!-- load:start -->"
END = "<!-- load:end -->"
SEED = 18_002
RESPONSES = ["coming", "maybe", "not_coming"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Ends of a run the server may log when the load stops with requests in flight (run.py's list).
AT_THE_END_OF_A_RUN = bench.AT_THE_END_OF_A_RUN

# The kinds of request, in the report's order; the writes are checked in the database.
KINDS = [
    "home",
    "group page",
    "organisation page",
    "search, text",
    "search, place",
    "sign-in form",
    "sign-in",
    "group space",
    "meeting page",
    "RSVP",
    "carnet form",
    "carnet write",
]
WRITES = {"RSVP", "carnet write"}
PUBLIC = [("home", 20), ("group page", 30), ("organisation page", 10), ("text", 25), ("place", 15)]
MEMBER = [("public", 45), ("space", 20), ("rsvp", 20), ("carnet", 15)]
WORDS = [
    "écoute", "parole", "entraide", "soutien", "rencontre", "café", "proches", "parents",
    "jeunes", "seniors", "femmes", "hommes", "en ligne", "soirée", "week-end", "gratuit",
]  # fmt: skip
FEELINGS = [
    "Un peu fatigué·e en arrivant, plus léger en repartant.",
    "J'ai osé parler pour la première fois.",
    "Beaucoup d'émotion ce soir, et de la chaleur.",
    "Content·e d'avoir retrouvé le groupe.",
]


@dataclass(slots=True)
class Sample:
    kind: str
    status: int | None  # None: no answer
    error: str  # "", "timeout" or "connection"
    ms: float
    retry_after: bool


@dataclass(slots=True)
class Write:
    kind: str
    person: int
    key: str  # the meeting's id, or the carnet page's day
    value: str  # the answer given
    outcome: str  # acknowledged, refused (503), unknown (no answer, other 5xx), rejected
    at: float


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)


@dataclass
class Site:
    """What the virtual people pick from: the seeded database's groups, towns and people."""

    group_slugs: list[str]
    organisation_slugs: list[str]
    postal_codes: list[str]
    towns: list[str]
    people: list[dict[str, Any]]
    password: str


def log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", flush=True)


def use_database(name: str) -> None:
    """Point benchmarks/run.py's helpers (recreate, analyse, app_env) at this database."""
    bench.DB_NAME = name
    bench.DATABASE_URL = f"postgres://postgres@{HOST}:5432/{name}"


# --- the database --------------------------------------------------------------------------


def prepare_database(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    manifest = OUT / f"load-people{'-quick' if args.quick else ''}.json"
    groups_manifest = OUT / f"load-seed{'-quick' if args.quick else ''}.json"
    # Always made anew: the encrypted fields are written with this run's throw-away key.
    bench.recreate_database()
    bench.run([sys.executable, "manage.py", "migrate", "--noinput"], env, "migrate")
    out = bench.run(
        [sys.executable, "-m", "benchmarks.seed", "--groups", str(args.groups),
         "--manifest", str(groups_manifest)],
        env,
        "seed the groups",
    )  # fmt: skip
    log(out.strip())
    out = bench.run(
        [sys.executable, "-m", "benchmarks.people", "--accounts", str(args.accounts),
         "--groups", str(args.member_groups), "--manifest", str(manifest)],
        env,
        "seed the people",
    )  # fmt: skip
    log(out.strip())
    bench.analyse()
    bench.run([sys.executable, "manage.py", "collectstatic", "--noinput"], env, "collectstatic")
    people: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
    return people


def read_site(people: dict[str, Any]) -> Site:
    prefix = {"FR": "", "BE": "B-", "CH": "CH-"}
    with psycopg.connect(bench.DATABASE_URL) as conn:
        slugs = [
            row[0]
            for row in conn.execute(
                "SELECT slug FROM directory_supportgroup WHERE is_published ORDER BY id"
            )
        ]
        organisations = [
            row[0]
            for row in conn.execute("SELECT slug FROM organisations_organisation ORDER BY id")
        ]
        codes = [
            f"{prefix.get(country, '')}{code}"
            for country, code in conn.execute(
                "SELECT DISTINCT country, postal_code FROM directory_supportgroup "
                "WHERE postal_code <> '' ORDER BY country, postal_code"
            )
        ]
        towns = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT town FROM directory_supportgroup WHERE town <> '' ORDER BY town"
            )
        ]
    return Site(slugs, organisations, codes, towns, people["people"], people["password"])


def count_lost(recorder: Recorder, people: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per kind of write: acknowledged, refused, unknown, rejected, and lost (acknowledged but
    not in the database), from the database after the run."""
    ids = [person["id"] for person in people]
    with psycopg.connect(bench.DATABASE_URL) as conn:
        pages = {
            (author, day.isoformat())
            for author, day in conn.execute(
                "SELECT author_id, day FROM carnet_entry WHERE author_id = ANY(%s)", [ids]
            )
        }
        answers = {
            (user, str(meeting)): response
            for meeting, user, response in conn.execute(
                "SELECT meeting_id, user_id, response FROM meetings_answer WHERE user_id = ANY(%s)",
                [ids],
            )
        }
    result: dict[str, dict[str, int]] = {}
    for kind in sorted(WRITES):
        writes = [write for write in recorder.writes if write.kind == kind]
        counts = Counter(write.outcome for write in writes)
        lost = 0
        if kind == "carnet write":
            # Each page names a day of its own: found again by its author and its day.
            lost = sum(
                1
                for write in writes
                if write.outcome == "acknowledged" and (write.person, write.key) not in pages
            )
            in_db = sum(1 for write in writes if (write.person, write.key) in pages)
        else:
            # An answer replaces the previous one: the database must hold the last acknowledged
            # answer, or one given after it whose fate the script could not know.
            by_pair: dict[tuple[int, str], list[Write]] = defaultdict(list)
            for write in sorted(writes, key=lambda w: w.at):
                by_pair[(write.person, write.key)].append(write)
            for pair, attempts in by_pair.items():
                acked = [i for i, w in enumerate(attempts) if w.outcome == "acknowledged"]
                if not acked:
                    continue
                last = acked[-1]
                allowed = {attempts[last].value} | {
                    w.value for w in attempts[last + 1 :] if w.outcome != "rejected"
                }
                if answers.get(pair) not in allowed:
                    lost += 1
            in_db = sum(1 for pair in by_pair if pair in answers)
        result[kind] = {
            "attempts": len(writes),
            "acknowledged": counts["acknowledged"],
            "refused": counts["refused"],
            "unknown": counts["unknown"],
            "rejected": counts["rejected"],
            "in_db": in_db,
            "lost": lost,
        }
    return result


# --- the virtual people ----------------------------------------------------------------------


class Person:
    """One virtual person: a browser of their own (cookies, address) and their own habits."""

    def __init__(
        self,
        number: int,
        site: Site,
        recorder: Recorder,
        base_url: str,
        args: argparse.Namespace,
        deadline: float,
    ) -> None:
        self.number = number
        self.rng = random.Random(SEED * 1000 + number)
        self.site = site
        self.recorder = recorder
        self.args = args
        self.deadline = deadline
        # Two people in three are members with an account; the others only visit.
        self.account = site.people[number] if number % 3 != 2 else None
        self.pages_written = 0
        self.actions = 0
        # The browser's cookies, kept here: the session and CSRF cookies are Secure (DEBUG
        # off), which httpx's own jar would not send back over plain HTTP on loopback.
        self.cookies: dict[str, str] = {}
        self.client = httpx.AsyncClient(
            base_url=base_url,
            follow_redirects=False,
            timeout=httpx.Timeout(args.timeout),
            # One connection per request, as a proxy opens towards the app by default.
            limits=httpx.Limits(max_keepalive_connections=0, max_connections=4),
            headers={
                "X-Forwarded-For": f"10.{number // 250}.{number % 250}.{1 + number % 200}",
                "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5",
                "Accept-Encoding": "gzip, br",
                "User-Agent": f"entraide-load/{number}",
            },
        )

    # Time --------------------------------------------------------------------------------

    def time_left(self) -> float:
        return self.deadline - time.monotonic()

    async def think(self, low: float | None = None, high: float | None = None) -> bool:
        """Wait as a reader does; False once the run is over."""
        # Filling a form (low, high) takes longer than reading; both shrink in a quick run.
        scale = self.args.think_max / 5
        pause = self.rng.uniform(
            self.args.think_min if low is None else low * scale,
            self.args.think_max if high is None else high * scale,
        )
        if self.time_left() <= pause:
            return False
        await asyncio.sleep(pause)
        return True

    # Requests ----------------------------------------------------------------------------

    async def call(
        self, kind: str, method: str, path: str, data: dict[str, str] | None = None
    ) -> httpx.Response | None:
        started = time.perf_counter()
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Referer"] = f"{self.client.base_url}"
        self.client.cookies.clear()
        try:
            response = await self.client.request(method, path, data=data, headers=headers)
        except httpx.TimeoutException:
            self.record(kind, None, "timeout", started)
            return None
        except httpx.TransportError:
            self.record(kind, None, "connection", started)
            return None
        self.record(kind, response.status_code, "", started, "retry-after" in response.headers)
        self.cookies.update({cookie.name: cookie.value or "" for cookie in response.cookies.jar})
        return response

    def record(
        self, kind: str, status: int | None, error: str, started: float, retry: bool = False
    ) -> None:
        ms = (time.perf_counter() - started) * 1000
        self.recorder.samples.append(Sample(kind, status, error, ms, retry))

    def write(self, kind: str, key: str, value: str, response: httpx.Response | None) -> None:
        if response is None or (response.status_code >= 500 and response.status_code != 503):
            outcome = "unknown"
        elif response.status_code == 503:
            outcome = "refused"
        elif 300 <= response.status_code < 400:
            outcome = "acknowledged"
        else:
            outcome = "rejected"  # a form error or a refusal: nothing was promised
        person = self.account["id"] if self.account else 0
        self.recorder.writes.append(Write(kind, person, key, value, outcome, time.monotonic()))

    # Actions -----------------------------------------------------------------------------

    def text_query(self) -> str:
        word = self.rng.choice(bench.TEXT_QUERIES)
        roll = self.rng.random()
        if roll < 0.4:
            return f"{word} {self.rng.choice(self.site.towns).lower()}"
        if roll < 0.6:
            return f"{word} {self.rng.choice(WORDS)}"
        return word

    async def public(self) -> None:
        what = self.rng.choices([k for k, _ in PUBLIC], weights=[w for _, w in PUBLIC])[0]
        if what == "home":
            await self.call("home", "GET", "/")
        elif what == "group page":
            await self.call(
                "group page", "GET", f"/groupes/{self.rng.choice(self.site.group_slugs)}/"
            )
        elif what == "organisation page":
            slug = self.rng.choice(self.site.organisation_slugs)
            await self.call("organisation page", "GET", f"/organisations/{slug}/")
        elif what == "text":
            await self.call(
                "search, text", "GET", f"/groupes/?{urlencode({'q': self.text_query()})}"
            )
        else:
            query = {
                "place": self.rng.choice(self.site.postal_codes),
                "radius": self.rng.choice([5, 10, 20, 30, 50]),
            }
            await self.call("search, place", "GET", f"/groupes/?{urlencode(query)}")

    async def sign_in(self) -> bool:
        assert self.account is not None
        page = await self.call("sign-in form", "GET", "/compte/login/")
        token = CSRF.search(page.text) if page is not None and page.status_code == 200 else None
        if token is None or not await self.think(2, 6):  # typing the address and the password
            return False
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "login": self.account["email"],
            "password": self.site.password,
        }
        answer = await self.call("sign-in", "POST", "/compte/login/", data)
        return answer is not None and answer.status_code == 302

    async def space(self) -> None:
        assert self.account is not None
        group = self.rng.choice(self.account["groups"])
        await self.call("group space", "GET", f"/mes-groupes/{group['slug']}/")

    async def rsvp(self) -> None:
        assert self.account is not None
        group = self.rng.choice(self.account["groups"])
        meeting = self.rng.choice(group["meetings"])
        path = f"/mes-groupes/{group['slug']}/rencontres/{meeting}/"
        page = await self.call("meeting page", "GET", path)
        token = CSRF.search(page.text) if page is not None and page.status_code == 200 else None
        if token is None or not await self.think(1, 3):
            return
        response = self.rng.choice(RESPONSES)
        data = {"csrfmiddlewaretoken": token.group(1), "response": response}
        answer = await self.call("RSVP", "POST", f"{path}reponse/", data)
        self.write("RSVP", str(meeting), response, answer)

    async def carnet(self) -> None:
        page = await self.call("carnet form", "GET", "/mon-carnet/ecrire/")
        token = CSRF.search(page.text) if page is not None and page.status_code == 200 else None
        if token is None or not await self.think(3, 8):  # writing a few lines
            return
        # Each page names a day of its own, so that it can be found again after the run.
        day = dt.date(2001, 1, 1) + dt.timedelta(days=self.pages_written)
        self.pages_written += 1
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "day": day.isoformat(),
            "mood": str(self.rng.randint(1, 5)),
            "feeling": self.rng.choice(FEELINGS),
            "takeaway": "Une phrase de Claire : « on avance à son rythme ».",
            "next_time": "",
        }
        answer = await self.call("carnet write", "POST", "/mon-carnet/ecrire/", data)
        self.write("carnet write", day.isoformat(), "", answer)

    async def member_action(self) -> None:
        if self.args.quick:
            # A short run takes every path in turn, so that none goes unchecked.
            what = ["carnet", "rsvp", "space", "public"][self.actions % len(MEMBER)]
            self.actions += 1
        else:
            what = self.rng.choices([k for k, _ in MEMBER], weights=[w for _, w in MEMBER])[0]
        if what == "public":
            await self.public()
        elif what == "space":
            await self.space()
        elif what == "rsvp":
            await self.rsvp()
        else:
            await self.carnet()

    async def visit(self) -> bool:
        """One visit, from a fresh browser; False once the run is over."""
        self.cookies.clear()
        if self.account is None:
            for _ in range(self.rng.randint(3, 10)):
                await self.public()
                if not await self.think():
                    return False
            return True
        for _ in range(self.rng.randint(0, 2)):
            await self.public()
            if not await self.think():
                return False
        signed_in = False
        for _ in range(3):
            signed_in = await self.sign_in()
            if signed_in or not await self.think():
                break
        if self.time_left() <= 0:
            return False
        for _ in range(self.rng.randint(6, 16)):
            await (self.member_action() if signed_in else self.public())
            if not await self.think():
                return False
        return True

    async def live(self) -> None:
        # People do not all arrive in the same second.
        await asyncio.sleep(self.rng.uniform(0, min(5.0, self.args.think_max)))
        try:
            while self.time_left() > 0 and await self.visit():
                pass
        finally:
            await self.client.aclose()


async def drive(site: Site, port: int, args: argparse.Namespace) -> tuple[Recorder, float]:
    recorder = Recorder()
    started = time.monotonic()
    deadline = started + args.duration
    people = [
        Person(number, site, recorder, f"http://{HOST}:{port}", args, deadline)
        for number in range(args.users)
    ]
    tasks = [asyncio.create_task(person.live()) for person in people]
    # Bounded: the requests begun before the deadline get one timeout to finish.
    _done, pending = await asyncio.wait(tasks, timeout=args.duration + args.timeout + 10)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in _done:
        failure = task.exception()
        if failure is not None:
            raise failure
    return recorder, time.monotonic() - started


# --- the server ------------------------------------------------------------------------------


@contextlib.contextmanager
def app_server(env: dict[str, str], port: int, log_path: Path) -> Iterator[int]:
    """uvicorn as in production behind a proxy: two workers, proxy headers from 127.0.0.1."""
    command = [
        sys.executable, "-m", "uvicorn", "entraide.asgi:application",
        "--workers", str(bench.WORKERS), "--host", HOST, "--port", str(port),
        "--proxy-headers", "--forwarded-allow-ips", HOST,
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    OUT.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as server_log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            bench.wait_until_ready(process, port, log_path)
            log(f"uvicorn ({bench.WORKERS} workers) answers on http://{HOST}:{port}/")
            yield process.pid
        finally:
            bench.stop_server(process)


def app_settings(env: dict[str, str]) -> dict[str, Any]:
    """The pool, admission and cache settings the app applies with this environment."""
    output = bench.run(
        [
            sys.executable, "manage.py", "shell", "-c",
            "import json; from django.conf import settings as s; print(json.dumps({"
            "'pool': s.DATABASES['default'].get('OPTIONS', {}).get('pool'), "
            "'max_concurrent': s.MAX_CONCURRENT_REQUESTS, "
            "'queue_seconds': s.REQUEST_QUEUE_SECONDS, "
            "'search_cache_seconds': s.SEARCH_CACHE_SECONDS, "
            "'cache': s.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}))",
        ],
        env,
        "read the app's settings",
    )  # fmt: skip
    settings: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return settings


# --- figures and report ----------------------------------------------------------------------


def percentile(values: list[float], share: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


@dataclass
class Row:
    kind: str
    requests: int
    ok: int
    client_errors: int
    e500: int
    e503: int
    e503_without_retry: int
    other_5xx: int
    timeouts: int
    connection: int
    p50: float
    p95: float
    p99: float
    statuses: Counter[int]


def row_for(kind: str, samples: list[Sample]) -> Row:
    statuses = Counter(s.status for s in samples if s.status is not None)
    times = [s.ms for s in samples if s.status is not None]
    return Row(
        kind=kind,
        requests=len(samples),
        ok=sum(n for status, n in statuses.items() if 200 <= status < 400),
        client_errors=sum(n for status, n in statuses.items() if 400 <= status < 500),
        e500=statuses[500],
        e503=statuses[503],
        e503_without_retry=sum(1 for s in samples if s.status == 503 and not s.retry_after),
        other_5xx=sum(n for status, n in statuses.items() if status > 500 and status != 503),
        timeouts=sum(1 for s in samples if s.error == "timeout"),
        connection=sum(1 for s in samples if s.error == "connection"),
        p50=percentile(times, 50),
        p95=percentile(times, 95),
        p99=percentile(times, 99),
        statuses=statuses,
    )


def rows(recorder: Recorder) -> list[Row]:
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for sample in recorder.samples:
        by_kind[sample.kind].append(sample)
    result = [row_for(kind, by_kind[kind]) for kind in KINDS if by_kind[kind]]
    result.append(row_for("all", recorder.samples))
    return result


def thousands(value: int) -> str:
    return f"{value:,}"


def machine(load_start: str, load_end: str, settings: dict[str, Any]) -> str:
    db = bench.database_facts()
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    pool = settings["pool"] or {}
    return (
        f"{platform.machine()} with {len(os.sched_getaffinity(0))} CPUs ({cpu}), shared with "
        f"other work (load average {load_start} at the start, {load_end} at the end): the "
        f"figures are indicative. Python {platform.python_version()}, Django "
        f"{importlib.metadata.version('django')}, uvicorn {importlib.metadata.version('uvicorn')} "
        f"(`--workers {bench.WORKERS} --proxy-headers`), httpx "
        f"{importlib.metadata.version('httpx')}, PostgreSQL {db['version']} "
        f"(database {db['size']}), cache {settings['cache']}; DEBUG off; per process a pool of "
        f"{pool.get('max_size', '?')} connections (timeout {pool.get('timeout', '?')} s), at "
        f"most {settings['max_concurrent']} requests at once, then a wait of up to "
        f"{settings['queue_seconds']} s before a 503; search results cached "
        f"{settings['search_cache_seconds']} s. Commit {commit or '?'}."
    )


def targets(table: list[Row], lost: dict[str, dict[str, int]]) -> list[tuple[str, str, bool]]:
    total = table[-1]
    five = total.e500 + total.e503 + total.other_5xx
    return [
        ("No request ends in 500 because of load", f"{total.e500} × 500", total.e500 == 0),
        (
            "Every 503 says when to come back (`Retry-After`)",
            f"{total.e503_without_retry} of {thousands(total.e503)} without",
            total.e503_without_retry == 0,
        ),
        (
            "Writes lost (acknowledged, not in the database): 0",
            ", ".join(f"{kind}: {counts['lost']}" for kind, counts in lost.items()),
            all(counts["lost"] == 0 for counts in lost.values()),
        ),
        (
            "0 errors of status 5xx (the closing note's line)",
            f"{thousands(five)} (500: {total.e500}, 503: {thousands(total.e503)}, "
            f"other: {total.other_5xx})",
            five == 0,
        ),
        (
            "No timeout or dropped connection",
            f"{total.timeouts} timeouts, {total.connection} connection errors",
            total.timeouts + total.connection == 0,
        ),
    ]


def section(
    *,
    started: dt.datetime,
    args: argparse.Namespace,
    people: dict[str, Any],
    table: list[Row],
    lost: dict[str, dict[str, int]],
    seconds: float,
    facts: str,
    server_errors: dict[str, int],
    served: Row,
    driver_cpu: float,
) -> list[str]:
    total = table[-1]
    checks = targets(table, lost)
    lines = [
        START,
        "## Load: 200 people for 3 minutes (issue 18, part 2)",
        "",
        f"Written by `make bench-load` (`benchmarks/load.py{' --quick' if args.quick else ''}`) "
        f"on {started:%Y-%m-%d %H:%M} UTC, one run. {args.users} virtual people for "
        f"{args.duration:.0f} s ({seconds:.0f} s with the last answers), waiting "
        f"{args.think_min:g}–{args.think_max:g} s between actions, each request on a new "
        f"connection, timeout {args.timeout:.0f} s. Database `{bench.DB_NAME}`: "
        f"{thousands(args.groups)} published groups (benchmarks/seed.py), "
        f"{thousands(args.accounts)} accounts with a verified e-mail, "
        f"{thousands(people['memberships'])} memberships in {people['groups']} groups with "
        f"{people['meetings']} planned meetings (benchmarks/people.py). A third of the people "
        "only visit (home, group and organisation pages, text and place searches made anew from "
        "words, towns and postal codes); the others sign in on each visit and then mix public "
        "pages, their group's space, answers to a meeting and new carnet pages.",
        "",
        f"Machine: {facts}",
        "",
        "| target | measured | result |",
        "| --- | --- | --- |",
        *(f"| {name} | {value} | {'pass' if ok else '**FAIL**'} |" for name, value, ok in checks),
        "",
        f"{thousands(total.requests)} requests, {total.requests / seconds:.1f} per second "
        f"({thousands(total.ok)} answered 2xx/3xx: {total.ok / seconds:.1f} per second); "
        f"p50 {total.p50:.0f} ms, p95 {total.p95:.0f} ms, p99 {total.p99:.0f} ms over every "
        f"answer, and p50 {served.p50:.0f} ms, p95 {served.p95:.0f} ms, p99 "
        f"{served.p99:.0f} ms over the 2xx/3xx ones. A 503 is the admission limit's refusal "
        "after the queue's wait (or a pool timeout's), with `Retry-After`. The load script "
        f"itself used {driver_cpu:.0f} s of CPU in these {seconds:.0f} s, on the same cores as "
        "the server. Times in ms:",
        "",
        "| request | requests | 2xx/3xx | 4xx | 500 | 503 | other 5xx | timeouts | "
        "connection errors | p50 | p95 | p99 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {'**all**' if r.kind == 'all' else r.kind} | {thousands(r.requests)} | "
            f"{thousands(r.ok)} | {thousands(r.client_errors)} | {thousands(r.e500)} | "
            f"{thousands(r.e503)} | {thousands(r.other_5xx)} | {thousands(r.timeouts)} | "
            f"{thousands(r.connection)} | {r.p50:.0f} | {r.p95:.0f} | {r.p99:.0f} |"
            for r in table
        ),
        "",
        "Writes, counted in the database after the run (acknowledged: a redirect after the "
        "form; refused: a 503, the person is asked to retry; unknown: no answer, the write may "
        "or may not have happened; lost: acknowledged but not in the database):",
        "",
        "| write | attempts | acknowledged | refused (503) | unknown | rejected | "
        "in the database | lost |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {kind} | {c['attempts']} | {c['acknowledged']} | {c['refused']} | "
            f"{c['unknown']} | {c['rejected']} | {c['in_db']} | {c['lost']} |"
            for kind, c in lost.items()
        ),
        "",
        'An answer to a meeting replaces the person\'s previous one: "in the database" counts '
        "the (person, meeting) pairs that hold one, and an answer is lost when the database holds "
        "neither the last acknowledged one nor one given after it.",
    ]
    if server_errors:
        lines += [
            "",
            "The server logged these exceptions:",
            "",
            *(f"- {count} × `{message}`" for message, count in server_errors.items()),
        ]
    else:
        lines += ["", "The server logged no exception."]
    lines.append(END)
    return lines


def write_section(doc: Path, lines: list[str]) -> None:
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + "\n".join(lines) + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")


# --- main ----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=200, help="virtual people at once")
    parser.add_argument("--duration", type=float, default=180, help="seconds of load")
    parser.add_argument("--groups", type=int, default=10_000, help="published groups to seed")
    parser.add_argument("--accounts", type=int, default=300, help="accounts to seed")
    parser.add_argument("--member-groups", type=int, default=40, help="groups with members")
    parser.add_argument("--think-min", type=float, default=1.0, help="seconds between actions")
    parser.add_argument("--think-max", type=float, default=5.0, help="seconds between actions")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--report", type=Path, help="where to write (default docs/benchmarks.md)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="CI: 20 people for 20 s on 200 groups, report in a temporary file, fails on a 500, "
        "a lost write, a server exception or a kind of request that never succeeded",
    )
    args = parser.parse_args()
    if args.quick:
        args.users, args.duration, args.groups = 20, 20.0, 200
        args.accounts, args.member_groups = 40, 8
        args.think_min, args.think_max = 0.5, 2.0
    if not 1 <= args.users <= 1000 or not 1 <= args.duration <= 900:
        parser.error("users must be 1–1000 and duration 1–900 s")
    if args.accounts < args.users:
        parser.error("each virtual person needs an account: --accounts ≥ --users")
    return args


def main() -> int:
    args = parse_args()
    use_database("entraide_bench_load_quick" if args.quick else "entraide_bench_load")
    doc = args.report.resolve() if args.report else DOC
    if args.quick and not args.report:
        doc = Path(tempfile.mkdtemp(prefix="entraide-load-")) / "benchmarks.md"
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    use_redis = bench.port_open(bench.REDIS_HOST, bench.REDIS_PORT)
    if not use_redis:
        log("Redis is not running on 127.0.0.1:6379: the cache falls back to local memory")
    env = bench.app_env(use_redis, 60)
    OUT.mkdir(parents=True, exist_ok=True)
    people = prepare_database(args, env)
    site = read_site(people)
    settings = app_settings(env)
    if use_redis:
        bench.flush_bench_cache()  # no sign-in limit or cached page left from an earlier run
    log_path = OUT / f"server-load{'-quick' if args.quick else ''}.log"
    load_start = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    port = bench.free_port()
    with app_server(env, port, log_path):
        log(f"{args.users} people for {args.duration:.0f} s")
        cpu_before = time.process_time()
        recorder, seconds = asyncio.run(drive(site, port, args))
        driver_cpu = time.process_time() - cpu_before
    load_end = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    server_errors = bench.server_error_summary(log_path)
    lost = count_lost(recorder, site.people)
    table = rows(recorder)

    print()
    print(
        f"{'request':18} {'n':>6} {'ok':>6} {'4xx':>5} {'500':>5} {'503':>5} {'5xx':>5} "
        f"{'t/o':>5} {'conn':>5} {'p50':>7} {'p95':>7} {'p99':>7}"
    )
    for r in table:
        print(
            f"{r.kind:18} {r.requests:6} {r.ok:6} {r.client_errors:5} {r.e500:5} {r.e503:5} "
            f"{r.other_5xx:5} {r.timeouts:5} {r.connection:5} {r.p50:7.0f} {r.p95:7.0f} "
            f"{r.p99:7.0f}"
        )
    for kind, counts in lost.items():
        print(f"{kind}: {counts}")
    facts = machine(load_start, load_end, settings)
    lines = section(
        started=started,
        args=args,
        people=people,
        table=table,
        lost=lost,
        seconds=seconds,
        facts=facts,
        server_errors=server_errors,
        served=row_for("served", [s for s in recorder.samples if s.status and s.status < 400]),
        driver_cpu=driver_cpu,
    )
    write_section(doc, lines)
    log(f"wrote {doc}")
    print()
    for name, value, ok in targets(table, lost):
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    for message, count in server_errors.items():
        print(f"server: {count} × {message}")
    log(f"total {time.perf_counter() - clock:.0f} s")
    if not args.quick:
        return 0
    problems = []
    total = table[-1]
    if total.e500:
        problems.append(f"{total.e500} requests ended in 500")
    for kind, counts in lost.items():
        if counts["lost"]:
            problems.append(f"{counts['lost']} {kind} lost")
    for message, count in server_errors.items():
        if not any(known in message for known in AT_THE_END_OF_A_RUN):
            problems.append(f"the server logged {count} × {message}")
    succeeded = {r.kind for r in table if r.ok}
    problems += [f"no {kind} succeeded" for kind in KINDS if kind not in succeeded]
    for problem in problems:
        print(f"quick run: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except bench.BenchError as error:
        print(f"\nbenchmark failed: {error}", file=sys.stderr)
        sys.exit(1)
