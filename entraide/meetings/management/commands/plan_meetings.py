"""Plan every group's meetings ten weeks ahead; meant for a daily cron, safe to repeat.

Saving a series plans its meetings at once; this keeps the horizon moving day after day.
"""

from typing import Any

from django.core.management.base import BaseCommand

from entraide.meetings.series.actions import plan_all_groups


class Command(BaseCommand):
    help = "Plan every group's meetings ten weeks ahead (run it daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        planned = plan_all_groups()
        if options["verbosity"] > 0:
            self.stdout.write(f"{planned} meeting(s) planned or moved.")
