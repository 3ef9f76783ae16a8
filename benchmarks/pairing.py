"""`make bench-pairing`: the matching core against a dense assignment and a textbook algorithm.

One run, on a seeded instance that looks like a region's peer programme (5,000 seekers, 2,000
peers who each accompany 1 to 5 people, 50 choices each, see `instance`):

- `stable` (our deferred acceptance) and a plain textbook deferred acceptance in Python, on
  the same input: both must give the same matching (the seeker-optimal one is unique);
- `best` (our sparse assignment, scipy's LAPJVsp) and `scipy.optimize.linear_sum_assignment`
  on the expanded dense matrix (one column per place of each peer), the obvious alternative;
- each in a fresh subprocess that reads the JSON file, builds the problem, then solves: its
  time and its peak memory (the process's peak resident size, VmHWM of /proc/self/status:
  interpreter, numpy, scipy and the problem included, the honest figure; not ru_maxrss, which
  Linux carries over from the parent through fork and exec), with the peak before solving
  beside it;
- every matching checked independently in this process: `violations` (mutual pairs,
  capacities, each seeker once), `blocking_pairs` for stability, and the number of pairs and
  total score of `best` against HiGHS's optimum of the flow LP (`scipy.optimize.linprog`,
  method="highs", two stages: most pairs, then the highest score with that many; the LP of a
  bipartite b-matching has integral optimal vertices, so its optimum is the true one).

The results replace the "Pairing" section of docs/benchmarks.md (between its markers). Targets
(issue 17): `stable` ≤ 1 s and `best` ≤ 5 s, each under 500 MB; a missed target fails the run
(exit 1) in full mode only. ``--quick`` (``make bench-quick``, CI) takes the same path on 500
seekers and 200 peers in a few seconds and writes to a temporary file; an unsound matching or a
crash still fails it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment, linprog
from scipy.sparse import coo_array

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.sections import replace_section, targets_table  # noqa: E402
from entraide.pairing.core.matching import (  # noqa: E402
    Matching,
    Problem,
    blocking_pairs,
    parse,
    total_score,
    violations,
)

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- pairing:start -->", "<!-- pairing:end -->"
THEMES = 12
SLOTS = 21  # seven days, three parts of the day
LANGUAGES = (("fr", 0.97), ("en", 0.12), ("ar", 0.06), ("br", 0.04))
TARGETS = {"stable": (1.0, 500.0), "best": (5.0, 500.0)}


def instance(seekers: int, peers: int, choices: int, seed: int) -> dict[str, Any]:
    """A problem in the JSON shape, deterministically from the seed.

    People live in towns and villages of a 300 × 130 km region; each has themes (seekers one
    or two, peers one to three, some themes far commoner than others), languages, weekly
    availability (7 days × 3 parts) and may accept to meet by phone or video. The fit of a
    seeker and a peer is 0 without a shared language, else 0.4 × shared theme + 0.25 ×
    overlapping availability + 0.25 × closeness (exp(-km / 15), or 0.6 when both accept to
    meet from afar and that is better) + 0.1 × a pair's affinity; each side adds its own
    view (gaussian, σ 0.05). Each person lists the `choices` partners they score best.
    """
    rng = np.random.default_rng(seed)
    total = seekers + peers
    towns = max(3, total // 300)
    centres = rng.uniform((0, 0), (300, 130), size=(towns, 2))
    spread = rng.uniform(1, 6, size=towns)
    weight = rng.pareto(1.2, size=towns) + 1
    home = rng.choice(towns, size=total, p=weight / weight.sum())
    position = centres[home] + rng.normal(size=(total, 2)) * spread[home, None]
    popularity = 1 / np.arange(1, THEMES + 1) ** 0.8
    themes = np.zeros((total, THEMES), dtype=np.float32)
    for person in range(total):
        count = rng.integers(1, 3) if person < seekers else rng.integers(1, 4)
        themes[
            person, rng.choice(THEMES, size=count, replace=False, p=popularity / popularity.sum())
        ] = 1
    speaks = np.stack([rng.random(total) < share for _, share in LANGUAGES], axis=1).astype(
        np.float32
    )
    speaks[speaks.sum(axis=1) == 0, 0] = 1
    free = (rng.random((total, SLOTS)) < rng.uniform(0.15, 0.45, size=(total, 1))).astype(
        np.float32
    )
    free[free.sum(axis=1) == 0, rng.integers(SLOTS)] = 1
    remote = rng.random(total) < 0.4
    fit = np.empty((seekers, peers), dtype=np.float32)
    p = slice(seekers, total)
    for start in range(0, seekers, 500):
        s = slice(start, min(start + 500, seekers))
        km = np.sqrt(((position[s, None, :] - position[None, p, :]) ** 2).sum(axis=2))
        closeness = np.exp(-km / 15)
        closeness = np.where(
            remote[s, None] & remote[None, p], np.maximum(closeness, 0.6), closeness
        )
        shared_theme = (themes[s] @ themes[p].T > 0).astype(np.float32)
        overlap = (free[s] @ free[p].T) / np.minimum(
            free[s].sum(axis=1)[:, None], free[p].sum(axis=1)[None, :]
        )
        language = speaks[s] @ speaks[p].T > 0
        affinity = rng.random((s.stop - s.start, peers))
        fit[s] = np.where(
            language, 0.4 * shared_theme + 0.25 * overlap + 0.25 * closeness + 0.1 * affinity, 0
        )
    seeker_view = fit + rng.normal(0, 0.05, size=fit.shape).astype(np.float32)
    peer_view = fit + rng.normal(0, 0.05, size=fit.shape).astype(np.float32)
    seeker_view[fit == 0] = -np.inf
    peer_view[fit == 0] = -np.inf
    seeker_lists = np.argsort(-seeker_view, axis=1, kind="stable")[:, :choices]
    peer_lists = np.argsort(-peer_view.T, axis=1, kind="stable")[:, :choices]
    return {
        "seekers": [
            {
                "id": f"s{i}",
                "choices": [
                    {"peer": f"p{j}", "score": round(float(seeker_view[i, j]), 4)}
                    for j in seeker_lists[i].tolist()
                    if np.isfinite(seeker_view[i, j])
                ],
            }
            for i in range(seekers)
        ],
        "peers": [
            {
                "id": f"p{j}",
                "capacity": int(rng.integers(1, 6)),
                "choices": [
                    {"seeker": f"s{i}", "score": round(float(peer_view[i, j]), 4)}
                    for i in peer_lists[j].tolist()
                    if np.isfinite(peer_view[i, j])
                ],
            }
            for j in range(peers)
        ],
    }


def textbook(data: dict[str, Any]) -> Matching:
    """Deferred acceptance as in the textbooks, on the JSON as read: in rounds, every free
    seeker proposes to the next peer on their list (acceptable to that peer or not), each
    peer sorts the ones it holds and the newcomers it lists and keeps the first `capacity`."""
    wishes = {s["id"]: [c["peer"] for c in s["choices"]] for s in data["seekers"]}
    ranking = {p["id"]: {c["seeker"]: r for r, c in enumerate(p["choices"])} for p in data["peers"]}
    capacity = {p["id"]: p["capacity"] for p in data["peers"]}
    held: dict[str, list[str]] = {peer: [] for peer in capacity}
    following = dict.fromkeys(wishes, 0)
    free = list(wishes)
    while free:
        proposals: dict[str, list[str]] = {}
        for seeker in free:
            if following[seeker] < len(wishes[seeker]):
                peer = wishes[seeker][following[seeker]]
                following[seeker] += 1
                proposals.setdefault(peer, []).append(seeker)
        free = []
        for peer, newcomers in proposals.items():
            free += [s for s in newcomers if s not in ranking[peer]]
            candidates = held[peer] + [s for s in newcomers if s in ranking[peer]]
            candidates.sort(key=ranking[peer].__getitem__)
            held[peer], rejected = candidates[: capacity[peer]], candidates[capacity[peer] :]
            free += rejected
    pairs = sorted((seeker, peer) for peer, seekers in held.items() for seeker in seekers)
    matched = {seeker for seeker, _ in pairs}
    return Matching(tuple(pairs), tuple(sorted(set(wishes) - matched)))


def edges(problem: Problem) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The possible pairs as arrays: seeker index, peer index, both scores added."""
    seeker_index = {s.id: k for k, s in enumerate(problem.seekers)}
    peer_index = {p.id: k for k, p in enumerate(problem.peers)}
    theirs = {(c.partner, p.id): c.score for p in problem.peers for c in p.choices}
    found = [
        (seeker_index[s.id], peer_index[c.partner], c.score + theirs[s.id, c.partner])
        for s in problem.seekers
        for c in s.choices
        if (s.id, c.partner) in theirs
    ]
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    rows, columns, weights = zip(*found, strict=True)
    return np.array(rows), np.array(columns), np.array(weights, dtype=np.float64)


