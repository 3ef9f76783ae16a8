"""Send the workshop reminders that are due and were not sent: a safety net for a cron.

The background worker normally sends each reminder a day before the workshop; this catches
those it missed (a stopped worker, a seat given late). It never sends a reminder twice.
"""

from typing import Any

from django.core.management.base import BaseCommand

from entraide.workshops.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Send the workshop reminders that are due and were not sent yet."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} workshop reminder(s) sent.")
