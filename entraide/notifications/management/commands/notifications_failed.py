"""List the messages that could not be sent (never their content), and send them again."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from entraide.notifications import actions
from entraide.notifications.models import Delivery


class Command(BaseCommand):
    help = (
        "List the deliveries that failed, were cut off or were forgotten in the queue; "
        "--retry sends them again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--retry", action="store_true", help="send them again")

    def handle(self, *args: Any, **options: Any) -> None:
        stuck = list(
            Delivery.objects.filter(actions.stuck())
            .select_related("notification", "user")
            .order_by("updated_at", "pk")
        )
        for delivery in stuck:
            recipient = delivery.user.email if delivery.user is not None else delivery.address
            self.stdout.write(
                f"{delivery.pk}\t{delivery.updated_at:%Y-%m-%d %H:%M}\t{delivery.status}\t"
                f"{delivery.attempts}\t{delivery.notification.template}\t{recipient}\t"
                f"{delivery.error}"
            )
        if options["retry"]:
            queued = actions.retry(stuck)
            self.stdout.write(f"{queued}/{len(stuck)} queued again.")
        else:
            self.stdout.write(f"{len(stuck)} to look at.")
