"""The carnet's place on other pages: a meeting's page and "Mes groupes".

These tags show the signed-in person their own preparation and the links to their carnet, so
that the meetings and membership views need not know about the carnet. They read through
`access.py`, by the person of the request, like every page of the carnet.
"""

from typing import Any

from django import template
from django.utils import timezone

from entraide.accounts.models import User
from entraide.carnet import access
from entraide.carnet.models import Mood
from entraide.meetings.models import Meeting

register = template.Library()


def _person(context: template.Context) -> User | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None


@register.inclusion_tag("carnet/_for_meeting.html", takes_context=True)
def carnet_for_meeting(context: template.Context, meeting: Meeting) -> dict[str, Any]:
    """On a meeting's page: "Préparer cette rencontre" before it, "Écrire dans mon carnet"
    once it has begun, and on its day the note I prepared."""
    person = _person(context)
    if person is None:
        return {"shown": False}
    now = timezone.now()
    preparation = access.my_preparation_for(person, meeting)
    started = meeting.starts_at <= now
    return {
        "shown": preparation is not None or not meeting.is_cancelled,
        "meeting": meeting,
        "group": meeting.group,
        "preparation": preparation,
        "on_its_day": access.is_on_its_day(meeting, now),
        "may_prepare": not started and not meeting.is_cancelled,
        "may_write": started and not meeting.is_cancelled and access.is_mine(person, meeting),
    }


@register.inclusion_tag("carnet/_today.html", takes_context=True)
def carnet_today(context: template.Context) -> dict[str, Any]:
    """My notes for today's meetings, on "Mes groupes" (nothing on other days)."""
    person = _person(context)
    return {"preparations": access.todays_preparations(person) if person else []}


@register.filter
def mood_words(value: int | None) -> str:
    """A mood in words: 4 → "plutôt bien"."""
    return str(Mood(value).label) if value in Mood.values else ""
