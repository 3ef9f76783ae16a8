from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from entraide.demo import catalogue as loaders
from entraide.demo import data, people
from entraide.demo.feedback import load_feedback
from entraide.demo.line import load_line
from entraide.demo.pairing import load_pairing


class Command(BaseCommand):
    help = "Load the demo themes, organisations and groups; running it again updates them."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._load()
        except data.DemoDataError as error:
            raise CommandError(str(error)) from error

    def _load(self) -> None:
        # Every file is read and checked before anything is written.
        catalogue = data.catalogue()
        stories = data.stories(catalogue) if settings.DEBUG else None
        counts = loaders.load_directory(catalogue)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}."))
        series = loaders.load_series(catalogue)
        self.stdout.write(f"Meeting series planned for {series} groups.")
        if stories is None:
            return
        members = people.load_members(stories)
        self.stdout.write(f"Demo people (password: {stories.password}), in «{stories.demo_group}»:")
        for email, role in members:
            self.stdout.write(f"  {email} — {role}")
        self.stdout.write("Founding journey (same password):")
        for email, what in people.load_founding(stories):
            self.stdout.write(f"  {email} — {what}")
        wishes, organisation = people.load_wishes(stories)
        coordinators = " and ".join(
            stories.people[role.person]
            for role in stories.coordinators
            if role.organisation == stories.wish_organisation
        )
        self.stdout.write(
            f"{wishes} people asked the {organisation} to be grouped with neighbours: "
            f"{coordinators} can form groups from them (Former des groupes de proximité)."
        )
        pages = people.load_carnet(stories)
        author = stories.people[stories.carnet_author]
        self.stdout.write(f"{pages} pages in {author}'s carnet (Mon carnet).")
        noted = people.load_attendance(stories)
        self.stdout.write(f"Attendance noted at {noted} past meetings (La santé du groupe).")
        group, answered = load_feedback(stories)
        self.stdout.write(
            f"A review round of «{group}» answered by {answered} members (Bilan du groupe, "
            "and the questionnaires of the organisation)."
        )
        self.stdout.write("Safeguarding (same password):")
        for email, what in people.load_concerns(stories):
            self.stdout.write(f"  {email} — {what}")
        self.stdout.write("Workshops (Ateliers; Odile and Coralie run them):")
        for title, what in people.load_workshops(stories):
            self.stdout.write(f"  {title} — {what}")
        self.stdout.write("One-to-one programmes (Coralie and Odile run them):")
        for name, what in load_pairing(stories):
            self.stdout.write(f"  {name} — {what}")
        self.stdout.write(f"  The line's rota — {load_line(stories)}")
