"""The API's addresses, each answered in the API's way whatever happens: in the language of
Accept-Language, within the limit of requests per address, errors in the one JSON shape."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from entraide.api.api import api
from entraide.api.errors import error_response, language_of, too_many_requests
from entraide.lib import ratelimit

app_name = "api"

WINDOW_SECONDS = 60

View = Callable[..., HttpResponse]


def answered(view: View) -> View:
    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = language_of(request)
        with translation.override(language):
            client = request.META.get("REMOTE_ADDR", "")
            response: HttpResponse
            if not ratelimit.allow(
                f"api:{client}", settings.API_RATE_LIMIT_PER_MINUTE, WINDOW_SECONDS
            ):
                refusal = too_many_requests(WINDOW_SECONDS)
                response = error_response(
                    refusal.status, refusal.code, refusal.message, refusal.headers
                )
            else:
                try:
                    response = view(request, *args, **kwargs)
                except Http404:
                    response = error_response(404, "not_found", _("Il n'y a rien à cette adresse."))
                if response.status_code == 405:
                    allowed = response.get("Allow", "")
                    message = (
                        _("Cette adresse se lit seulement (%(methods)s).")
                        if allowed == "GET"
                        else _("Cette adresse accepte seulement : %(methods)s.")
                    )
                    response = error_response(
                        405, "method_not_allowed", message % {"methods": allowed}
                    )
                    response["Allow"] = allowed
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    return wrapper


def nothing_here(request: HttpRequest, path: str) -> HttpResponse:
    raise Http404


def answered_patterns(patterns: list[URLPattern | URLResolver]) -> list[URLPattern]:
    found: list[URLPattern] = []
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)  # ninja gives plain patterns
        # The operations answer only their own methods; the description and the interactive
        # page, any method, unless they are read-only too.
        view = (
            require_safe(pattern.callback)
            if pattern.name in ("openapi-json", "openapi-view")
            else pattern.callback
        )
        found.append(
            URLPattern(pattern.pattern, answered(view), pattern.default_args, pattern.name)
        )
    return found


urlpatterns = [
    *answered_patterns(api.urls[0]),
    # Any other address under /api/v1/: the same 404, in the same shape.
    re_path(r"^(?P<path>.*)$", answered(nothing_here), name="nothing_here"),
]
