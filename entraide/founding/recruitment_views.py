"""Work in progress this session: each view is written by the helper that owns this file."""

from django.http import Http404, HttpRequest, HttpResponse


def recruitment(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def relay(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def flyer(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
