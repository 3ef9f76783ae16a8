"""Series and meetings, to look at only: changing them goes through the group's pages, whose
actions plan the meetings, keep the directory's rhythm in step and tell the members."""

from django.contrib import admin
from django.http import HttpRequest

from entraide.meetings.models import Meeting, MeetingSeries


class ReadOnly[M: (MeetingSeries, Meeting)](admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(ReadOnly[MeetingSeries]):
    list_display = ("group", "rule", "starts_on", "start_time", "end_time", "venue", "is_active")
    list_filter = ("venue", "is_active")
    search_fields = ("group__name",)
    list_select_related = ("group",)
    # The address and the link are the group's private side: not shown here.
    exclude = ("place", "online_link")


@admin.register(Meeting)
class MeetingAdmin(ReadOnly[Meeting]):
    list_display = ("group", "starts_at", "ends_at", "status", "series")
    list_filter = ("status",)
    search_fields = ("group__name",)
    list_select_related = ("group", "series")
    date_hierarchy = "starts_at"
    exclude = ("place", "online_link", "agenda", "note", "host")
