"""The API's one error shape, `{"error": {"code": "...", "message": "..."}}`, and its language.

The message is in the language of the request's Accept-Language, French or English (French
when neither is asked for): a program reads the code, a person the message.
"""

from django.http import HttpRequest, JsonResponse

from entraide.lib.errors import asked_language


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
    return asked_language(request.headers.get("Accept-Language", ""))
