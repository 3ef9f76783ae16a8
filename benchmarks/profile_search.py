"""Where the time of one search request goes: SQL (with EXPLAIN ANALYZE) and Python (cProfile).

Runs in-process with Django's test client against the database `make bench` seeded, with the
production settings (DEBUG off), so it needs no server. The rendered results cache is off
(``SEARCH_CACHE_SECONDS=0``) unless the environment sets it, so that every request computes
its search (the stored ``search_vector`` and its GIN index on PostgreSQL) instead of
profiling a cache hit. Usage::

    .venv/bin/python -m benchmarks.profile_search                 # the default paths
    .venv/bin/python -m benchmarks.profile_search "/groupes/?q=deuil" --repeat 50
    SEARCH_CACHE_SECONDS=60 .venv/bin/python -m benchmarks.profile_search   # cache hits

Prints, for each path: the mean and median time of a request, the SQL queries of one request
with their time and plan, and the functions that take the most time over all repetitions.
The full text also goes to benchmarks/out/profile.txt.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import secrets
import statistics
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/entraide_bench")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DB_CONN_MAX_AGE", "60")
os.environ.setdefault("SEARCH_CACHE_SECONDS", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

OUT = Path(__file__).resolve().parent / "out" / "profile.txt"
DEFAULT_PATHS = [
    "/groupes/?q=deuil",
    "/groupes/?q=proches+aidants",
    "/groupes/?place=75000&radius=20",
    "/groupes/?place=61140&radius=20",
]


def profile_path(client: Client, path: str, repeat: int, top: int) -> str:
    out = io.StringIO()
    response = client.get(path)  # warm-up: places index, templates, connection
    assert response.status_code == 200, f"{path} answered {response.status_code}"

    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        durations.append((time.perf_counter() - started) * 1000)

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        client.get(path)
        one = (time.perf_counter() - started) * 1000
    sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    out.write(f"\n{'=' * 100}\n{path}\n{'=' * 100}\n")
    out.write(
        f"{repeat} requests: mean {statistics.mean(durations):.1f} ms, median "
        f"{statistics.median(durations):.1f} ms, min {min(durations):.1f} ms\n"
        f"One request: {one:.1f} ms, {len(captured.captured_queries)} SQL queries taking "
        f"{sql_ms:.1f} ms (client side), {len(response.content)} bytes of HTML\n"
    )
    for number, query in enumerate(captured.captured_queries, 1):
        sql = query["sql"]
        out.write(f"\n--- query {number}: {float(query['time']) * 1000:.1f} ms\n{sql}\n")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(f"    {row[0]}" for row in cursor.fetchall())
        out.write(f"{plan}\n")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    for sort in ("cumulative", "tottime"):
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.strip_dirs().sort_stats(sort).print_stats(top)
        body = text.getvalue()
        out.write(f"\n--- cProfile over {repeat} requests, by {sort}\n")
        out.write(body[body.find("   ncalls") :])
    return out.getvalue()


def split(client: Client, paths: list[str], rounds: int) -> dict[str, float]:
    """Mean time per request over the paths, in-process: total, in SQL, and SQL queries.

    Each path is requested once to warm up, then ``rounds`` times measured (round after
    round, so that a pause of the machine spreads over paths); SQL time is measured around
    each query (driver included), the rest is Python: middleware, form, ORM, templates.
    """
    spent = [0.0, 0.0]

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += 1

    for path in paths:
        client.get(path)
    total = 0.0
    with connection.execute_wrapper(timed):
        for _ in range(rounds):
            for path in paths:
                started = time.perf_counter()
                response = client.get(path)
                total += time.perf_counter() - started
                assert response.status_code == 200, f"{path} answered {response.status_code}"
    count = len(paths) * rounds
    return {
        "total_ms": total / count * 1000,
        "sql_ms": spent[0] / count * 1000,
        "python_ms": (total - spent[0]) / count * 1000,
        "queries": spent[1] / count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Profile search requests in-process.")
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=30, help="functions shown by cProfile")
    parser.add_argument(
        "--split",
        type=Path,
        metavar="JSON",
        help="instead: read {name: [paths]} from this file, print the mean SQL/Python split",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="with --split: measured requests per path"
    )
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    if args.split:
        groups: dict[str, list[str]] = json.loads(args.split.read_text(encoding="utf-8"))
        database = settings.DATABASES["default"]
        effective = {
            "conn_max_age": database.get("CONN_MAX_AGE"),
            "pool": database.get("OPTIONS", {}).get("pool"),
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
            "search_cache_seconds": settings.SEARCH_CACHE_SECONDS,
        }
        splits = {name: split(client, paths, args.rounds) for name, paths in groups.items()}
        print(json.dumps({"splits": splits, "settings": effective}, default=str))
        return
    report = "".join(profile_path(client, path, args.repeat, args.top) for path in args.paths)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
