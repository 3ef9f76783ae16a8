"""sitemap.xml: the public pages, each published group and each organisation, for search
engines. Nothing private is listed: a group's private space, an unpublished group or an
invitation never appear."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from entraide.directory.access import public_groups
from entraide.directory.models import SupportGroup
from entraide.organisations.models import Organisation

FIXED_PAGES = (
    "pages:home",
    "directory:search",
    "directory:organisations",
    "guide:guide",
    "guide:faq",
    "guide:help_now",
    "pages:accessibility",
    "pages:privacy",
    "pages:site_plan",
)


class FixedPages(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"

    def items(self) -> tuple[str, ...]:
        return FIXED_PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class Groups(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"

    def items(self) -> QuerySet[SupportGroup]:
        return public_groups().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: SupportGroup) -> dt.datetime:
        return item.updated_at


class Organisations(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"

    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.only("slug").order_by("pk")


SITEMAPS = {"pages": FixedPages, "groups": Groups, "organisations": Organisations}