def dense(problem: Problem) -> Matching:
    """`linear_sum_assignment` on the expanded dense matrix: one row per seeker, one column
    per place of each peer (plus "alone" columns if there are fewer places than seekers), the
    same costs as `best` (a pair 2 - its scaled score, alone or an impossible pair rows + 3:
    with at least as many columns as rows, a seeker on an impossible place is simply alone)."""
    rows, peers, weights = edges(problem)
    count = len(problem.seekers)
    capacity = np.array([p.capacity for p in problem.peers], dtype=np.int64)
    first = np.concatenate(([0], np.cumsum(capacity)))
    places = int(first[-1])
    matrix = np.full((count, max(places, count)), count + 3.0)
    if len(weights):
        low, high = weights.min(), weights.max()
        scaled = (weights - low) / (high - low) if high > low else np.zeros_like(weights)
        for place in range(int(capacity.max())):
            has = capacity[peers] > place
            matrix[rows[has], first[peers[has]] + place] = 2.0 - scaled[has]
    chosen_rows, chosen_columns = linear_sum_assignment(matrix)
    place_peer = np.repeat(np.arange(len(problem.peers)), capacity)
    partner = {}
    for row, column in zip(chosen_rows.tolist(), chosen_columns.tolist(), strict=True):
        if column < places and matrix[row, column] < count + 3.0:
            partner[problem.seekers[row].id] = problem.peers[int(place_peer[column])].id
    return Matching(
        tuple(sorted(partner.items())),
        tuple(sorted(s.id for s in problem.seekers if s.id not in partner)),
    )


