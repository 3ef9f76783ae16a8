"""What every benchmark shares: its section of docs/benchmarks.md, replaced between its two
markers on each run (added at the end the first time), and the honest peak memory of a process.
"""

from __future__ import annotations

from pathlib import Path


def peak_mb() -> float:
    """This process's own peak resident size, in MB, for a benchmark's fresh subprocess.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec,
    so a child of a big process would report the parent's peak.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def replace_section(doc: Path, start: str, end: str, lines: list[str]) -> None:
    """Write `lines` between the markers `start` and `end` of `doc`, markers included."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    block = "\n".join([start, *lines, end])
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def targets_table(checks: list[tuple[str, str, bool]]) -> list[str]:
    """The table of targets: what was aimed at, what was measured, pass or **FAIL**."""
    return [
        "| target | measured | result |",
        "| --- | --- | --- |",
        *(
            f"| {target} | {value} | {'pass' if ok else '**FAIL**'} |"
            for target, value, ok in checks
        ),
    ]
