from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Choose the language: the switch's cookie, then the account's preference, then French.

    French is the reference language, so the browser's Accept-Language is not used: English
    is there on request, through the switch or the account.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def language_for(self, request: HttpRequest) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen in self.supported:
            return chosen
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", "") if user is not None else ""
        if preferred in self.supported:
            return str(preferred)
        return settings.LANGUAGE_CODE

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class IdleSessionMiddleware:
    """A session ends after a while without activity; sooner for staff, who see more.

    Each request of a logged-in person pushes the end back, so only inactivity logs them out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.is_staff:
                request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
            elif not request.session.get_expire_at_browser_close():
                # Someone who did not tick "remember me" keeps a session that ends with the
                # browser (and, on the server, after SESSION_COOKIE_AGE without activity).
                request.session.set_expiry(settings.SESSION_IDLE_SECONDS)
        return self.get_response(request)
