"""Delete the team invitations used or expired more than 30 days ago; meant for a daily cron.

An invitation keeps an e-mail address; once it was accepted or expired a month ago, nobody
needs it any more. Safe to repeat.
"""

from typing import Any

from django.core.management.base import BaseCommand

from entraide.organisations.actions import purge_invitations


class Command(BaseCommand):
    help = "Delete the team invitations accepted or expired more than 30 days ago."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_invitations()
        if options["verbosity"] > 0:
            self.stdout.write(f"{deleted} invitation(s) deleted.")
