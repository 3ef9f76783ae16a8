from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from entraide.directory.counts import directory_counts, themes_in_use
from entraide.directory.forms import SearchForm

# Private spaces, secret links and forms: nothing there for a search engine.
ROBOTS_DISALLOW = ("/mes-groupes/", "/compte/", "/agenda/", "/equipe/", "/lieux/")


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


@login_not_required
def robots(request: HttpRequest) -> HttpResponse:
    """Where search engines are welcome: the public pages, listed by the sitemap; not the
    private spaces, which answer a stranger with the login page or 404 anyway."""
    lines = [
        "User-agent: *",
        *(f"Disallow: {prefix}" for prefix in ROBOTS_DISALLOW),
        f"Sitemap: {request.build_absolute_uri(reverse('pages:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
