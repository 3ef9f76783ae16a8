"""The backup and restore drill (docs/operations.md): back up, destroy, restore, compare.

On the PostgreSQL of this machine (127.0.0.1:5432, user postgres, or BENCH_PG_ADMIN_URL), in a
database of its own, `entraide_drill`:

1. migrates it and loads the demo with a throwaway encryption key (people, groups,
   memberships, Alice's carnet, Bob's concern, meeting places: what must survive);
2. reads everything back through the site's own models, decrypted (the fingerprint);
3. backs it up with `pg_dump --format=custom`, as docs/operations.md tells production to;
4. checks that the backup holds none of the carnet's or the concern's words in clear;
5. destroys the database, creates it empty, restores the backup with `pg_restore`;
6. reads everything back again: the fingerprint must be identical;
7. reads it with another key: the encrypted words must stay unreadable (the keys are kept
   apart from the backups, so a stolen backup tells nothing).

It prints what it compared and how long each step took, and exits 1 on any difference.
`make restore-drill`; `--keep` leaves the database and the backup file for a look.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "entraide_drill"
ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
PG = ["--host", "127.0.0.1", "--port", "5432", "--username", "postgres"]

# Read through the models, so that the encrypted columns are decrypted as the site reads them.
FINGERPRINT = """
import json
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.membership.models import Membership
from entraide.carnet.models import Entry, Preparation
from entraide.safeguarding.models import Concern, ConcernStep
from entraide.meetings.models import Meeting, MeetingSeries
from entraide.lib.crypto import UnreadableValueError
try:
    print(json.dumps({
        "people": sorted(User.objects.values_list("email", "display_name")),
        "groups": sorted(SupportGroup.objects.values_list("slug", "name", "is_published")),
        "group places": sorted((g.slug, g.meeting_place) for g in SupportGroup.objects.all()),
        "memberships": sorted(
            Membership.objects.values_list("user__email", "group__slug", "role", "status")
        ),
        "carnet pages": sorted(
            (e.author.email, str(e.day), e.mood, e.feeling, e.takeaway, e.next_time)
            for e in Entry.objects.select_related("author")
        ),
        "preparations": sorted(
            (p.author.email, p.meeting_id, p.text)
            for p in Preparation.objects.select_related("author")
        ),
        "concerns": sorted((c.pk, c.kind, c.description, c.contact) for c in Concern.objects.all()),
        "concern steps": sorted((s.pk, s.note, s.message) for s in ConcernStep.objects.all()),
        "series places": sorted((s.pk, s.place) for s in MeetingSeries.objects.all()),
        "meetings": sorted(
            (m.pk, m.group.slug, m.starts_at.isoformat(), m.place)
            for m in Meeting.objects.select_related("group")
        ),
    }, default=str))
except UnreadableValueError:
    print(json.dumps({"unreadable": True}))
"""


def step(title: str) -> float:
    print(f"-- {title}", flush=True)
    return time.monotonic()


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def recreate(admin: psycopg.Connection[Any]) -> None:
    admin.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{DB_NAME}"')


def fingerprint(env: dict[str, str]) -> dict[str, Any]:
    output = manage(env, "shell", "--no-imports", "-c", FINGERPRINT)
    return dict(json.loads(output.splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="leave the database and the backup")
    options = parser.parse_args()

    key = Fernet.generate_key().decode()
    env = {
        **os.environ,
        "DEBUG": "1",  # the demo's people, carnet and concern load in DEBUG only
        "DATABASE_URL": DATABASE_URL,
        "ENCRYPTION_KEYS": key,
        "REDIS_URL": "",
    }
    timings: dict[str, float] = {}
    backup_dir = Path(tempfile.mkdtemp(prefix="entraide-drill-"))
    backup = backup_dir / "entraide.dump"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        started = step("a database with the demo, under a throwaway key")
        recreate(admin)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        before = fingerprint(env)
        counts = {name: len(rows) for name, rows in before.items()}
        print("   " + ", ".join(f"{n} {name}" for name, n in counts.items()))
        for name in ("carnet pages", "concerns", "memberships", "groups"):
            assert counts[name] > 0, f"the demo should hold {name}"
        timings["set-up"] = time.monotonic() - started

        started = step("backup: pg_dump --format=custom")
        subprocess.run(
            ["pg_dump", *PG, "--format=custom", "--file", str(backup), DB_NAME], check=True
        )
        timings["backup"] = time.monotonic() - started
        print(f"   {backup.stat().st_size / 1e6:.1f} MB")

        started = step("the backup holds no word of the carnet or the concern in clear")
        plain = subprocess.run(
            ["pg_restore", "--file", "-", str(backup)], check=True, capture_output=True
        ).stdout.decode("utf-8", errors="replace")
        secrets_in_clear = [
            words
            for _email, _day, _mood, *texts in before["carnet pages"]
            for words in texts
            if words and words in plain
        ] + [c[2] for c in before["concerns"] if c[2] in plain]
        assert secrets_in_clear == [], f"found in clear in the backup: {secrets_in_clear[:2]}"
        timings["check"] = time.monotonic() - started

        started = step("destroy the database")
        admin.execute(f'DROP DATABASE "{DB_NAME}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DB_NAME}"')
        timings["destroy"] = time.monotonic() - started

        started = step("restore: pg_restore")
        subprocess.run(
            ["pg_restore", *PG, "--no-owner", "--exit-on-error", "-d", DB_NAME, str(backup)],
            check=True,
        )
        timings["restore"] = time.monotonic() - started

        started = step("read everything back, with the same key")
        after = fingerprint(env)
        differing = [name for name in before if before[name] != after.get(name)]
        timings["compare"] = time.monotonic() - started

        step("and with another key: the encrypted words stay unreadable")
        stranger = fingerprint({**env, "ENCRYPTION_KEYS": Fernet.generate_key().decode()})

        if not options.keep:
            admin.execute(f'DROP DATABASE "{DB_NAME}" WITH (FORCE)')
            backup.unlink()
            backup_dir.rmdir()

    print("== restore drill")
    print("   " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
    if differing:
        print(f"FAILED: these differ after the restore: {', '.join(differing)}")
        return 1
    if stranger != {"unreadable": True}:
        print("FAILED: another key read the encrypted words")
        return 1
    print(f"   identical after the restore: {', '.join(f'{n} {k}' for k, n in counts.items())}")
    print("   another key reads none of the encrypted words")
    if options.keep:
        print(f"   kept: database {DB_NAME}, backup {backup}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
