from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from entraide.directory.counts import directory_counts, themes_in_use
from entraide.directory.forms import SearchForm
from entraide.pages import audit

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
    """The accessibility statement, with every part the law asks for, from the audit
    (`audit.py`, which also writes the grid of `docs/accessibility.md`)."""
    return render(
        request,
        "pages/accessibility.html",
        {
            "rgaa_version": audit.RGAA_VERSION,
            "audit_date": audit.AUDIT_DATE,
            "statement_date": audit.STATEMENT_DATE,
            "figures": audit.figures(),
            "failures": [
                (criterion, failure)
                for criterion, failure in sorted(
                    audit.NOT_MET.items(), key=lambda item: [int(n) for n in item[0].split(".")]
                )
            ],
            "other_work": audit.OTHER_WORK,
            "pages": audit.PAGES,
            "tools": audit.TOOLS,
            "environment": audit.ENVIRONMENT,
            "contact_email": settings.ENTRAIDE_CONTACT_EMAIL,
            "site_url": settings.SITE_URL,
        },
    )


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
