"""The REST API, `/api/v1/`, described by OpenAPI 3.1 at `/api/v1/openapi.json`.

Today it is public and read-only (`public.py`). Personal and coordinators' parts come with
tokens a person creates in "Mon compte": each will be a router of its own, added below with
its `auth=` (a token checked against its hash and scopes), so the public router keeps
answering the same to everyone and never reads a session.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from entraide.api import public
from entraide.api.errors import ApiError, error_response

DESCRIPTION = """\
The public directory of Entraide's peer-support groups, read-only: themes, the organisations
that accompany groups, and the groups themselves with the directory's own search.

Nothing private ever leaves: no member, no meeting place (only the town, its postal code and a
point rounded to about a kilometre), no video link, no private contact address.

Every error has one shape: `{"error": {"code": "...", "message": "..."}}`; the message is in
French or English, following `Accept-Language` (French by default). Each address may make a
limited number of requests a minute; beyond it the answer is 429 with `Retry-After`.
"""

api = NinjaAPI(
    title="Entraide",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # The interactive documentation of django-ninja loads Swagger UI from a CDN: see
    # docs/architecture.md (Decisions) and docs/api.md instead.
    docs_url=None,
    openapi_url="/openapi.json",
    # Public: no authentication, and the answers are the same for everyone.
    auth=None,
)
api.add_router("/", public.router)


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message)


@api.exception_handler(ValidationError)
def invalid_parameter(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: list[dict[str, Any]] = list(exc.errors)
    location = errors[0].get("loc", ()) if errors else ()
    names = [str(part) for part in location if isinstance(part, str) and part != "query"]
    name = names[-1] if names else "?"
    return error_response(
        400,
        "invalid_parameter",
        _("Le paramètre « %(name)s » n'a pas une valeur possible.") % {"name": name},
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "not_found", _("Il n'y a rien à cette adresse."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code, "error", _("La demande n'a pas pu aboutir."))
