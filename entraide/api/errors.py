"""The API's one error shape, `{"error": {"code": "...", "message": "..."}}`, and its language.

The message is in the language of the request's Accept-Language, French or English (French
when neither is asked for): a program reads the code, a person the message.
"""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header


class ApiError(Exception):
    """An answer other than the one asked for: its status, its code, its words."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_response(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def language_of(request: HttpRequest) -> str:
    """The first language of Accept-Language that we speak, else French. The site's own
    pages follow the language switch instead; an API client has no switch to press."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return str(settings.LANGUAGE_CODE)
