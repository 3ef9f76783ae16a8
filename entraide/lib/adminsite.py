"""The admin site: private like every page, but behind its own login page."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver


class AdminSite(admin.AdminSite):
    """Django's admin site, whose views the project's LoginRequiredMiddleware lets through.

    Every admin view checks the person itself and sends a visitor to the admin's own login
    page, with the admin's never-cache headers. Django points the middleware there for the
    site's own views only: a model's list would send a visitor to the members' login page.
    Opting every admin view out keeps the admin's single behaviour.
    """

    def get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super().get_urls()
        opt_out(patterns)
        return patterns


def opt_out(patterns: list[URLResolver | URLPattern]) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            opt_out(pattern.url_patterns)
        elif getattr(pattern.callback, "login_required", True):
            login_not_required(pattern.callback)


class AdminConfig(DjangoAdminConfig):
    default_site = "entraide.lib.adminsite.AdminSite"
