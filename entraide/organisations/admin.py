from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.organisations.models import Organisation, OrganisationRole, TeamInvitation


def record_role_change(request: HttpRequest, role: OrganisationRole, what: str) -> None:
    by = request.user if isinstance(request.user, User) else None
    record(
        AuditEvent.Action.ROLE_CHANGED,
        by=by,
        subject=role.user,
        organisation=role.organisation,
        detail=f"{role.role} {what}",
    )


class OrganisationRoleInline(admin.TabularInline[OrganisationRole, Organisation]):
    model = OrganisationRole
    extra = 0
    raw_id_fields = ("user",)
    readonly_fields = ("created_at",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "town", "country")
    search_fields = ("name", "town")
    list_filter = ("country",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (OrganisationRoleInline,)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Roles given or removed from the organisation's page go to the journal too.
        for removed in formset.deleted_forms:
            if removed.instance.pk:
                record_role_change(request, removed.instance, "removed")
        super().save_formset(request, form, formset, change)
        for given in formset.new_objects + [pair[0] for pair in formset.changed_objects]:
            record_role_change(request, given, "given")


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin[OrganisationRole]):
    def save_model(
        self, request: HttpRequest, obj: OrganisationRole, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        record_role_change(request, obj, "given")

    def delete_model(self, request: HttpRequest, obj: OrganisationRole) -> None:
        record_role_change(request, obj, "removed")
        super().delete_model(request, obj)

    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role", "organisation")
    list_select_related = ("user", "organisation")
    search_fields = ("user__email", "user__display_name", "organisation__name")
    raw_id_fields = ("user",)


@admin.register(TeamInvitation)
class TeamInvitationAdmin(admin.ModelAdmin[TeamInvitation]):
    """The invitations sent by organisations' admins, read-only: to whom, which role, by whom,
    whether used. Never the token: it would let whoever reads it take the role. Those used or
    expired a month ago are deleted by `manage.py purge_invitations`."""

    list_display = (
        "email",
        "organisation",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "state",
    )
    list_filter = ("role", "organisation")
    list_select_related = ("organisation", "invited_by")
    search_fields = ("email", "organisation__name")
    fields = (
        "organisation",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "state",
    )
    readonly_fields = fields

    @admin.display(description=_("état"))
    def state(self, invitation: TeamInvitation) -> str:
        if invitation.accepted_at is not None:
            return str(_("acceptée"))
        if invitation.expires_at <= timezone.now():
            return str(_("expirée"))
        return str(_("en attente"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: TeamInvitation | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: TeamInvitation | None = None
    ) -> bool:
        # Withdrawn from the team page (in the journal), or deleted when old.
        return False
