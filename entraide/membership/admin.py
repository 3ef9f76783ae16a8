from django.contrib import admin

from entraide.membership.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "group", "role", "status", "requested_at")
    list_filter = ("role", "status")
    search_fields = ("group__name", "user__display_name")
    list_select_related = ("user", "group")
    raw_id_fields = ("user", "group")
