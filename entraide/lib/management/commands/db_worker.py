"""`manage.py db_worker`: django-tasks-db's worker, made to outlive what goes wrong around a task.

django-tasks-db's worker already survives a task that fails: it writes the failure down and
goes on. But when the failure itself cannot be written (three tries, the database still locked
by a large import on SQLite), or the database errs between tasks, the exception leaves its
loop and the worker stops: every task waits for ever after, a proposal's computation among
them. This worker writes the outcome down patiently, and goes on after any error between
tasks. The command keeps its name and options, so that `make run` and the README do not change;
it wins over django-tasks-db's own since `entraide.lib` comes first in INSTALLED_APPS.
"""

import logging
import os
import time
from typing import Any

from django.core.management.base import CommandError
from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("django_tasks_db")

# How long to go on trying to write down a task's outcome, and to wait after an error between
# tasks: a few minutes in all, doubling from one second.
PATIENCE = (1, 2, 4, 8, 15, 30, 30, 30, 30, 30)


class Worker(db_worker.Worker):
    def run(self) -> None:
        while True:
            try:
                super().run()
            except Exception:
                # The database refused something between tasks (locked, restarted): the
                # tasks are all still in it, so wait and look again.
                logger.exception("The worker met an error; it goes on.")
                close_old_connections()
                time.sleep(PATIENCE[0])
                if self.running:
                    continue
            return

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        try:
            super().run_task(db_task_result)
        except Exception as error:
            # The outcome could not be written down: the row would say "running" for ever.
            self.write_down_the_failure(db_task_result, error)

    def write_down_the_failure(
        self, db_task_result: DBTaskResult[Any, Any], error: Exception
    ) -> None:
        for pause in PATIENCE:
            time.sleep(pause)
            close_old_connections()
            try:
                db_task_result.set_failed(error)
            except Exception:
                logger.warning(
                    "Task id=%s: its failure is not written down yet.", db_task_result.id
                )
            else:
                return
        raise error


class Command(db_worker.Command):
    """django-tasks-db's command and options, running the worker above."""

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # in the child process only
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
