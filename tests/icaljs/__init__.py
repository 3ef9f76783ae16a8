"""Our calendars read by ical.js, the parser of Thunderbird, Nextcloud and many web calendars.

`make pytest` installs Node.js (Debian's package, when the machine has none) and ical.js at the
version of `package-lock.json` (`make icaljs`); a test that needs them fails with that advice.
"""

import datetime as dt
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Occurrence:
    """One occurrence as ical.js sees it: `start` is the instant it computed from our
    VTIMEZONE, `local` the wall-clock time as written in the file."""

    uid: str
    recurrence_id: dt.datetime | None
    summary: str | None
    location: str | None
    status: str | None
    zone: str | None
    local: str
    start: dt.datetime
    end: dt.datetime


def _instant(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def expand(body: bytes, after: dt.datetime, before: dt.datetime) -> list[Occurrence]:
    """Every occurrence ical.js finds in the calendar `body` starting in [after, before)."""
    node = shutil.which("node")
    assert node is not None and (HERE / "node_modules" / "ical.js").is_dir(), (
        "ical.js is not installed: run `make icaljs` (Node.js and the npm package)."
    )
    done = subprocess.run(
        [node, str(HERE / "expand.mjs"), str(after.timestamp()), str(before.timestamp())],
        input=body,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    return [
        Occurrence(
            uid=each["uid"],
            recurrence_id=_instant(each["recurrence_id"])
            if each["recurrence_id"] is not None
            else None,
            summary=each["summary"],
            location=each["location"],
            status=each["status"],
            zone=each["zone"],
            local=each["local"],
            start=_instant(each["start"]),
            end=_instant(each["end"]),
        )
        for each in json.loads(done.stdout)
    ]
