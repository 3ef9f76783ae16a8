"""For other apps' pages: whether the signed-in person handles an organisation's concerns.

The coordinators' board links to the concerns board only for them; the view of that board
checks again through `safeguarding.access`.
"""

from typing import Any

from django import template

from entraide.accounts.models import User
from entraide.organisations import access as organisation_access
from entraide.organisations.models import Organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def handles_concerns(context: dict[str, Any], organisation: Organisation) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return isinstance(user, User) and organisation_access.handles_concerns(user, organisation)
