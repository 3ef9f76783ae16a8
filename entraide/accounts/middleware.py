from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# What a staff member may reach before setting up two-factor authentication.
ALLOWED_PREFIXES = (
    "/compte/2fa/",
    "/compte/logout/",
    "/compte/reauthenticate/",
    "/static/",
    "/langue/",
)


class StaffTwoFactorMiddleware:
    """Staff see people's groups and messages: they must log in with a second factor.

    A staff member without an authenticator app is sent to set one up before anything else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
