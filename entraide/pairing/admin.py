"""The programmes in the admin: read only. What a person wrote about their life, the interview
notes and the decision's message are never listed nor shown here (their columns hold tokens)."""

from django.contrib import admin
from django.http import HttpRequest

from entraide.pairing.models import (
    Debrief,
    Pair,
    PeerApplication,
    PeerRequest,
    Programme,
    TrainingModule,
    TrainingRecord,
)


class ReadOnly:
    """Read, never written from the admin: the programme's pages and their actions write."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ModuleInline(ReadOnly, admin.TabularInline[TrainingModule, Programme]):
    model = TrainingModule
    fields = ("name", "is_required", "position")
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ReadOnly, admin.ModelAdmin[Programme]):
    list_display = ("name", "organisation", "kind", "is_published")
    list_filter = ("kind", "is_published", "organisation")
    list_select_related = ("organisation",)
    inlines = [ModuleInline]


@admin.register(PeerApplication)
class PeerApplicationAdmin(ReadOnly, admin.ModelAdmin[PeerApplication]):
    list_display = ("programme", "user", "status", "submitted_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("programme", "user")
    fields = (
        "programme",
        "user",
        "status",
        "submitted_at",
        "interview_at",
        "interview_mode",
        "decided_at",
        "decided_by",
        "withdrawn_at",
        "capacity",
        "shifts_per_month",
    )


@admin.register(TrainingRecord)
class TrainingRecordAdmin(ReadOnly, admin.ModelAdmin[TrainingRecord]):
    list_display = ("application", "module", "done_on", "trainer")
    list_select_related = ("application__programme", "application__user", "module")


@admin.register(Debrief)
class DebriefAdmin(ReadOnly, admin.ModelAdmin[Debrief]):
    list_display = ("application", "asked_at", "done_on")
    list_select_related = ("application__programme", "application__user")
    fields = ("application", "asked_at", "done_on", "done_by")


@admin.register(PeerRequest)
class PeerRequestAdmin(ReadOnly, admin.ModelAdmin[PeerRequest]):
    list_display = ("programme", "user", "status", "created_at", "consent_at")
    list_filter = ("status",)
    list_select_related = ("programme", "user")
    fields = ("programme", "user", "status", "mode", "created_at", "consent_at", "withdrawn_at")


# Pairs (parts 4 and 5): who, when, where it stands; never a message, a word, a phone, nor a
# check-in's answers.


@admin.register(Pair)
class PairAdmin(ReadOnly, admin.ModelAdmin[Pair]):
    list_display = ("request", "volunteer", "status", "proposed_at", "activated_at", "ended_at")
    list_filter = ("status",)
    list_select_related = ("request__programme", "request__user", "volunteer__user")
    fields = (
        "request",
        "volunteer",
        "status",
        "proposed_by",
        "proposed_at",
        "seeker_accepted_at",
        "volunteer_accepted_at",
        "activated_at",
        "ended_at",
        "ended_by",
    )
