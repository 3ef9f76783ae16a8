from django.contrib import admin

from entraide.organisations.models import Organisation, OrganisationRole


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


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin[OrganisationRole]):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role", "organisation")
    list_select_related = ("user", "organisation")
    search_fields = ("user__email", "user__display_name", "organisation__name")
    raw_id_fields = ("user",)
