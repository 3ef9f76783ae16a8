"""Remind the volunteers of a listening line of their shift, the day before; never twice."""

from typing import Any

from django.core.management.base import BaseCommand

from entraide.pairing.line_actions import send_shift_reminders


class Command(BaseCommand):
    help = "Remind volunteers of their listening-line shifts starting within a day."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_shift_reminders()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} shift reminder(s) sent.")
