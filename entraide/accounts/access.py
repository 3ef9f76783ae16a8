from django.http import Http404, HttpRequest

from entraide.accounts.models import User


def signed_in(request: HttpRequest) -> User:
    """The person behind a request, typed as our `User`.

    Every view is private by default (`LoginRequiredMiddleware` sends visitors to the login
    page), so a view reaches this with someone signed in; a view marked `login_not_required`
    that calls it answers a visitor with the same 404 as for something that does not exist.
    """
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user
