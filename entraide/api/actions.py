"""Making, using and revoking a personal API token: one function per change."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.api.models import SECRET_PREFIX, SHOWN_PREFIX_LENGTH, ApiToken, digest_of
from entraide.lib.refusals import Refused

# Enough for every tool a person uses; a bound, so that a script gone wrong cannot fill a table.
MAX_TOKENS = 20
# The date of last use is written at most this often: not one write per request.
LAST_USED_PRECISION = dt.timedelta(minutes=5)


def create_token(
    person: User, *, name: str, scope: str, expires_at: dt.datetime | None
) -> tuple[ApiToken, str]:
    """A new token and its secret: the secret is given here once and never stored."""
    if scope not in ApiToken.Scope.values:
        raise ValueError(scope)
    with transaction.atomic():
        # Lock the person's row: two forms sent at once must not both pass the bound.
        User.objects.select_for_update().filter(pk=person.pk).first()
        if ApiToken.objects.filter(user=person).count() >= MAX_TOKENS:
            raise Refused(
                _("Vous avez déjà %(count)s jetons : supprimez-en un avant d'en créer un autre.")
                % {"count": MAX_TOKENS}
            )
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=person,
            name=name,
            scope=scope,
            prefix=secret[:SHOWN_PREFIX_LENGTH],
            digest=digest_of(secret),
            expires_at=expires_at,
        )
    return token, secret


def revoke_token(token: ApiToken) -> None:
    """The token stops working at once: its row goes, with its digest."""
    token.delete()


def note_use(token: ApiToken) -> None:
    """Remember when the token was last used, to the nearest few minutes."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
