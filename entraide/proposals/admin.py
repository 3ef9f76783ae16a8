"""Proposals in the admin: read only, and never the people in them (their homes, names and
e-mail addresses are for the organisation's coordinators, on the proposal's page)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from entraide.proposals.models import Proposal
from entraide.proposals.views import with_counts


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin[Proposal]):
    list_display = ("name", "organisation", "status", "created_at", "people", "group_count")
    list_filter = ("status", "source")
    list_select_related = ("organisation",)
    search_fields = ("name", "organisation__name")
    fields = (
        "organisation",
        "name",
        "source",
        "status",
        "progress",
        "min_size",
        "max_size",
        "max_km",
        "same_language",
        "same_theme",
        "people",
        "group_count",
        "total_km",
        "lower_bound_km",
        "seconds",
        "created_at",
        "finished_at",
        "groups_created_at",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Proposal]:
        return with_counts(super().get_queryset(request))

    @admin.display(description=_("personnes"))
    def people(self, proposal: Proposal) -> int:
        return int(getattr(proposal, "people", 0))

    @admin.display(description=_("groupes"))
    def group_count(self, proposal: Proposal) -> int:
        return int(getattr(proposal, "group_count", 0))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
