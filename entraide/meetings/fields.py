"""What several of the meetings' forms share: the length message and the meetings to choose from."""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.lib.dates import moment_label
from entraide.meetings.models import Meeting

TOO_LONG = _("Ce texte est trop long : %(limit_value)d caractères au plus.")


def meeting_label(meeting: Meeting) -> str:
    return moment_label(meeting.starts_at, meeting.group.time_zone)


def meeting_choices(meetings: Sequence[Meeting]) -> list[tuple[str, str]]:
    return [(str(meeting.pk), meeting_label(meeting)) for meeting in meetings]


def upcoming(meetings: Any) -> list[Meeting]:
    """The group's coming meetings, soonest first."""
    return list(
        meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now())
        .select_related("group")
        .order_by("starts_at", "pk")[:24]
    )
