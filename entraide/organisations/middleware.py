from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from entraide.organisations.access import is_organisation_staff, is_organisation_staff_on

# What staff and organisation staff may reach before setting up two-factor authentication.
ALLOWED_PREFIXES = (
    "/compte/2fa/",
    "/compte/logout/",
    "/compte/reauthenticate/",
    "/static/",
    "/langue/",
)


class StaffTwoFactorMiddleware:
    """Staff see people's groups and messages: they must log in with a second factor.

    The same goes for anyone with a role in an organisation (coordinator, safeguarding lead,
    organisation admin). Without an authenticator app, they are sent to set one up before
    anything else. A member costs at most one query, shared with `IdleSessionMiddleware`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and (user.is_staff or is_organisation_staff_on(request))
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class IdleSessionMiddleware:
    """A session ends after a while without activity; sooner for staff, who see more.

    Anyone with a role in an organisation counts as staff here. Each request of a logged-in
    person pushes the end back, so only inactivity logs them out. The request that logs someone
    in sets it too, after the view: the cookie it sends already carries the right lifetime.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        before = signed_in_id(request)
        if before is not None:
            push_back(request, staff=request.user.is_staff or is_organisation_staff_on(request))
        response = self.get_response(request)
        after = signed_in_id(request)
        if after is not None and after != before:
            # Just logged in: the role asked above, if any, was the visitor's.
            push_back(request, staff=request.user.is_staff or is_organisation_staff(request.user))
        return response


def signed_in_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def push_back(request: HttpRequest, *, staff: bool) -> None:
    if staff:
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
    elif not request.session.get_expire_at_browser_close():
        # Someone who did not tick "remember me" keeps a session that ends with the browser
        # (and, on the server, after SESSION_COOKIE_AGE without activity).
        request.session.set_expiry(settings.SESSION_IDLE_SECONDS)
