from django.contrib import admin
from django.http import HttpRequest

from entraide.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ("at", "action", "actor", "subject", "group", "organisation", "detail")
    list_filter = ("action", "organisation")
    list_select_related = ("actor", "subject", "group", "organisation")

    # The journal is read, never edited.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
