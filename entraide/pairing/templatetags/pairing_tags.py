"""The programmes' place on the organisation's public page, which the directory draws.

The directory sits below pairing and does not know it: its page loads this tag, as it loads
the workshops' one, so the directory's view needs no import of ours.
"""

from typing import Any

from django import template

from entraide.organisations.models import Organisation
from entraide.pairing import access

register = template.Library()


@register.inclusion_tag("pairing/_programmes_of.html", takes_context=True)
def programmes_of(context: template.Context, organisation: Organisation) -> dict[str, Any]:
    """The organisation's published programmes, and for its team the link to manage them."""
    request = context.get("request")
    return {
        "organisation": organisation,
        "programmes": list(access.published_programmes().filter(organisation=organisation)),
        "is_team": access.runs_programmes(getattr(request, "user", None), organisation),
    }
