from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from entraide.carnet.demo import load_demo_carnet
from entraide.directory.demo import DemoDataError, load_demo
from entraide.founding.demo import load_demo_founding
from entraide.meetings.demo import load_demo_series
from entraide.membership.demo import DEMO_GROUP, DEMO_PASSWORD, load_demo_people
from entraide.proposals.demo import load_demo_wishes
from entraide.safeguarding.demo import load_demo_safeguarding


class Command(BaseCommand):
    help = "Load the demo themes, organisations and groups; running it again updates them."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = load_demo()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}."))
        series = load_demo_series()
        self.stdout.write(f"Meeting series planned for {series} groups.")
        if settings.DEBUG:
            people = load_demo_people()
            self.stdout.write(f"Demo people (password: {DEMO_PASSWORD}), in «{DEMO_GROUP}»:")
            for email, role in people:
                self.stdout.write(f"  {email} — {role}")
            self.stdout.write("Founding journey (same password):")
            for email, what in load_demo_founding():
                self.stdout.write(f"  {email} — {what}")
            wishes = load_demo_wishes()
            self.stdout.write(
                f"{wishes} people asked the Centre d'entraide de Nantes to be grouped with "
                "neighbours: Coralie can form groups from them (Former des groupes de proximité)."
            )
            pages = load_demo_carnet()
            self.stdout.write(f"{pages} pages in Alice's carnet (Mon carnet).")
            self.stdout.write("Safeguarding (same password):")
            for email, what in load_demo_safeguarding():
                self.stdout.write(f"  {email} — {what}")
