"""Work in progress this session: each view is written by the helper that owns this file."""

from django.http import Http404, HttpRequest, HttpResponse


def start(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def overview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def interview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def edit_group(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def accompaniment(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def stage(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def sessions(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def session(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def invite(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def join(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def interest(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
