"""Delete what the site keeps only for a while (the privacy page says how long): expired
sessions, the finished tasks of the worker, and the traces of e-mails sent (to whom and when,
never their words, which are erased as soon as they leave). Daily in `periodic_jobs`; safe to
run at any time and more than once."""

import datetime as dt
from typing import Any

from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from entraide.notifications.actions import forget_old

# The traces of e-mails sent, and the finished tasks that carried them.
KEEP_SENT = dt.timedelta(days=30)
# An e-mail that could not leave stays listed for the site team this long.
KEEP_FAILED = dt.timedelta(days=90)


class Command(BaseCommand):
    help = "Delete expired sessions, finished tasks and the traces of e-mails sent long ago."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
        tasks, _ = (
            DBTaskResult.objects.finished()
            .filter(
                Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - KEEP_SENT)
                | Q(status=TaskResultStatus.FAILED, finished_at__lt=now - KEEP_FAILED)
            )
            .delete()
        )
        notifications = forget_old(sent_before=now - KEEP_SENT, failed_before=now - KEEP_FAILED)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Deleted {sessions} expired sessions, {tasks} finished tasks, "
                f"{notifications} old notifications and their deliveries."
            )
