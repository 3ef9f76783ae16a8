"""Tasks for tests/test_worker.py, run by a real worker in another process."""

import sqlite3
import threading
import time

from django.conf import settings
from django.tasks import task


@task()
def fail_while_the_database_is_locked(seconds: float) -> None:
    """Fail, leaving the database locked by another connection for `seconds`: the worker
    cannot write down the failure until then (as when a large list is being imported)."""
    other = sqlite3.connect(settings.DATABASES["default"]["NAME"], check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        time.sleep(seconds)
        other.rollback()
        other.close()

    threading.Thread(target=release).start()
    raise RuntimeError("the computation failed")


@task()
def succeed() -> str:
    return "done"