def lp_optimum(problem: Problem) -> tuple[float, float, float]:
    """(most pairs, highest total score with that many, seconds) from HiGHS on the flow LP:
    x_sp in [0, 1] for each possible pair, each seeker at most once, each peer at most its
    capacity."""
    started = time.perf_counter()
    rows, peers, weights = edges(problem)
    seekers = len(problem.seekers)
    variables = len(weights)
    if not variables:
        return 0.0, 0.0, time.perf_counter() - started
    # Sparse, as HiGHS takes it; scipy-stubs only list dense arrays for linprog.
    matrix: Any = coo_array(
        (
            np.ones(2 * variables),
            (np.concatenate((rows, seekers + peers)), np.tile(np.arange(variables), 2)),
        ),
        shape=(seekers + len(problem.peers), variables),
    ).tocsr()
    limits = np.concatenate((np.ones(seekers), [p.capacity for p in problem.peers]))
    first = linprog(-np.ones(variables), A_ub=matrix, b_ub=limits, bounds=(0, 1), method="highs")
    assert first.status == 0 and first.fun is not None, first.message
    most = -float(first.fun)
    second = linprog(
        -weights,
        A_ub=matrix,
        b_ub=limits,
        A_eq=np.ones((1, variables)),
        b_eq=[round(most)],
        bounds=(0, 1),
        method="highs",
    )
    assert second.status == 0 and second.fun is not None, second.message
    return most, -float(second.fun), time.perf_counter() - started


WORKER = """
import json, sys, time
sys.path.insert(0, {root!r})
from benchmarks.sections import peak_mb as peak
{imports}

started = time.perf_counter()
with open({source!r}, encoding="utf-8") as file:
    data = json.load(file)
problem = None if {solver!r} == "textbook" else parse(data)
read = time.perf_counter() - started
before = peak()
started = time.perf_counter()
matching = {solver}(problem if problem else data)
seconds = time.perf_counter() - started
figures = {{"read": read, "seconds": seconds, "before_mb": before, "peak_mb": peak()}}
with open({target!r}, "w", encoding="utf-8") as file:
    json.dump({{"pairs": matching.pairs, "unmatched": matching.unmatched, **figures}}, file)
"""


