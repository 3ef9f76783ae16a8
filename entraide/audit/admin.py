from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from entraide.audit.models import CARNET_ACTIONS, CONCERN_ACTIONS, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ("at", "action", "actor", "subject", "group", "organisation", "detail")
    list_filter = ("action", "organisation")
    list_select_related = ("actor", "subject", "group", "organisation")

    # The site's staff do not see that a concern exists (its handlers do, in their journal),
    # nor what a person did with their own carnet.
    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEvent]:
        return (
            super()
            .get_queryset(request)
            .exclude(action__startswith=CONCERN_ACTIONS)
            .exclude(action__startswith=CARNET_ACTIONS)
        )

    # The journal is read, never edited.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
