"""How the API and the token pages reach a token: the only way, with one answer for "no".

A person's page reaches only their own tokens (someone else's is the same 404 as one that does
not exist); the API recognises a secret only while its token is unexpired and its person
active.
"""

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone

from entraide.accounts.access import signed_in
from entraide.api.models import SECRET_PREFIX, ApiToken, digest_of

# A secret is the prefix and 43 characters; anything much longer is not one of ours.
MAX_SECRET_LENGTH = 100


def own_token(request: HttpRequest, token_id: int) -> ApiToken:
    """One of my tokens; 404 otherwise."""
    try:
        return ApiToken.objects.get(pk=token_id, user=signed_in(request))
    except ApiToken.DoesNotExist:
        raise Http404 from None


def token_for_secret(secret: str) -> ApiToken | None:
    """The valid token of this secret, with its person; None for any other secret."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > MAX_SECRET_LENGTH:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .filter(digest=digest_of(secret), user__is_active=True)
        .first()
    )
