from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("api/v1/", include("entraide.api.urls")),
    path("", include("entraide.federation.urls")),
    path("", include("entraide.pages.urls")),
    path("", include("entraide.directory.urls")),
    path("", include("entraide.membership.urls")),
    path("", include("entraide.founding.urls")),
    path("", include("entraide.charters.urls")),
    path("", include("entraide.accompaniment.urls")),
    path("", include("entraide.meetings.urls")),
    path("", include("entraide.circles.urls")),
    path("", include("entraide.proposals.urls")),
    path("", include("entraide.carnet.urls")),
    path("", include("entraide.safeguarding.urls")),
    path("", include("entraide.guide.urls")),
    path("", include("entraide.health.urls")),
    path("", include("entraide.workshops.urls")),
    path("", include("entraide.pairing.urls")),
    path("", include("entraide.reports.urls")),
    path("", include("entraide.organisations.urls")),
    path("compte/", include("entraide.accounts.urls")),
    path("compte/jetons/", include("entraide.api.account_urls")),
    path("compte/", include("allauth.urls")),
    path("langue/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

# Our own translated error pages (entraide/lib/errors.py; 429.html is rendered by allauth).
handler400 = "entraide.lib.errors.bad_request"
handler403 = "entraide.lib.errors.permission_denied"
handler404 = "entraide.lib.errors.page_not_found"
handler500 = "entraide.lib.errors.server_error"
