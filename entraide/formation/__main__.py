"""`python -m entraide.formation INPUT.csv --min 6 --max 10 --max-km 2 --out OUT.json ...`

Bad input gets one clear line on stderr and exit status 2 (as argparse does for bad options);
success writes OUT.json and a one-line summary on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from entraide.formation.csvinput import read_csv
from entraide.formation.model import Constraints, InputError
from entraide.formation.solver import solve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m entraide.formation",
        description="Propose groups of neighbours who can walk to a member's home.",
    )
    parser.add_argument("input", metavar="INPUT.csv", type=Path)
    parser.add_argument("--min", type=int, default=6, dest="min_size", help="smallest group")
    parser.add_argument("--max", type=int, default=10, dest="max_size", help="largest group")
    parser.add_argument("--max-km", type=float, default=2.0, help="longest walk to the host")
    parser.add_argument("--out", type=Path, required=True, metavar="OUT.json")
    parser.add_argument("--same-language", action="store_true")
    parser.add_argument("--same-theme", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    constraints = Constraints(
        min_size=arguments.min_size,
        max_size=arguments.max_size,
        max_km=arguments.max_km,
        same_language=arguments.same_language,
        same_theme=arguments.same_theme,
    )
    try:
        constraints.check()
        try:
            text = arguments.input.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read {arguments.input}: {error}") from None
        people = read_csv(text)
        solution = solve(people, constraints, seed=arguments.seed)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        arguments.out.write_text(json.dumps(solution.as_json(), indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write {arguments.out}: {error}", file=sys.stderr)
        return 2
    placed = sum(len(group.members) for group in solution.groups)
    # The gap is (total - bound) / bound, as everywhere (model.gap).
    gap = solution.gap
    gap_words = "unknown" if gap is None else f"{100 * gap:.2f} %"
    print(
        f"{len(solution.groups)} groups, {placed} placed, {len(solution.unplaced)} unplaced, "
        f"total {solution.total_km:.3f} km, bound {solution.lower_bound_km:.3f} km, "
        f"gap {gap_words}, {solution.seconds:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
