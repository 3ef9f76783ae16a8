"""The command line, run as a coordinator would run it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from entraide.formation.__main__ import main

ROOT = Path(__file__).resolve().parents[3]


def run(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "entraide.formation", *map(str, arguments)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def test_writes_groups_and_summary(tmp_path: Path) -> None:
    rows = [f"p{k},{48 + 0.001 * k},-1.6,fr" for k in range(13)] + ["far,40,5,fr"]
    source = tmp_path / "in.csv"
    source.write_text("id,lat,lon,languages\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run(
        source,
        "--min",
        "6",
        "--max",
        "10",
        "--max-km",
        "2",
        "--out",
        out,
        "--same-language",
        "--seed",
        "4",
    )
    assert result.returncode == 0, result.stderr
    assert "2 groups, 13 placed, 1 unplaced" in result.stderr
    assert "gap 0.00 %" in result.stderr  # (total - bound) / bound: solved exactly
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"groups", "unplaced", "total_km", "lower_bound_km", "seconds"}
    assert sorted(len(group["members"]) for group in data["groups"]) == [6, 7]
    assert data["unplaced"] == [{"id": "far", "reason": "nobody within reach"}]
    assert 0 <= data["lower_bound_km"] <= data["total_km"]


@pytest.mark.parametrize(
    ("content", "arguments", "expected"),
    [
        ("id,lat,lon\na,123,2\n", [], "latitude 123"),
        ("id,lat,lon\na,1,2\n", ["--min", "two"], "invalid int value"),
    ],
)
def test_bad_input_exits_with_status_2(
    tmp_path: Path, content: str, arguments: list[str], expected: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(content, encoding="utf-8")
    result = run(source, "--out", tmp_path / "out.json", *arguments)
    assert result.returncode == 2
    assert expected in result.stderr
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    ("content", "arguments", "expected"),
    [
        ("id,lat\na,1\n", [], "missing column lon"),
        ("", [], "empty"),
        ("id,lat,lon\na,1,2\na,1,2\n", [], "already used"),
        ("id,lat,lon\na,1,2\n", ["--min", "8", "--max", "6"], "larger than --max"),
        ("id,lat,lon\na,1,2\n", ["--max-km", "0"], "--max-km"),
    ],
)
def test_each_error_is_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    arguments: list[str],
    expected: str,
) -> None:
    """The same entry point, in-process, for the other errors (a subprocess costs seconds)."""
    source = tmp_path / "in.csv"
    source.write_text(content, encoding="utf-8")
    assert main([str(source), "--out", str(tmp_path / "out.json"), *arguments]) == 2
    error = capsys.readouterr().err
    assert expected in error and error.count("\n") == 1
    assert not (tmp_path / "out.json").exists()


def test_missing_file_exits_with_status_2(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere.csv", "--out", tmp_path / "out.json")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "cannot read" in result.stderr
