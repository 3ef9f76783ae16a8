"""`make bench-rota`: a listening line's rota, solved exactly, against a greedy coordinator.

Two seeded instances that look like a French listening line's volunteers (retired people on
weekdays, workers in the evenings, students at night, some only at weekends; offers of 1 to 8
shifts a month; 85 % trained; a few days away each):

- a month of 3 shifts a day (93 shifts, 08:00, 14:00, 20:00, six hours each), 60 volunteers;
- a bigger line: 4 shifts a day with half-hour handovers (124 shifts, 07:00–12:30,
  12:00–17:30, 17:00–22:30, 22:00–07:30: consecutive shifts overlap), 150 volunteers.

For each: `propose` in a fresh process (its time, the best of three, and the process's peak
memory, against the same process before solving); `check` on the result; the same figures for
a greedy baseline (shifts in time order, each filled with the allowed volunteers who have
given the smallest share of their offer so far: what a coordinator does by hand); and a
re-proposal after three volunteers withdraw a week, keeping the previous rota, to count how
many assignments move. The results replace the "Rota" section of docs/benchmarks.md (between
its markers), leaving the rest alone.

``--quick`` (``make bench-quick``, CI) takes the same path on a week (21 shifts, 20
volunteers) and writes to a temporary file; it fails on an unsound rota, not on a target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.sections import replace_section, targets_table  # noqa: E402
from entraide.pairing.core.rota import Rota, Shift, Volunteer, check, propose  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- rota:start -->", "<!-- rota:end -->"
ZONE = ZoneInfo("Europe/Paris")
FIRST_DAY = dt.datetime(2027, 1, 1, tzinfo=ZONE)
MONTH = ((8, 0, 6.0), (14, 0, 6.0), (20, 0, 6.0))
HANDOVERS = ((7, 0, 5.5), (12, 0, 5.5), (17, 0, 5.5), (22, 0, 9.5))
# How likely each kind of volunteer is to be free, by weekday (Monday first) and part of the
# day (morning, afternoon, evening, night): the last shift of a day is the night.
KINDS = {
    "retired": (0.25, ((0.7, 0.6, 0.2, 0.05),) * 5 + ((0.3, 0.3, 0.1, 0.0),) * 2),
    "worker": (0.35, ((0.0, 0.05, 0.6, 0.15),) * 5 + ((0.3, 0.4, 0.4, 0.1),) * 2),
    "student": (0.2, ((0.1, 0.3, 0.5, 0.4),) * 5 + ((0.2, 0.3, 0.5, 0.5),) * 2),
    "weekend": (0.2, ((0.0, 0.0, 0.1, 0.0),) * 5 + ((0.6, 0.7, 0.6, 0.3),) * 2),
}
OFFERS = ((1, 0.1), (2, 0.2), (3, 0.2), (4, 0.25), (6, 0.15), (8, 0.1))


def instance(
    days: int, slots: tuple[tuple[int, int, float], ...], people: int, seed: int
) -> tuple[list[Shift], list[Volunteer]]:
    """Shifts and volunteers, deterministically from the seed."""
    rng = np.random.default_rng(seed)
    shifts = []
    for day in range(days):
        date = FIRST_DAY + dt.timedelta(days=day)
        for slot, (hour, minute, hours) in enumerate(slots):
            start = date.replace(hour=hour, minute=minute)
            shifts.append(Shift(f"{date:%m-%d}-{slot}", start, start + dt.timedelta(hours=hours)))
    kinds = list(KINDS)
    shares = np.array([KINDS[kind][0] for kind in kinds])
    volunteers = []
    for number in range(people):
        kind = kinds[int(rng.choice(len(kinds), p=shares))]
        week = np.array(KINDS[kind][1])
        # The parts of the day a line with three shifts has: morning, afternoon, evening.
        parts = [0, 1, 2] if len(slots) == 3 else [0, 1, 2, 3]
        free = rng.random((7, len(slots))) < week[:, parts]
        away = set(rng.choice(days, size=int(rng.integers(0, 8)), replace=False).tolist())
        available = frozenset(
            s.id
            for k, s in enumerate(shifts)
            if free[s.start.weekday(), k % len(slots)] and k // len(slots) not in away
        )
        offer = int(rng.choice([o for o, _ in OFFERS], p=[p for _, p in OFFERS]))
        volunteers.append(Volunteer(f"v{number:03d}", bool(rng.random() < 0.85), offer, available))
    return shifts, volunteers


def greedy(shifts: list[Shift], volunteers: list[Volunteer]) -> Rota:
    """Shifts in time order, each filled with the allowed volunteers who have given the
    smallest share of their offer so far."""
    taken: dict[str, list[Shift]] = {v.id: [] for v in volunteers}
    assignments = []
    for current in sorted(shifts, key=lambda s: (s.start, s.id)):
        allowed = [
            v
            for v in volunteers
            if v.trained
            and current.id in v.available
            and len(taken[v.id]) < v.max_shifts
            and not any(o.start < current.end and current.start < o.end for o in taken[v.id])
        ]
        allowed.sort(key=lambda v: (len(taken[v.id]) / v.max_shifts, -v.max_shifts, v.id))
        for v in allowed[: current.wanted]:
            taken[v.id].append(current)
            assignments.append((current.id, v.id))
    counts = Counter(s for s, _ in assignments)
    gaps = tuple(sorted((s.id, s.wanted - counts[s.id]) for s in shifts if counts[s.id] < s.wanted))
    return Rota(tuple(sorted(assignments)), gaps)


def figures(shifts: list[Shift], volunteers: list[Volunteer], rota: Rota) -> dict[str, float]:
    """Coverage and fairness. Shares are assigned / offered, over the trained volunteers who
    offered shifts and are available for at least one."""
    counts = Counter(s for s, _ in rota.assignments)
    load = Counter(v for _, v in rota.assignments)
    ids = {s.id for s in shifts}
    able = [v for v in volunteers if v.trained and v.max_shifts > 0 and v.available & ids]
    shares = [load[v.id] / v.max_shifts for v in able]
    return {
        "covered": sum(1 for s in shifts if counts[s.id] >= 1),
        "full": sum(1 for s in shifts if counts[s.id] >= s.wanted),
        "missing": sum(missing for _, missing in rota.gaps),
        "assigned": len(rota.assignments),
        "heaviest": max(shares, default=0.0),
        "spread": statistics.pstdev(shares) if shares else 0.0,
        "unused": sum(1 for v in able if load[v.id] == 0),
        "problems": len(check(shifts, volunteers, rota)),
    }


def measured(name: str) -> dict[str, float]:
    """Solve in a fresh process: its time and peak memory are the solver's alone."""
    code = f"""
import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.rota import INSTANCES
from benchmarks.sections import peak_mb
from entraide.pairing.core.rota import propose
shifts, volunteers = INSTANCES[{name!r}]()
before = peak_mb()
times = []
for _ in range(3):
    started = time.perf_counter()
    propose(shifts, volunteers)
    times.append(time.perf_counter() - started)
print(json.dumps({{
    "seconds": min(times),
    "before_mb": before,
    "peak_mb": peak_mb(),
}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    measures: dict[str, float] = json.loads(result.stdout)
    return measures


def withdrawn(
    shifts: list[Shift], volunteers: list[Volunteer], rota: Rota
) -> tuple[list[Volunteer], int]:
    """Three of the busiest volunteers withdraw for the second week of a month (days 7 to
    13), or days 1 and 2 of a week; how many of their shifts that touches."""
    days = (max(s.start for s in shifts) - FIRST_DAY).days + 1
    first, last = days // 4, days // 4 + max(2, days // 4)
    week = {s.id for s in shifts if first <= (s.start - FIRST_DAY).days < last}
    load = Counter(v for s, v in rota.assignments if s in week)
    leaving = {v for v, _ in sorted(load.items(), key=lambda item: (-item[1], item[0]))[:3]}
    changed = [
        Volunteer(v.id, v.trained, v.max_shifts, v.available - week) if v.id in leaving else v
        for v in volunteers
    ]
    return changed, sum(load[v] for v in leaving)


INSTANCES = {
    "month": lambda: instance(31, MONTH, 60, seed=1),
    "handovers": lambda: instance(31, HANDOVERS, 150, seed=2),
    "week": lambda: instance(7, MONTH, 20, seed=3),
}
TITLES = {
    "month": "a month, 3 shifts a day, 60 volunteers",
    "handovers": "a bigger line, 4 shifts a day with handovers, 150 volunteers",
    "week": "a week, 3 shifts a day, 20 volunteers",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a week, report in a temporary file")
    parser.add_argument("--report", type=Path, help="where to write (default docs/benchmarks.md)")
    arguments = parser.parse_args()
    global DOC
    if arguments.report:
        DOC = arguments.report.resolve()
    elif arguments.quick:
        DOC = Path(tempfile.mkdtemp(prefix="entraide-bench-")) / "benchmarks.md"
    names = ["week"] if arguments.quick else ["month", "handovers"]
    started = dt.datetime.now(dt.UTC)
    checks: list[tuple[str, str, bool]] = []
    lines = [
        "| instance | solver | shifts with ≥ 1 | with 2 | people missing | heaviest share "
        "| shares' std dev | able but unused | `check` problems | seconds | peak memory |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    notes: list[str] = []
    for name in names:
        shifts, volunteers = INSTANCES[name]()
        run = measured(name)
        ours = propose(shifts, volunteers)
        mine = figures(shifts, volunteers, ours)
        greedy_started = dt.datetime.now(dt.UTC)
        baseline = greedy(shifts, volunteers)
        greedy_seconds = (dt.datetime.now(dt.UTC) - greedy_started).total_seconds()
        theirs = figures(shifts, volunteers, baseline)
        assert mine["problems"] == 0, check(shifts, volunteers, ours)
        title = f"{TITLES[name]} ({len(shifts)} shifts)"
        for solver, f, seconds, memory in (
            (
                "ours (HiGHS)",
                mine,
                run["seconds"],
                f"{run['peak_mb']:.0f} MB ({run['peak_mb'] - run['before_mb']:+.0f})",
            ),
            ("greedy", theirs, greedy_seconds, "–"),
        ):
            lines.append(
                f"| {title} | {solver} | {f['covered']:.0f} | {f['full']:.0f} "
                f"| {f['missing']:.0f} | {f['heaviest']:.2f} | {f['spread']:.3f} "
                f"| {f['unused']:.0f} | {f['problems']:.0f} | {seconds:.3f} | {memory} |"
            )
            print(lines[-1], flush=True)
        load = Counter(v for _, v in ours.assignments)
        unused = Counter(
            v.max_shifts
            for v in volunteers
            if v.trained and v.max_shifts and v.available and not load[v.id]
        )
        if unused:
            offers = ", ".join(f"{n} offering {offer}" for offer, n in sorted(unused.items()))
            notes.append(
                f"- {TITLES[name]}: ours leaves unused {offers} shift(s): one shift would be a "
                f"larger share of their offer than the heaviest share needed "
                f"({mine['heaviest']:.2f}), and the heaviest share ranks first in fairness."
            )
        changed, touched = withdrawn(shifts, volunteers, ours)
        again = propose(shifts, changed, keep=ours.assignments)
        assert check(shifts, changed, again) == []
        moved = len(set(ours.assignments) - set(again.assignments))
        fresh = propose(shifts, changed)
        moved_fresh = len(set(ours.assignments) - set(fresh.assignments))
        notes.append(
            f"- {TITLES[name]}: three volunteers withdraw for a "
            f"while ({touched} of their shifts then); re-proposed keeping the rota, {moved} of "
            f"{len(ours.assignments)} assignments move (beyond theirs, to even the shares "
            f"out again, which rank above stability); re-proposed from scratch, {moved_fresh}."
        )
        print(notes[-1], flush=True)
        if name == "month":
            checks.append(
                (
                    "a month (93 shifts, 60 volunteers) in under 2 s",
                    f"{run['seconds']:.2f} s",
                    run["seconds"] < 2,
                )
            )
        checks.append(
            (
                f"{name}: at least the greedy's coverage, at each rank",
                f"{mine['covered']:.0f} / {mine['full']:.0f} against "
                f"{theirs['covered']:.0f} / {theirs['full']:.0f}",
                (mine["covered"], mine["full"]) >= (theirs["covered"], theirs["full"]),
            )
        )
        checks.append(
            (
                f"{name}: `check` finds nothing wrong",
                f"{mine['problems']:.0f} problems",
                mine["problems"] == 0,
            )
        )
    write_section(started, checks, lines, notes)
    for target, value, ok in checks:
        print(f"{'pass' if ok else 'FAIL'}  {target}: {value}")
    print(f"wrote {DOC}")
    return 0


def write_section(
    started: dt.datetime,
    checks: list[tuple[str, str, bool]],
    lines: list[str],
    notes: list[str],
) -> None:
    """Replace the section between the markers of docs/benchmarks.md, or append it."""
    section = [
        "## Rota",
        "",
        f"Written by `make bench-rota` (`benchmarks/rota.py`) on {started:%Y-%m-%d %H:%M} UTC, "
        f"{platform.machine()} with {os.cpu_count() or 1} CPUs, Python "
        f"{platform.python_version()}; one run. Instances: `benchmarks/rota.py:instance` "
        "(seeded; retired people, workers, students and weekend volunteers; offers of 1 to 8 "
        "shifts; 85 % trained; up to a week away each), 2 people wanted on each shift. The "
        "objective is the one of `entraide/pairing/core/rota.py`: coverage by rank, then the "
        "heaviest share of an offer, then the spread of the shares, then what is kept.",
        "",
        *targets_table(checks),
        "",
        *lines,
        "",
        "A share is shifts given / shifts offered, over the trained volunteers available for at "
        'least one shift; "able but unused" counts those given none. Our time is the best of '
        "three runs in a fresh process, whose peak memory (resident, VmHWM: its own, not the "
        "parent's) includes Python, numpy and scipy; in brackets, what solving added. The "
        "greedy runs in the benchmark's own process.",
        "",
        *notes,
        "",
    ]
    replace_section(DOC, START, END, section)


if __name__ == "__main__":
    sys.exit(main())
