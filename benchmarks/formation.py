"""`make bench-formation`: the group-formation solver against the optimum and a baseline.

One run measures, on seeded instances that look like a French region's volunteers (a few towns
of varied size with a gaussian spread of 0.5-2 km, many villages, some isolated people):

- N = 50, 100, 200: our total against the true optimum from a MILP (scipy's HiGHS, two stages:
  most people placed, then least distance with that many placed);
- N = 1,000: our total against our own certified lower bound, and against k-means-constrained
  (clusters of the people we placed, host = the member minimising the cluster's walk);
- N = 10,000 and 100,000: time and peak memory of the solver alone, each in a fresh
  subprocess (its own peak resident size, VmHWM of /proc/self/status); k-means-constrained at
  10,000 takes minutes, so it only runs with --with-slow.

Then two dense cities (`dense_instance`: 60 % Lyon, 40 % Nantes, neighbourhood clusters,
several hundred people within walking distance of one another, 5 % scattered) at N = 1,000,
2,000 and 10,000, each solved in a fresh process (wall and CPU seconds, peak memory), against
k-means-constrained on the same placed people up to 2,000; `--dense-only` runs only these.

Every solution is checked by `verify()`. The gap is (total − bound) / bound, the solver's one
definition (`entraide.formation.gap`). The results replace the "Formation solver" and "Formation
solver: dense cities" sections of docs/benchmarks.md (between their markers), leaving the rest of
the file alone.

``--quick`` (``make bench-quick``, run by CI) takes the same path on small instances in a few
seconds: the MILP and k-means-constrained at N = 50, the subprocess at N = 10,000, a dense
city of 600 (the tier of issue 21's path, a few CPU seconds; 200 people take more); it
writes to a temporary file, never docs/benchmarks.md, and ignores the targets (an unsound
solution or a crash still fails it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array
from scipy.spatial import cKDTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.sections import replace_section, targets_table  # noqa: E402
from entraide.formation import (  # noqa: E402
    Constraints,
    Person,
    Solution,
    distance_km,
    solve,
    verify,
)
from entraide.formation import gap as formation_gap  # noqa: E402
from entraide.formation.geometry import km_to_chord, unit_vectors  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- formation:start -->", "<!-- formation:end -->"
# The seed of each dense size, when not the size itself: at N = 1,000, seed 4 is the city where
# the solver once left one person out and its "most placed" MILP tripled the walk (issue 21).
DENSE_SEEDS = {1_000: 4}
DENSE_START, DENSE_END = "<!-- formation-dense:start -->", "<!-- formation-dense:end -->"
KM_PER_DEGREE = 111.195
# A box in Brittany, where the instances are drawn.
LAT_RANGE, LON_RANGE = (47.5, 48.7), (-4.5, -1.5)


def instance(count: int, seed: int, labels: bool = False) -> list[Person]:
    """People in towns, villages and alone, deterministically from the seed."""
    rng = np.random.default_rng(seed)
    towns = max(2, count // 400)
    villages = max(3, count // 25)
    centres = [
        (
            rng.uniform(*LAT_RANGE),
            rng.uniform(*LON_RANGE),
            rng.uniform(0.5, 2.0),
            rng.pareto(1.2) + 1,
        )
        for _ in range(towns)
    ] + [
        (
            rng.uniform(*LAT_RANGE),
            rng.uniform(*LON_RANGE),
            rng.uniform(0.2, 0.6),
            0.3 * (rng.pareto(1.5) + 1),
        )
        for _ in range(villages)
    ]
    weights = np.array([centre[3] for centre in centres])
    isolated = count // 20
    chosen = rng.choice(len(centres), size=count - isolated, p=weights / weights.sum())
    points = []
    for centre in chosen.tolist():
        lat, lon, spread, _ = centres[centre]
        north, east = rng.normal(0, spread, 2)
        points.append(
            (
                lat + north / KM_PER_DEGREE,
                lon + east / (KM_PER_DEGREE * math.cos(math.radians(lat))),
            )
        )
    points += [(rng.uniform(*LAT_RANGE), rng.uniform(*LON_RANGE)) for _ in range(isolated)]
    people = []
    for number, (lat, lon) in enumerate(points):
        languages: frozenset[str] = frozenset()
        if labels:
            languages = frozenset(
                name
                for name, share in (("fr", 0.9), ("br", 0.2), ("en", 0.2))
                if rng.random() < share
            )
        people.append(Person(str(number), float(lat), float(lon), languages=languages))
    return people


# Two cities, as an organisation in Lyon and Nantes would have them: (lat, lon, radius km, share).
CITIES = ((45.76, 4.84, 5.0, 0.6), (47.22, -1.55, 4.0, 0.4))


def dense_instance(count: int, seed: int) -> list[Person]:
    """People in two dense cities (60 % Lyon, 40 % Nantes), in neighbourhood clusters of a
    few hundred metres, several hundred within walking distance of one another; 5 % scattered
    within 15 km of a city. Deterministic from the seed."""
    rng = np.random.default_rng(seed)
    scattered = count // 20
    points: list[tuple[float, float]] = []
    for number, (lat, lon, radius, share) in enumerate(CITIES):
        crowd = round((count - scattered) * share) if number == 0 else 0
        if number:
            crowd = count - scattered - len(points)
        clusters = max(3, crowd // 40)
        centres = []
        for _ in range(clusters):
            angle, distance = rng.uniform(0, 2 * math.pi), radius * math.sqrt(rng.uniform())
            centres.append(
                (distance * math.cos(angle), distance * math.sin(angle), rng.uniform(0.3, 1.0))
            )
        weights = rng.pareto(2.0, clusters) + 1
        chosen = rng.choice(clusters, size=crowd, p=weights / weights.sum())
        for centre in chosen.tolist():
            north_c, east_c, spread = centres[centre]
            north, east = rng.normal(0, spread, 2)
            points.append(_offset(lat, lon, north_c + north, east_c + east))
    for _ in range(scattered):
        lat, lon, _, _ = CITIES[int(rng.random() >= CITIES[0][3])]
        points.append(_offset(lat, lon, *rng.uniform(-15, 15, 2)))
    return [Person(str(number), lat, lon) for number, (lat, lon) in enumerate(points)]


def _offset(lat: float, lon: float, north_km: float, east_km: float) -> tuple[float, float]:
    return (
        float(lat + north_km / KM_PER_DEGREE),
        float(lon + east_km / (KM_PER_DEGREE * math.cos(math.radians(lat)))),
    )


def optimum(people: list[Person], rules: Constraints, time_limit: float) -> tuple[int, float, bool]:
    """Return (most placed, least km with that many placed, proven) from a two-stage MILP.

    x_ij (i walks to host j, pairs within reach), y_j (j hosts): each person at most once,
    x_ij <= y_j, (min - 1) y_j <= sum_i x_ij <= (max - 1) y_j. No labels: the instances
    compared here have none.
    """
    n = len(people)
    points = unit_vectors(np.array([p.lat for p in people]), np.array([p.lon for p in people]))
    lists: Any = cKDTree(points).query_ball_point(points, km_to_chord(rules.max_km) * (1 + 1e-9))
    pairs = [
        (i, j, distance_km(people[i], people[j]))
        for j in range(n)
        for i in lists[j]
        if i != j and distance_km(people[i], people[j]) <= rules.max_km
    ]
    variables = n + len(pairs)
    # Each person at most once: as a host, or walking to one.
    rows: list[int] = [*range(n), *(i for i, _, _ in pairs)]
    cols: list[int] = list(range(variables))
    values: list[float] = [1.0] * variables
    lower: list[float] = [0.0] * n
    upper: list[float] = [1.0] * n
    row = n
    for e, (_, j, _) in enumerate(pairs):  # x_ij <= y_j
        rows += [row, row]
        cols += [n + e, j]
        values += [1.0, -1.0]
        lower.append(-np.inf)
        upper.append(0.0)
        row += 1
    size_rows = row
    for j in range(n):  # group sizes
        rows += [size_rows + 2 * j, size_rows + 2 * j + 1]
        cols += [j, j]
        values += [-(rules.min_size - 1.0), -(rules.max_size - 1.0)]
        lower += [0.0, -np.inf]
        upper += [np.inf, 0.0]
    for e, (_, j, _) in enumerate(pairs):
        rows += [size_rows + 2 * j, size_rows + 2 * j + 1]
        cols += [n + e, n + e]
        values += [1.0, 1.0]
    matrix = coo_array((values, (rows, cols)), shape=(size_rows + 2 * n, variables)).tocsr()
    constraints = [LinearConstraint(matrix, lower, upper)]
    first = milp(
        -np.ones(variables),
        constraints=constraints,
        integrality=np.ones(variables, dtype=np.int64),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit},
    )
    assert first.fun is not None, first.message
    placed = round(-first.fun)
    cost = np.zeros(variables)
    cost[n:] = [km for _, _, km in pairs]
    constraints.append(LinearConstraint(np.ones((1, variables)), placed, np.inf))
    second = milp(
        cost,
        constraints=constraints,
        integrality=np.ones(variables, dtype=np.int64),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-6},
    )
    assert second.fun is not None
    return placed, float(second.fun), first.status == 0 and second.status == 0


def kmeans_baseline(
    people: list[Person], rules: Constraints, solution: Solution | list[str]
) -> dict[str, float]:
    """k-means-constrained on the people we placed (a solution, or their ids), on local km
    coordinates."""
    # No type information is published for this package.
    from k_means_constrained import KMeansConstrained

    by_id = {p.id: p for p in people}
    ids = (
        [m for group in solution.groups for m in group.members]
        if isinstance(solution, Solution)
        else solution
    )
    placed = [by_id[m] for m in ids]
    lat0 = float(np.mean([p.lat for p in placed]))
    xy = np.array(
        [
            [p.lon * KM_PER_DEGREE * math.cos(math.radians(lat0)), p.lat * KM_PER_DEGREE]
            for p in placed
        ]
    )
    started = time.perf_counter()
    clusters = math.ceil(len(placed) / 8)
    model = KMeansConstrained(
        n_clusters=clusters, size_min=rules.min_size, size_max=rules.max_size, random_state=0
    )
    labels = model.fit_predict(xy)
    seconds = time.perf_counter() - started
    total, beyond = 0.0, 0
    for cluster in range(clusters):
        members = [placed[i] for i in np.flatnonzero(labels == cluster)]
        walks = min(([distance_km(m, host) for m in members] for host in members), key=sum)
        total += sum(walks)
        beyond += sum(1 for walk in walks if walk > rules.max_km)
    return {"total": total, "beyond": beyond, "seconds": seconds, "people": len(placed)}


def measured(count: int, seed: int, kind: str = "instance") -> dict[str, Any]:
    """Solve in a fresh process: its time and peak memory are the solver's alone. `kind` is
    the generator (`instance`, sparse; `dense_instance`, two cities)."""
    code = f"""