def measured(solver: str, source: Path, folder: Path) -> tuple[Matching, dict[str, float]]:
    """Run one solver in a fresh process; its matching and figures."""
    target = folder / f"{solver}.json"
    # Our solvers' processes import nothing of the benchmark (nor scipy.optimize).
    imports = (
        f"from entraide.pairing.core.matching import parse, {solver}"
        if solver in ("stable", "best")
        else f"from benchmarks.pairing import {solver}\n"
        "from entraide.pairing.core.matching import parse"
    )
    code = WORKER.format(
        root=str(ROOT), source=str(source), solver=solver, target=str(target), imports=imports
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    result = json.loads(target.read_text(encoding="utf-8"))
    matching = Matching(
        tuple((seeker, peer) for seeker, peer in result.pop("pairs")),
        tuple(result.pop("unmatched")),
    )
    return matching, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="500 seekers and 200 peers in a few seconds (CI), report in a temporary file, "
        "targets ignored",
    )
    parser.add_argument(
        "--report", type=Path, help="where to write the report (default docs/benchmarks.md)"
    )
    arguments = parser.parse_args()
    doc = DOC
    if arguments.report:
        doc = arguments.report.resolve()
    elif arguments.quick:
        doc = Path(tempfile.mkdtemp(prefix="entraide-bench-")) / "benchmarks.md"
    seekers, peers, choices = (500, 200, 50) if arguments.quick else (5_000, 2_000, 50)
    started = dt.datetime.now(dt.UTC)
    load = os.getloadavg()[0]

    generating = time.perf_counter()
    data = instance(seekers, peers, choices, seed=17)
    generated = time.perf_counter() - generating
    folder = Path(tempfile.mkdtemp(prefix="entraide-bench-pairing-"))
    source = folder / "problem.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    problem = parse(data)
    possible = len(edges(problem)[2])
    places = sum(p.capacity for p in problem.peers)
    print(
        f"instance: {seekers} seekers, {peers} peers, {places} places, {possible} possible "
        f"pairs, {source.stat().st_size / 1e6:.1f} MB of JSON ({generated:.1f} s)",
        flush=True,
    )

    results: dict[str, tuple[Matching, dict[str, float]]] = {}
    for solver in ("stable", "textbook", "best", "dense"):
        results[solver] = measured(solver, source, folder)
        figures = results[solver][1]
        print(
            f"{solver}: {len(results[solver][0].pairs)} pairs, {figures['seconds']:.2f} s, "
            f"peak {figures['peak_mb']:.0f} MB (before solving {figures['before_mb']:.0f} MB)",
            flush=True,
        )

    for solver, (matching, _) in results.items():
        found = violations(problem, matching)
        assert found == [], f"{solver}: {found[0]}"
    stable_matching = results["stable"][0]
    best_matching = results["best"][0]
    checking = time.perf_counter()
    stable_blocking = blocking_pairs(problem, stable_matching)
    checked = time.perf_counter() - checking
    assert stable_blocking == [], f"stable: blocking pair {stable_blocking[0]}"
    assert results["textbook"][0] == stable_matching, "textbook and ours differ"
    most, highest, lp_seconds = lp_optimum(problem)
    best_score = total_score(problem, best_matching)
    dense_score = total_score(problem, results["dense"][0])
    tolerance = 1e-6 * max(1.0, abs(highest))
    assert len(best_matching.pairs) == round(most), (
        f"best: {len(best_matching.pairs)} pairs, LP {most}"
    )
    assert abs(best_score - highest) <= tolerance, f"best: score {best_score}, LP {highest}"
    assert len(results["dense"][0].pairs) == round(most), "dense: not the most pairs"
    assert abs(dense_score - highest) <= tolerance, f"dense: score {dense_score}, LP {highest}"
    print(
        f"checked: stable has no blocking pair ({checked:.2f} s), the textbook gives the same "
        f"matching; best and dense reach HiGHS's LP optimum {round(most)} pairs, "
        f"{highest:.4f} ({lp_seconds:.1f} s)",
        flush=True,
    )

    end_to_end = {}
    for mode in ("stable", "best"):
        running = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "entraide.pairing",
                str(source),
                "--mode",
                mode,
                "--out",
                str(folder / f"cli-{mode}.json"),
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        end_to_end[mode] = time.perf_counter() - running
    print(f"command line: stable {end_to_end['stable']:.2f} s, best {end_to_end['best']:.2f} s")

    checks = []
    for solver, (seconds_target, mb_target) in TARGETS.items():
        figures = results[solver][1]
        checks.append(
            (
                f"`{solver}`: ≤ {seconds_target:g} s and < {mb_target:g} MB",
                f"{figures['seconds']:.2f} s, {figures['peak_mb']:.0f} MB",
                figures["seconds"] <= seconds_target and figures["peak_mb"] < mb_target,
            )
        )
    names = {
        "stable": "`stable` (ours: deferred acceptance, heaps)",
        "textbook": "textbook deferred acceptance in Python",
        "best": "`best` (ours: LAPJVsp on the sparse graph)",
        "dense": f"`linear_sum_assignment`, expanded dense matrix "
        f"({seekers:,} × {max(places, seekers):,})",
    }
    lines = [
        "| solver | pairs | unmatched | total score | blocking pairs | solve s | read + build s "
        "| peak MB (before solving) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for solver, (matching, figures) in results.items():
        blocking = (
            len(stable_blocking)
            if solver in ("stable", "textbook")
            else len(blocking_pairs(problem, matching))
        )
        lines.append(
            f"| {names[solver]} | {len(matching.pairs):,} | {len(matching.unmatched):,} "
            f"| {total_score(problem, matching):.2f} | {blocking:,} | {figures['seconds']:.2f} "
            f"| {figures['read']:.2f} | {figures['peak_mb']:.0f} ({figures['before_mb']:.0f}) |"
        )
    lines.append(
        f"| HiGHS, flow LP (the check of `best`) | {round(most):,} | {seekers - round(most):,} "
        f"| {highest:.2f} | – | {lp_seconds:.2f} | – | – |"
    )
    lines += [
        "",
        f"End to end, `python -m entraide.pairing problem.json --mode stable --out out.json` "
        f"took {end_to_end['stable']:.2f} s and `--mode best` {end_to_end['best']:.2f} s "
        "(starting Python, importing numpy and scipy, reading and checking the file, solving, "
        "writing the result).",
    ]
    print("\n".join(lines), flush=True)
    write(doc, started, load, arguments.quick, checks, lines, (seekers, peers, places, possible))
    print(f"report: {doc}", flush=True)
    missed = [target for target, _, ok in checks if not ok]
    if missed and not arguments.quick:
        print("missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


def write(
    doc: Path,
    started: dt.datetime,
    load: float,
    quick: bool,
    checks: list[tuple[str, str, bool]],
    lines: list[str],
    size: tuple[int, int, int, int],
) -> None:
    """Replace the section between the markers of docs/benchmarks.md, or append it."""
    seekers, peers, places, possible = size
    section = [
        "## Pairing: the matching core (issue 17)",
        "",
        f"Written by `make bench-pairing` (`benchmarks/pairing.py`{' --quick' if quick else ''}) "
        f"on {started:%Y-%m-%d %H:%M} UTC, {platform.machine()} with {os.cpu_count() or 1} "
        f"CPUs (load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end: the "
        f"machine is shared), Python {platform.python_version()}; one "
        f"run. Instance `benchmarks/pairing.py:instance` (seed 17): {seekers:,} seekers, "
        f"{peers:,} peers with capacities 1–5 ({places:,} places), 50 choices each from a "
        f"model of themes, languages, weekly availability and distance in a 300 × 130 km "
        f"region, {possible:,} possible (mutual) pairs.",
        "",
        "Each solver runs in a fresh process that reads the JSON file, builds the problem, "
        "then solves; *solve s* is the solver alone, *read + build s* reading the file and "
        "building (and checking) the problem; our solvers' times include checking the problem "
        "again (a `Problem` built in Python is checked too) and finding the mutual pairs, the "
        "textbook's start from the JSON as read. Memory is the process's peak resident size "
        "(VmHWM of `/proc/self/status`: interpreter, numpy, scipy and the problem included; "
        "not `ru_maxrss`, which Linux carries over from the parent through fork and exec), "
        "with the peak before solving in brackets. Every matching passed `violations()` "
        "(mutual pairs, "
        "capacities, each seeker once); `stable` has no blocking pair (`blocking_pairs()`) and "
        "the textbook algorithm gives the very same matching; `best` and the dense assignment "
        "reach HiGHS's optimum of the flow LP (most pairs, then the highest total score with "
        "that many; the LP of a bipartite b-matching has integral optimal vertices). *Total "
        "score* sums both people's scores over the pairs; *blocking pairs* shows what `best` "
        "gives up in stability for more pairs.",
        "",
        *targets_table(checks),
        "",
        *lines,
        "",
    ]
    replace_section(doc, START, END, section)


if __name__ == "__main__":
    sys.exit(main())
