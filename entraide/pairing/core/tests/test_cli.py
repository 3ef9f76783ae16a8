"""The command line, run as a developer would run it: `python -m entraide.pairing`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from entraide.pairing.core.cli import main

ROOT = Path(__file__).resolve().parents[4]

PROBLEM = {
    "seekers": [
        {"id": "s1", "choices": [{"peer": "p1", "score": 1.0}, {"peer": "p2", "score": 0.0}]},
        {"id": "s2", "choices": [{"peer": "p1", "score": 0.0}]},
        {"id": "s3", "choices": []},
    ],
    "peers": [
        {
            "id": "p1",
            "capacity": 1,
            "choices": [{"seeker": "s1", "score": 1}, {"seeker": "s2", "score": 0}],
        },
        {"id": "p2", "capacity": 2, "choices": [{"seeker": "s1", "score": 0}]},
    ],
}


def run(*arguments: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "entraide.pairing", *map(str, arguments)],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def written(tmp_path: Path, content: str) -> Path:
    source = tmp_path / "in.json"
    source.write_text(content, encoding="utf-8")
    return source


@pytest.mark.parametrize(
    ("mode", "pairs", "unmatched"),
    [
        ("stable", [{"seeker": "s1", "peer": "p1"}], ["s2", "s3"]),
        ("best", [{"seeker": "s1", "peer": "p2"}, {"seeker": "s2", "peer": "p1"}], ["s3"]),
    ],
)
def test_writes_the_pairs_and_a_summary(
    tmp_path: Path, mode: str, pairs: list[dict[str, str]], unmatched: list[str]
) -> None:
    out = tmp_path / "out.json"
    result = run(written(tmp_path, json.dumps(PROBLEM)), "--mode", mode, "--out", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == {"pairs": pairs, "unmatched": unmatched}
    assert result.stderr.startswith(f"{mode}: {len(pairs)} pairs, {len(unmatched)} unmatched")
    assert result.stdout == ""


def test_reads_stdin_and_writes_stdout_with_a_dash() -> None:
    result = run("-", "--mode", "best", "--out", "-", stdin=json.dumps(PROBLEM))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unmatched"] == ["s3"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "in.json is not valid JSON"),
        (
            '{"seekers": [], "peers": [{"id": "p", "capacity": 1, "choices": '
            '[{"seeker": "x", "score": 1}]}]}',
            "peer 'p' lists unknown seeker 'x'",
        ),
        (
            '{"seekers": [{"id": "s", "choices": [{"peer": "p", "score": NaN}]}], "peers": []}',
            "a score must be a finite number, got NaN",
        ),
        (
            '{"seekers": [{"id": "s", "choices": [{"peer": "p", "score": -Infinity}]}], '
            '"peers": []}',
            "got -Infinity",
        ),
        (
            '{"seekers": [], "peers": [{"id": "p", "capacity": 0, "choices": []}]}',
            "a capacity must be at least 1",
        ),
        (
            '{"seekers": [{"id": "s", "choices": []}, {"id": "s", "choices": []}], "peers": []}',
            "duplicate seeker id 's'",
        ),
        ('{"seekers": []}', "input: missing field 'peers'"),
        ("\udcff", "cannot read"),
    ],
)
def test_bad_input_gets_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    # In this process, to keep the run short: the subprocess tests around show it is the same.
    source = tmp_path / "in.json"
    source.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert main([str(source), "--mode", "stable", "--out", str(tmp_path / "out.json")]) == 2
    stderr = capsys.readouterr().err
    assert stderr.startswith("error: ")
    assert message in stderr
    assert stderr.count("\n") == 1
    assert not (tmp_path / "out.json").exists()


def test_bad_input_through_the_command_line_gets_status_2(tmp_path: Path) -> None:
    result = run(written(tmp_path, '{"seekers": 1}'), "--mode", "best", "--out", "-")
    assert result.returncode == 2
    assert result.stderr == "error: input: missing field 'peers'\n"
    assert result.stdout == ""


def test_a_missing_file_gets_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nowhere.json")
    assert main([missing, "--mode", "best", "--out", str(tmp_path / "out.json")]) == 2
    assert capsys.readouterr().err.startswith("error: cannot read")


def test_an_unwritable_output_gets_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "missing-folder" / "out.json")
    assert main([str(written(tmp_path, json.dumps(PROBLEM))), "--mode", "best", "--out", out]) == 2
    assert capsys.readouterr().err.startswith("error: cannot write")


@pytest.mark.parametrize(
    "arguments",
    [["--mode", "fair", "--out", "-"], ["--out", "-"], ["--mode", "stable"]],
)
def test_bad_options_get_status_2(tmp_path: Path, arguments: list[str]) -> None:
    result = run(written(tmp_path, json.dumps(PROBLEM)), *arguments)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_the_command_line_never_imports_django(tmp_path: Path) -> None:
    source = written(tmp_path, json.dumps(PROBLEM))
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['entraide.pairing', {str(source)!r}, '--mode', 'best', '--out', '-']\n"
        "try:\n"
        "    runpy.run_module('entraide.pairing', run_name='__main__')\n"
        "except SystemExit as end:\n"
        "    assert end.code == 0, end.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.rstrip().endswith("\n[]")
