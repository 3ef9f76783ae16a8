from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.csp import CSP, build_policy

from entraide.lib.logs import new_request_id, request_id


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


class PrivateResponsesMiddleware:
    """No browser or proxy keeps a page shown to a signed-in person.

    Such a page may name their groups, their carnet or a concern: on a shared computer, the
    back button or a cache must not show it to the next person. Every response to someone
    signed in, before or after the view (logging in, logging out), is sent with Django's
    `never_cache` headers (`no-store` and `private`); pages for visitors are left as they are,
    so that they may be cached.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in_before = is_signed_in(request)
        response = self.get_response(request)
        if signed_in_before or is_signed_in(request):
            add_never_cache_headers(response)
        return response


def is_signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and bool(user.is_authenticated)


class NulCharactersMiddleware:
    """A NUL character in the path, the query, the form data or a cookie is a bad request (400).

    No person types one: it comes from a broken or hostile client. PostgreSQL cannot store or
    even compare text that holds one, so any view that looks it up would fail with a server
    error; refusing it here, before the session is read, keeps every view from meeting one.
    Uploaded files are the readers' business (the CSV reader says which line holds one).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)


def has_nul(request: HttpRequest) -> bool:
    texts = [request.path_info, *request.COOKIES.keys(), *request.COOKIES.values()]
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            texts.append(key)
            texts.extend(value for value in values if isinstance(value, str))
    return any("\x00" in text for text in texts)


class SecurityHeadersMiddleware:
    """The headers Django's own middlewares leave out, on every answer (static files too).

    `Permissions-Policy` (no page may use the camera, the microphone, the location, payment…)
    and `Cross-Origin-Resource-Policy` (no other site may load our files) from the settings;
    and a Content-Security-Policy on the answers that have none: Django's DEBUG pages opt out
    of the site's policy, since their styles are inline, and get `FALLBACK_CSP` (inline styles,
    nothing else) instead. It is the outermost middleware, so that it sees every answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.fallback_csp = build_policy(settings.FALLBACK_CSP)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        response.headers.setdefault(str(CSP.HEADER_ENFORCE), self.fallback_csp)
        return response


class RequestIdMiddleware:
    """Names each request for the logs: the proxy's `X-Request-ID` when it is a plain token,
    else a new one; the answer carries it back, so that a person reporting a fault can give it
    and the site team find the lines of that request, which hold no path and no name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = new_request_id(request.headers.get("X-Request-ID"))
        # Not reset on the way out: Django logs a refused or failed request after the last
        # middleware returns. Under ASGI each request runs in a context of its own; a threaded
        # WSGI server's next request in the same thread sets its own id.
        request_id.set(given)
        response = self.get_response(request)
        response.headers["X-Request-ID"] = given
        return response
