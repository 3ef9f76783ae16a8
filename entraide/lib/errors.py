"""The site's own error pages, translated: 400, 403, 404 and 500 (named in `entraide/urls.py`),
the 403 of a form sent without its security token (`CSRF_FAILURE_VIEW`), `429.html`, which
allauth renders itself when someone asks too often, and the 503 of a site too busy
(`too_busy`, from `middleware.LoadSheddingMiddleware` or a wait for a database connection).

Django's defaults draw 400 and 500 without the request, so the page frame would lose its
language and its menu; these views draw 400, 403 and 404 with it, through the context
processors like any page. The 500 page is drawn from a template of its own, with no context
processor and no database: whatever broke may be the database itself.
"""

import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import requires_csrf_token
from psycopg_pool import PoolTimeout

# How long a person is asked to wait before trying again when the site is too busy.
RETRY_AFTER_SECONDS = 10
# Where the REST API answers, in JSON rather than pages (entraide/api/).
API_PREFIX = "/api/"


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        # A request refused before it reached the API (a NUL character): its clients read
        # its one error shape (entraide/api/errors.py), in the language they ask for.
        with translation.override(asked_language(request.headers.get("Accept-Language", ""))):
            message = _("La demande est illisible.")
        return JsonResponse({"error": {"code": "bad_request", "message": message}}, status=400)
    return render(request, "400.html", status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token: most often a page left open too long."""
    return render(request, "403.html", {"expired_form": True}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The same page, byte for byte, for a page that does not exist and one that is not yours
    (membership/access.py): it holds neither the path nor a security token."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page; or, when all that failed was waiting for a free database connection, the
    503 of a site too busy: load is not an error of the site, and the person may come back."""
    failure = sys.exc_info()[1]
    if isinstance(failure, PoolTimeout) or isinstance(
        getattr(failure, "__cause__", None), PoolTimeout
    ):
        return too_busy(request)
    page = loader.get_template("500.html").render(
        {"LANGUAGE_CODE": get_language(), "SITE_NAME": settings.SITE_NAME}
    )
    return HttpResponseServerError(page)


def too_busy(request: HttpRequest) -> HttpResponse:
    """503 with `Retry-After`, in the language the browser asks for (see `busy_page`)."""
    response = HttpResponse(busy_page(request.headers.get("Accept-Language", "")), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Load is not a fault of the site: Django's error line, which an error report would follow,
    # is left out.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def asked_language(accept_language: str) -> str:
    """The first language of an `Accept-Language` header that the site speaks, else its own."""
    for asked, _weight in parse_accept_lang_header(accept_language):
        if asked == "*":
            break
        try:
            return get_supported_language_variant(asked)
        except LookupError:
            continue
    return str(settings.LANGUAGE_CODE)


def busy_page(accept_language: str) -> bytes:
    """The page of a site too busy, in the first language of `Accept-Language` that the site
    speaks; drawn like the 500 page, with no context processor, no session and no database."""
    language = asked_language(accept_language)
    with translation.override(language):
        page = loader.get_template("503.html").render(
            {"LANGUAGE_CODE": language, "SITE_NAME": settings.SITE_NAME}
        )
    return page.encode()
