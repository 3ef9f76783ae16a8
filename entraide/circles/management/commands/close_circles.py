"""Close the talking circles left open after their meeting; meant for an hourly cron.

An open circle keeps the ids of the people sitting in it; a closed one keeps only anonymous
turns and seconds. Safe to repeat.
"""

from typing import Any

from django.core.management.base import BaseCommand

from entraide.circles.actions import close_forgotten_circles


class Command(BaseCommand):
    help = "Close the talking circles left open six hours after their meeting ended."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_forgotten_circles()
        if options["verbosity"] > 0:
            self.stdout.write(f"{closed} circle(s) closed.")
