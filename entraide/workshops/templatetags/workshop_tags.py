"""The workshops' place on the organisation's public page, which the directory draws.

The directory sits below the workshops and does not know them: its page loads this tag, as the
meetings' page loads the carnet's, so the directory's view needs no import of ours.
"""

from typing import Any

from django import template

from entraide.organisations.models import Organisation
from entraide.workshops import access

register = template.Library()


@register.inclusion_tag("workshops/_for_organisation.html", takes_context=True)
def workshops_of(context: template.Context, organisation: Organisation) -> dict[str, Any]:
    """The organisation's coming workshops, and for its team the link to manage them."""
    request = context.get("request")
    return {
        "organisation": organisation,
        "workshops": list(access.upcoming().filter(organisation=organisation)[:10]),
        "is_team": access.runs_workshops(getattr(request, "user", None), organisation),
    }