import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.formation import {kind} as generate
from benchmarks.sections import peak_mb
from entraide.formation import Constraints, solve, verify
people = generate({count}, {seed})
rules = Constraints()
started, cpu = time.perf_counter(), time.process_time()
solution = solve(people, rules)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({{
    "seconds": seconds,
    "cpu": cpu,
    "placed_ids": [m for g in solution.groups for m in g.members],
    "maxrss_mb": peak_mb(),
    "placed": sum(len(g.members) for g in solution.groups),
    "unplaced": len(solution.unplaced),
    "groups": len(solution.groups),
    "total": solution.total_km,
    "bound": solution.lower_bound_km,
    "problems": len(verify(people, rules, solution)),
}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    figures: dict[str, Any] = json.loads(result.stdout)
    return figures


def gap(total: float, reference: float) -> float:
    """In per cent, (total - reference) / reference: the solver's one definition
    (`entraide.formation.gap`); infinite when the reference is 0 and the total is not."""
    fraction = formation_gap(total, reference)
    return math.inf if fraction is None else 100 * fraction


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--with-slow", action="store_true", help="k-means-constrained at 10,000")
    parser.add_argument("--milp-seconds", type=float, default=300.0, help="per MILP stage")
    parser.add_argument("--skip-100k", action="store_true")
    parser.add_argument(
        "--dense-only", action="store_true", help="only the dense cities (their own section)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small instances in a few seconds (CI), report in a temporary file, targets ignored",
    )
    parser.add_argument(
        "--report", type=Path, help="where to write the report (default docs/benchmarks.md)"
    )
    arguments = parser.parse_args()
    global DOC
    if arguments.report:
        DOC = arguments.report.resolve()
    elif arguments.quick:
        DOC = Path(tempfile.mkdtemp(prefix="entraide-bench-")) / "benchmarks.md"
    if arguments.quick:
        arguments.milp_seconds = min(arguments.milp_seconds, 30.0)
    started = dt.datetime.now(dt.UTC)
    if not arguments.dense_only:
        sparse(arguments, started)
    dense_counts = (600,) if arguments.quick else (1_000, 2_000, 10_000)
    dense(dense_counts, arguments, started)
    print(f"wrote {DOC}")
    return 0


def dense(counts: tuple[int, ...], arguments: argparse.Namespace, started: dt.datetime) -> None:
    """The two dense cities: each size solved in a fresh process (wall and CPU seconds, peak
    memory), checked by `verify()` there, and k-means-constrained on the same placed people
    up to N = 2,000 (or always, with --with-slow)."""
    rules = Constraints()
    checks: list[tuple[str, str, bool]] = []
    lines = [
        "| N | placed | unplaced | groups | ours km | bound km | gap | k-means-constrained km "
        "(beyond max_km) | ours vs k-means | wall s | CPU s | peak memory |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count in counts:
        seed = DENSE_SEEDS.get(count, count)
        run = measured(count, seed=seed, kind="dense_instance")
        assert run["problems"] == 0, "unsound solution"
        bound_gap = gap(run["total"], run["bound"])
        baseline: dict[str, float] | None = None
        if count <= 2_000 or arguments.with_slow:
            baseline = kmeans_baseline(dense_instance(count, seed), rules, run["placed_ids"])
        versus = "–"
        if baseline is not None:
            versus = f"{100 * (run['total'] / baseline['total'] - 1):+.1f} %"
        lines.append(
            f"| {count:,} | {run['placed']} | {run['unplaced']} | {run['groups']} "
            f"| {run['total']:.1f} | {run['bound']:.1f} | {bound_gap:.2f} % | "
            + (
                f"{baseline['total']:.1f} ({baseline['beyond']:.0f})"
                if baseline is not None
                else "not run"
            )
            + f" | {versus} | {run['seconds']:.1f} | {run['cpu']:.1f} | {run['maxrss_mb']:.0f} MB |"
        )
        print(lines[-1], flush=True)
        checks.append(
            (f"dense N = {count:,}: within 3 % of the bound", f"{bound_gap:.2f} %", bound_gap <= 3)
        )
        if baseline is not None:
            checks.append(
                (
                    f"dense N = {count:,}: less walking than k-means-constrained, same people",
                    f"{run['total']:.1f} km against {baseline['total']:.1f} km",
                    run["total"] < baseline["total"],
                )
            )
        if count >= 10_000:
            checks.append(
                (
                    f"dense N = {count:,}: ≤ 10 s and ≤ 500 MB",
                    f"{run['seconds']:.1f} s ({run['cpu']:.1f} CPU s), {run['maxrss_mb']:.0f} MB",
                    run["seconds"] <= 10 and run["maxrss_mb"] <= 500,
                )
            )
    section = [
        "## Formation solver: dense cities",
        "",
        f"Written by `make bench-formation` (`benchmarks/formation.py`, or `--dense-only`) on "
        f"{started:%Y-%m-%d %H:%M} UTC, {platform.machine()} with {_cpus()} CPUs, Python "
        f"{platform.python_version()}, load average at the end {_load()}; one run, min 6, "
        "max 10, max_km 2. Instances: `benchmarks/formation.py:dense_instance` (seeded; 60 % in "
        "Lyon, 40 % in Nantes, in neighbourhood clusters of 0.3-1 km, several hundred people "
        "within walking distance of one another; 5 % scattered within 15 km; seed = N, but "
        "seed 4 at N = 1,000, the city of issue 21's collapse). Each size is "
        "solved in a fresh process and its solution passed `verify()` (sizes, walking limit, "
        "each person once). The gap is (total − bound) / bound. k-means-constrained clusters "
        "the people we placed (host = the member minimising the walk); it ignores the walking "
        "limit, hence the column of people beyond it.",
        "",
        *targets_table(checks),
        "",
        *lines,
        "",
    ]
    replace_section(DOC, DENSE_START, DENSE_END, section)
    for target, value, ok in checks:
        print(f"{'pass' if ok else 'FAIL'}  {target}: {value}")


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def sparse(arguments: argparse.Namespace, started: dt.datetime) -> None:
    """The towns and villages of Brittany (the section between START and END)."""
    small = (50,) if arguments.quick else (50, 100, 200)
    medium = 50 if arguments.quick else 1000
    large = (10_000,) if arguments.quick or arguments.skip_100k else (10_000, 100_000)
    rules = Constraints()
    lines: list[str] = []
    checks: list[tuple[str, str, bool]] = []

    lines += [
        "| N | placed (ours / MILP) | ours km | optimum km | above optimum | bound km "
        "| ours s | MILP s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    solved: dict[int, tuple[list[Person], Solution]] = {}
    for count in small:
        people = instance(count, seed=count)
        solution = solve(people, rules)
        solved[count] = people, solution
        assert verify(people, rules, solution) == [], "unsound solution"
        placed = sum(len(g.members) for g in solution.groups)
        milp_started = time.perf_counter()
        best_placed, best_km, proven = optimum(people, rules, arguments.milp_seconds)
        milp_seconds = time.perf_counter() - milp_started
        above = gap(solution.total_km, best_km)
        lines.append(
            f"| {count} | {placed} / {best_placed} | {solution.total_km:.3f} | {best_km:.3f}"
            f"{'' if proven else ' (time limit)'} | {above:+.2f} % | {solution.lower_bound_km:.3f} "
            f"| {solution.seconds:.2f} | {milp_seconds:.1f} |"
        )
        checks.append(
            (
                f"N = {count}: within 0.5 % of the optimum, as many placed",
                f"{above:+.2f} %, {placed} / {best_placed} placed",
                above <= 0.5 and placed == best_placed,
            )
        )
        print(lines[-1], flush=True)

    if medium in solved:
        people, solution = solved[medium]
    else:
        people = instance(medium, seed=medium)
        solution = solve(people, rules)
    assert verify(people, rules, solution) == [], "unsound solution"
    baseline = kmeans_baseline(people, rules, solution)
    bound_gap = gap(solution.total_km, solution.lower_bound_km)
    saving = 100 * (1 - solution.total_km / baseline["total"])
    lines += [
        "",
        f"| N = {medium:,} | total km | vs our bound | beyond max_km | seconds |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| ours | {solution.total_km:.3f} | {bound_gap:+.2f} % | 0 | {solution.seconds:.2f} |",
        f"| k-means-constrained (same {baseline['people']} people) | {baseline['total']:.3f} "
        f"| {gap(baseline['total'], solution.lower_bound_km):+.2f} % | {baseline['beyond']} "
        f"| {baseline['seconds']:.1f} |",
    ]
    checks.append(
        (f"N = {medium:,}: within 3 % of our lower bound", f"{bound_gap:.2f} %", bound_gap <= 3)
    )
    checks.append(
        (
            f"N = {medium:,}: ≥ 5 % less distance than k-means-constrained",
            f"{saving:.1f} % less",
            saving >= 5,
        )
    )
    print("\n".join(lines[-4:]), flush=True)

    lines += [
        "",
        "| N | placed | unplaced | groups | total km | bound km | gap | seconds | peak memory |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count in large:
        run = measured(count, seed=count)
        assert run["problems"] == 0, "unsound solution"
        lines.append(
            f"| {count:,} | {run['placed']} | {run['unplaced']} | {run['groups']} "
            f"| {run['total']:.1f} | {run['bound']:.1f} | {gap(run['total'], run['bound']):.2f} % "
            f"| {run['seconds']:.1f} | {run['maxrss_mb']:.0f} MB |"
        )
        print(lines[-1], flush=True)
        if count == 10_000:
            checks.append(
                (
                    "N = 10,000: ≤ 10 s and < 1 GB",
                    f"{run['seconds']:.1f} s, {run['maxrss_mb']:.0f} MB",
                    run["seconds"] <= 10 and run["maxrss_mb"] < 1024,
                )
            )
        elif count == 100_000:
            checks.append(
                (
                    "N = 100,000: completes with its bound in a few minutes",
                    f"{run['seconds']:.0f} s",
                    run["seconds"] <= 300,
                )
            )
    if arguments.with_slow:
        people = instance(10_000, seed=10_000)
        solution = solve(people, rules)
        baseline = kmeans_baseline(people, rules, solution)
        lines += [
            "",
            f"k-means-constrained at N = 10,000 (same {baseline['people']} people): "
            f"{baseline['total']:.1f} km ({baseline['beyond']} beyond max_km) in "
            f"{baseline['seconds']:.0f} s; ours {solution.total_km:.1f} km.",
        ]

    write_section(started, checks, lines, arguments)
    for target, value, ok in checks:
        print(f"{'pass' if ok else 'FAIL'}  {target}: {value}")


def write_section(
    started: dt.datetime,
    checks: list[tuple[str, str, bool]],
    lines: list[str],
    arguments: argparse.Namespace,
) -> None:
    """Replace the section between the markers of docs/benchmarks.md, or append it."""
    section = [
        "## Formation solver",
        "",
        f"Written by `make bench-formation` (`benchmarks/formation.py`) on "
        f"{started:%Y-%m-%d %H:%M} UTC, {platform.machine()} with {_cpus()} CPUs, Python "
        f"{platform.python_version()}; one run, constraints min 6, max 10, max_km 2 "
        "(the defaults). Instances: `benchmarks/formation.py:instance` (seeded; towns, "
        "villages, 5 % isolated people, in Brittany). Every solution passed `verify()`."
        + (
            ""
            if arguments.with_slow
            else " k-means-constrained at N = 10,000 is only run with "
            "`--with-slow` (it takes minutes)."
        ),
        "",
        *targets_table(checks),
        "",
        *lines,
        "",
    ]
    replace_section(DOC, START, END, section)


def _cpus() -> int:
    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
