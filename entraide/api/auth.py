"""The API's authentication: `Authorization: Bearer ent_…`, a personal token.

A token found, unexpired, of an active person, makes its person the request's user for the
operation: the apps' own `access.py` functions then answer for them exactly as for the pages
(a group they are not in, an organisation where they hold no role: 404). The session is never
read here: a browser signed in to the site gets nothing from these addresses without a token.

Each token may make `API_TOKEN_RATE_LIMIT_PER_MINUTE` requests a minute, beside the limit of
each address (`urls.answered`).
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from entraide.api import actions
from entraide.api.access import token_for_secret
from entraide.api.errors import ApiError, too_many_requests
from entraide.api.models import ApiToken
from entraide.lib import ratelimit

WINDOW_SECONDS = 60


class PersonalToken(HttpBearer):
    """Any valid token, whatever its scope."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_for_secret(token.strip())
        if found is None:
            return None
        if not ratelimit.allow(
            f"api-token:{found.pk}", settings.API_TOKEN_RATE_LIMIT_PER_MINUTE, WINDOW_SECONDS
        ):
            raise too_many_requests(WINDOW_SECONDS)
        self.check(found)
        actions.note_use(found)
        request.user = found.user
        return found

    def check(self, token: ApiToken) -> None:
        """What the operation asks of the token beyond being valid."""


class WritingToken(PersonalToken):
    """A token that may also write (answer a meeting): a read-only one gets a 403."""

    def check(self, token: ApiToken) -> None:
        if not token.writes:
            raise ApiError(
                403,
                "insufficient_scope",
                _(
                    "Ce jeton permet seulement de lire. Créez un jeton « lecture et réponses "
                    "aux rencontres » dans « Mon compte »."
                ),
            )


def token_of(request: HttpRequest) -> ApiToken:
    found = getattr(request, "auth", None)
    assert isinstance(found, ApiToken)
    return found
