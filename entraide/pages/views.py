from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from entraide.directory.counts import directory_counts, themes_in_use
from entraide.directory.forms import SearchForm


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/home.html",
        {
            "form": SearchForm(),
            "themes": themes_in_use(),
            "group_count": directory_counts().groups,
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
