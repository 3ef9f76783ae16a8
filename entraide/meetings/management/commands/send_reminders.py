"""Send the meeting reminders that are due and were not sent: a safety net for a cron.

The background worker normally sends each reminder at its time; run this every quarter of an
hour or so to catch those it missed (a stopped worker, a member who joined after the meeting
was planned). It never sends a reminder twice.
"""

from typing import Any

from django.core.management.base import BaseCommand

from entraide.meetings.reminders.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Send the meeting reminders that are due and were not sent yet."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} reminder(s) sent.")
