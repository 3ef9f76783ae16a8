"""The API's one error shape, `{"error": {"code": "...", "message": "..."}}`, and its language.

The message is in the language of the request's Accept-Language, French or English (French
when neither is asked for): a program reads the code, a person the message.
"""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from entraide.lib.errors import asked_language


class ApiError(Exception):
    """An answer other than the one asked for: its status, its code, its words, and any
    header it needs (`Retry-After`, `WWW-Authenticate`)."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JsonResponse:
    response = JsonResponse({"error": {"code": code, "message": message}}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def too_many_requests(window_seconds: int) -> ApiError:
    return ApiError(
        429,
        "too_many_requests",
        _("Trop de demandes en peu de temps. Réessayez dans une minute."),
        {"Retry-After": str(window_seconds)},
    )


def language_of(request: HttpRequest) -> str:
    """The first language of Accept-Language that we speak, else French. The site's own
    pages follow the language switch instead; an API client has no switch to press."""
    return asked_language(request.headers.get("Accept-Language", ""))
