"""The command line of the matching core: `python -m entraide.pairing INPUT.json --mode
stable|best --out OUT.json` (`entraide/pairing/__main__.py` runs `main`).

INPUT (`-` for standard input) holds the seekers and peers with their choices (see
`entraide.pairing.core.matching.parse`); OUT (`-` for standard output) gets
`{"pairs": [{"seeker": ..., "peer": ...}, ...], "unmatched": [...]}`. Bad input gets one clear
line on stderr and exit status 2 (as argparse does for bad options); success writes OUT and a
one-line summary on stderr. Here, under `core/`, the contract keeps Django out of it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from entraide.pairing.core.matching import ProblemError, as_json, best, parse, stable, total_score


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m entraide.pairing",
        description="Match seekers with peer supporters who accept each other.",
    )
    parser.add_argument("input", metavar="INPUT.json", help="the problem, or - for stdin")
    parser.add_argument(
        "--mode",
        choices=("stable", "best"),
        required=True,
        help="stable: nobody would both rather be together (seeker-optimal); "
        "best: the most pairs, then the highest total score",
    )
    parser.add_argument("--out", required=True, metavar="OUT.json", help="or - for stdout")
    return parser


def _read(source: str) -> object:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProblemError(f"cannot read {source}: {error}") from None
    try:
        # JSON's NaN and Infinity are no numbers here: refuse them while reading.
        return json.loads(text, parse_constant=_no_constant)
    except ProblemError:
        raise
    except (ValueError, RecursionError) as error:
        raise ProblemError(f"{source} is not valid JSON: {error}") from None


def _no_constant(name: str) -> object:
    raise ProblemError(f"a score must be a finite number, got {name}")


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        problem = parse(_read(arguments.input))
        started = time.perf_counter()
        matching = stable(problem) if arguments.mode == "stable" else best(problem)
        seconds = time.perf_counter() - started
    except ProblemError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    text = json.dumps(as_json(matching), indent=1) + "\n"
    try:
        if arguments.out == "-":
            sys.stdout.write(text)
        else:
            Path(arguments.out).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write {arguments.out}: {error}", file=sys.stderr)
        return 2
    print(
        f"{arguments.mode}: {len(matching.pairs)} pairs, {len(matching.unmatched)} unmatched "
        f"seekers, total score {total_score(problem, matching):.6g}, {seconds:.2f} s",
        file=sys.stderr,
    )
    return 0
