from django.contrib import admin
from django.http import HttpRequest

from entraide.workshops.models import Registration, Workshop


class ReadOnly:
    """Read, never written from the admin: the organisation's pages and their actions write."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Workshop)
class WorkshopAdmin(ReadOnly, admin.ModelAdmin[Workshop]):
    list_display = ("title", "organisation", "starts_at", "capacity", "status")
    list_filter = ("status", "organisation")
    list_select_related = ("organisation",)


@admin.register(Registration)
class RegistrationAdmin(ReadOnly, admin.ModelAdmin[Registration]):
    list_display = ("workshop", "user", "registered_at", "waiting", "cancelled_at", "attended")
    list_select_related = ("workshop", "user")
