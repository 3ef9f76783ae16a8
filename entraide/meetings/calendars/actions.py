"""The private calendar addresses: a secret token per person, for all their groups or one.

A calendar app cannot log in, so whoever has the address reads the dates: a new address stops
the previous one for the same groups, and an address can be revoked (it then answers 404).
"""

import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.meetings.calendars.ical import absolute
from entraide.meetings.models import CalendarToken


def feed_url(token: CalendarToken) -> str:
    return absolute(reverse("meetings:feed", args=[token.token]))


def active_tokens(user: User, group: SupportGroup) -> dict[str, CalendarToken]:
    """My valid addresses for this page: "all" (all my groups) and "group" (this one)."""
    valid = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
    found = {
        "all": valid.filter(group__isnull=True).first(),
        "group": valid.filter(group=group).first(),
    }
    return {scope: token for scope, token in found.items() if token is not None}


def create_token(user: User, group: SupportGroup | None) -> CalendarToken:
    """A new private address; the previous one for the same groups stops working."""
    with transaction.atomic():
        CalendarToken.objects.filter(user=user, group=group, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        return CalendarToken.objects.create(user=user, group=group, token=secrets.token_urlsafe(32))


def revoke_tokens(user: User, group: SupportGroup | None) -> int:
    """Stop my address for these groups: calendars subscribed to it get nothing more."""
    return CalendarToken.objects.filter(user=user, group=group, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
