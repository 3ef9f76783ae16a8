from django.http import Http404, HttpRequest

from entraide.accounts.models import User


def signed_in(request: HttpRequest) -> User:
    """The person behind a request that views have already required to be logged in."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user
