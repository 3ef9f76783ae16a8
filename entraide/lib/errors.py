"""The site's own error pages, translated: 400, 403, 404 and 500 (named in `entraide/urls.py`),
the 403 of a form sent without its security token (`CSRF_FAILURE_VIEW`), and `429.html`, which
allauth renders itself when someone asks too often.

Django's defaults draw 400 and 500 without the request, so the page frame would lose its
language and its menu; these views draw 400, 403 and 404 with it, through the context
processors like any page. The 500 page is drawn from a template of its own, with no context
processor and no database: whatever broke may be the database itself.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
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
    page = loader.get_template("500.html").render(
        {"LANGUAGE_CODE": get_language(), "SITE_NAME": settings.SITE_NAME}
    )
    return HttpResponseServerError(page)
