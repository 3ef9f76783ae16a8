"""The task worker, as `make run` starts it on SQLite: it waits for a locked database rather than
failing at once, and a task whose failure cannot be written down at first does not stop it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sqlite_site(tmp_path: Path) -> dict[str, str]:
    """The environment of a site on a fresh SQLite file, migrated."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "entraide.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    manage(env, "migrate", "--noinput", "-v0")
    return env


def manage(
    env: dict[str, str], *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def shell(env: dict[str, str], code: str) -> str:
    done = manage(env, "shell", "-v0", "-c", code)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_sqlite_waits_for_a_lock_and_writes_ahead(sqlite_site: dict[str, str]) -> None:
    found = shell(
        sqlite_site,
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0])",
    )

    mode, timeout = found.split()
    assert mode == "wal"
    assert int(timeout) >= 30_000


def test_the_worker_outlives_a_task_whose_failure_it_cannot_write_down_at_once(
    sqlite_site: dict[str, str],
) -> None:
    # A busy timeout of one second: django-tasks-db tries three times to write the failure,
    # while the task left the database locked for five.
    env = {**sqlite_site, "DB_BUSY_TIMEOUT": "1"}
    shell(
        env,
        "from tests.worker_tasks import fail_while_the_database_is_locked, succeed\n"
        "fail_while_the_database_is_locked.enqueue(5)\n"
        "succeed.using(priority=-1).enqueue()",
    )

    worker = manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v0")

    assert worker.returncode == 0, worker.stderr[-2000:]
    outcomes = shell(
        env,
        "from django_tasks_db.models import DBTaskResult\n"
        "for row in DBTaskResult.objects.order_by('-priority'):"
        " print(row.task_path.rsplit('.', 1)[1], row.status)",
    )
    assert outcomes.splitlines() == [
        "fail_while_the_database_is_locked FAILED",
        "succeed SUCCESSFUL",
    ]
