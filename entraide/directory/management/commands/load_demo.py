from typing import Any

from django.core.management.base import BaseCommand, CommandError

from entraide.directory.demo import DemoDataError, load_demo


class Command(BaseCommand):
    help = "Load the demo themes, organisations and groups; running it again updates them."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = load_demo()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}."))
