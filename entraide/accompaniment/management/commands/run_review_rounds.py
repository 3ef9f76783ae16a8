"""Open the review rounds whose day has come, and close those open for their few weeks."""

from typing import Any

from django.core.management.base import BaseCommand

from entraide.accompaniment.actions import run_rounds


class Command(BaseCommand):
    help = "Open the groups' review rounds on their day; close them after a few weeks."

    def handle(self, *args: Any, **options: Any) -> None:
        opened, closed = run_rounds()
        if options["verbosity"] > 1:
            self.stdout.write(f"{opened} opened, {closed} closed")
