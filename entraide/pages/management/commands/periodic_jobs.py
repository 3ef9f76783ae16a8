"""Run, in one process, the periodic jobs that the README gives to cron: for `make run`.

Production may keep its cron lines, or run this beside its task workers instead. Each job is a
management command, run at once and then at its own rhythm. A job that fails is logged and
tried again at its next time: the others go on. Every job is safe to repeat, so two processes
running this by mistake send nothing twice.
"""

import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    command: str
    every: dt.timedelta


JOBS = (
    # Meetings are planned ten weeks ahead: move the horizon every day.
    Job("plan_meetings", dt.timedelta(days=1)),
    # The safety net for reminders the worker missed.
    Job("send_reminders", dt.timedelta(minutes=15)),
    # The same for the workshops' day-before reminders.
    Job("send_workshop_reminders", dt.timedelta(minutes=15)),
    # The same for a listening line's shifts.
    Job("send_shift_reminders", dt.timedelta(minutes=15)),
    # Talking circles left open after their meeting keep only their aggregates.
    Job("close_circles", dt.timedelta(hours=1)),
    # What is kept only for a while: sessions, finished tasks, the traces of e-mails sent.
    Job("purge_expired", dt.timedelta(days=1)),
    # Team invitations used or expired a month ago keep an address for nothing.
    Job("purge_invitations", dt.timedelta(days=1)),
    # Review rounds open on their day and close after a few weeks; the next is then planned.
    Job("run_review_rounds", dt.timedelta(hours=1)),
    # The pairs' check-ins at 2, 6 and 12 weeks.
    Job("send_pair_checkins", dt.timedelta(hours=1)),
)


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (planning, reminders, circles, old invitations) at their rhythm, "
        "in one process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run each job once, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        due = dict.fromkeys((job.command for job in JOBS), 0.0)
        while True:
            for job in JOBS:
                if due[job.command] <= time.monotonic():
                    self.run(job, options["verbosity"])
                    due[job.command] = time.monotonic() + job.every.total_seconds()
            if options["once"]:
                return
            # A long-lived process: like a request's end, let go of a connection the database
            # dropped or that has lived long enough.
            close_old_connections()
            time.sleep(max(1.0, min(due.values()) - time.monotonic()))

    def run(self, job: Job, verbosity: int) -> None:
        try:
            call_command(job.command, verbosity=verbosity, stdout=self.stdout)
        except Exception:
            logger.exception("The periodic job %s failed; it will run again.", job.command)
