from django.contrib import admin

from entraide.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "town", "country")
    search_fields = ("name", "town")
    list_filter = ("country",)
    prepopulated_fields = {"slug": ("name",)}
