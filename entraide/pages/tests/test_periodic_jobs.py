"""The periodic jobs that the README asks cron to run also run with `make run`: one process,
`manage.py periodic_jobs`, started beside the task worker."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conftest import Cast
from entraide.meetings.models import Meeting, MeetingSeries
from entraide.pages.management.commands.periodic_jobs import JOBS

ROOT = Path(__file__).resolve().parents[3]


def test_make_run_starts_the_periodic_jobs_beside_the_worker() -> None:
    makefile = (ROOT / "Makefile").read_text()
    run = makefile[makefile.index("\nrun:") :].split("\n\n")[0]

    assert "$(MANAGE) db_worker &" in run
    assert "$(MANAGE) periodic_jobs &" in run
    assert re.search(r"trap 'kill [^']*\$\$jobs", run), "the jobs stop with the server"


def test_every_job_the_readme_gives_to_cron_is_run() -> None:
    readme = (ROOT / "README.md").read_text()
    for_cron = set(re.findall(r"`manage\.py ([a-z_]+)`\s+(?:daily|every|hourly)", readme))

    assert for_cron == {
        "plan_meetings",
        "send_reminders",
        "send_workshop_reminders",
        "send_shift_reminders",
        "close_circles",
        "purge_expired",
        "purge_invitations",
        "run_review_rounds",
        "send_pair_checkins",
    }
    assert {job.command for job in JOBS} == for_cron


@pytest.mark.django_db
def test_one_round_plans_the_meetings_and_sends_the_due_reminders(cast: Cast) -> None:
    MeetingSeries.objects.create(
        group=cast.group,
        rule="FREQ=WEEKLY;BYDAY=SA",
        starts_on=timezone.localdate(),
        start_time=dt.time(18, 30),
        end_time=dt.time(20),
        place="Maison des associations, salle 3",
    )
    soon = timezone.now() + dt.timedelta(hours=2)
    Meeting.objects.create(group=cast.group, starts_at=soon, ends_at=soon + dt.timedelta(hours=2))

    call_command("periodic_jobs", once=True, verbosity=0)

    assert Meeting.objects.filter(series__isnull=False).count() >= 9
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
        "chloe@example.org",
    ]
