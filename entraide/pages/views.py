from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from entraide.directory.access import public_groups
from entraide.directory.forms import SearchForm
from entraide.directory.models import Theme


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    themes = (
        Theme.objects.offered()
        .annotate(group_count=Count("groups", filter=Q(groups__is_published=True)))
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


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@login_not_required
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@login_not_required
def ping(request: HttpRequest) -> HttpResponse:
    """The smallest Django view: a health check, and the benchmarks' baseline."""
    return HttpResponse("ok", content_type="text/plain")
