"""The REST API, `/api/v1/`, described by OpenAPI 3.1 at `/api/v1/openapi.json`.

Three routers: the public, read-only directory (`public.py`, no authentication, the same
answers for everyone); a person's own groups and meetings (`personal.py`) and the
coordinators' board and report (`coordination.py`), each with `auth=` a personal token made in
"Mon compte" (`auth.py`: checked against its hash, its expiry and, to write, its scope). No
router reads the session.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from entraide.api import coordination, personal, public
from entraide.api.errors import ApiError, error_response

DESCRIPTION = """\
The public directory of Entraide's peer-support groups, read-only: themes, the organisations
that accompany groups, and the groups themselves with the directory's own search.

Nothing private ever leaves: no member, no meeting place (only the town, its postal code and a
point rounded to about a kilometre), no video link, no private contact address.

With a personal token (`Authorization: Bearer ent_…`, made in « Mon compte »), a person reads
their own groups and next meetings and answers a meeting (a token that may write); a
coordinator reads their organisation's board and its programme report, whose figures follow the
rule of five. Never another member's name or answer, nor a meeting's place or link.

Every error has one shape: `{"error": {"code": "...", "message": "..."}}`; the message is in
French or English, following `Accept-Language` (French by default). Each address may make a
limited number of requests a minute, and so may each token; beyond it the answer is 429 with
`Retry-After`.
"""

api = NinjaAPI(
    title="Entraide",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # The interactive documentation: Swagger UI from django-ninja's own static files ("ninja"
    # is an installed app), in our frame (templates/ninja/swagger.html); nothing from a CDN.
    docs_url="/docs/",
    # No links inside the operations' buttons (an interactive element in another, for
    # screen readers): the page's addresses do not follow the operation opened.
    docs=Swagger(
        settings={
            "deepLinking": False,
            "defaultModelsExpandDepth": -1,
            # Plain answers: the highlighter's colours fall below 4.5:1 on its dark ground.
            "syntaxHighlight": {"activated": False},
        }
    ),
    openapi_url="/openapi.json",
    # Public by default: the personal and coordinators' routers name their own `auth=`.
    auth=None,
)
api.add_router("/", public.router)
api.add_router("/", personal.router)
api.add_router("/", coordination.router)


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message, exc.headers)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        401,
        "unauthorized",
        _(
            "Il faut un jeton valide : « Authorization: Bearer ent_… ». Créez-en un dans "
            "« Mon compte » ; un jeton supprimé ou expiré ne marche plus."
        ),
        {"WWW-Authenticate": 'Bearer realm="entraide"'},
    )


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
