"""Send the pairs' check-ins that are due (2, 6 and 12 weeks after a pair started)."""

from typing import Any

from django.core.management.base import BaseCommand

from entraide.pairing.pair_actions import send_checkins


class Command(BaseCommand):
    help = "Send the pairs' check-ins due at 2, 6 and 12 weeks; safe to repeat."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_checkins()
        if options["verbosity"] > 1:
            self.stdout.write(f"{sent} sent")
