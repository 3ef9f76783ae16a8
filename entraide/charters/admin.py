from django.contrib import admin

from entraide.charters.models import Charter, Comment, Consent, Signature


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin[Charter]):
    list_display = ("group", "version", "status", "consent_opened_at", "adopted_at")
    list_filter = ("status",)
    search_fields = ("group__name",)
    list_select_related = ("group",)
    raw_id_fields = ("group", "created_by")
    # The text and the consent belong to the group's members: staff read them, never write.
    readonly_fields = ("status", "consent_opened_at", "adopted_at", "answers")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ("charter", "question", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("charter", "charter__group")
    raw_id_fields = ("charter", "author")


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin[Consent]):
    list_display = ("charter", "decision", "decided_at")
    list_filter = ("decision",)
    list_select_related = ("charter", "charter__group")
    raw_id_fields = ("charter", "user")


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin[Signature]):
    list_display = ("charter", "signed_at")
    list_select_related = ("charter", "charter__group")
    raw_id_fields = ("charter", "user")
