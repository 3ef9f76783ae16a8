from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from entraide.directory.access import public_groups
from entraide.directory.forms import SearchForm
from entraide.directory.models import Theme


def home(request: HttpRequest) -> HttpResponse:
    themes = (
        Theme.objects.annotate(group_count=Count("groups", filter=Q(groups__is_published=True)))
        .filter(group_count__gt=0)
        .order_by("name_fr")
    )
    return render(
        request,
        "pages/home.html",
        {
            "form": SearchForm(),
            "themes": themes,
            "group_count": public_groups().count(),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


def ping(request: HttpRequest) -> HttpResponse:
    """The smallest Django view: a health check, and the benchmarks' baseline."""
    return HttpResponse("ok", content_type="text/plain")
