from django.contrib import admin
from django.http import HttpRequest

from entraide.accompaniment.models import CoordinatorNote, Review, ReviewAnswer, SupportRequest


class ReadOnly:
    """Read, never written from the admin: the pages and their actions do the writing."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CoordinatorNote)
class CoordinatorNoteAdmin(ReadOnly, admin.ModelAdmin[CoordinatorNote]):
    list_display = ("initiative", "organisation", "author", "created_at")
    list_filter = ("organisation",)
    list_select_related = ("initiative__group", "organisation", "author")


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin[SupportRequest]):
    list_display = ("group", "kind", "status", "created_at", "answered_at")
    list_filter = ("status", "kind")
    list_select_related = ("group",)
    raw_id_fields = ("group", "created_by", "answered_by")
    search_fields = ("group__name",)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin[Review]):
    list_display = ("group", "due_on", "status", "done_at")
    list_filter = ("status",)
    list_select_related = ("group",)
    raw_id_fields = ("group", "done_by")
    search_fields = ("group__name",)


@admin.register(ReviewAnswer)
class ReviewAnswerAdmin(ReadOnly, admin.ModelAdmin[ReviewAnswer]):
    # Never the member's name: the answers reach the organisation without it, and the admin
    # keeps that promise too.
    fields = ("review", "satisfaction", "heard", "works_well", "to_change", "support_wanted")
    list_display = ("review", "satisfaction", "heard", "answered_at")
    list_select_related = ("review__group",)
