from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.accompaniment.models import (
    CoordinatorNote,
    Question,
    Questionnaire,
    Review,
    SupportRequest,
)
from entraide.founding.models import READ_WITHIN, Initiative


class ReadOnly:
    """Read, never written from the admin: the pages and their actions do the writing."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CoordinatorNote)
class CoordinatorNoteAdmin(ReadOnly, admin.ModelAdmin[CoordinatorNote]):
    list_display = ("initiative", "organisation", "author", "created_at")
    list_filter = ("organisation",)
    list_select_related = ("initiative__group", "organisation", "author")


class WaitingTooLong(admin.SimpleListFilter):
    """Support requests nobody answered for a week: the organisation may have no one on the
    site (they went to its contact address), and the site team may call it."""

    title = _("à regarder")
    parameter_name = "attention"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        return [("waiting", str(_("Sans réponse depuis 7 jours")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[SupportRequest]
    ) -> QuerySet[SupportRequest]:
        if self.value() == "waiting":
            return queryset.filter(
                status=SupportRequest.Status.OPEN,
                created_at__lte=timezone.now() - READ_WITHIN,
            )
        return queryset


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin[SupportRequest]):
    list_display = ("group", "kind", "offer", "status", "created_at", "answered_at", "given")
    list_filter = (WaitingTooLong, "status", "kind")
    list_select_related = ("group",)
    raw_id_fields = ("group", "created_by", "answered_by")
    search_fields = ("group__name",)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin[Review]):
    list_display = ("group", "due_on", "status", "done_at")
    list_filter = ("status",)
    list_select_related = ("group",)
    raw_id_fields = ("group", "done_by")
    search_fields = ("group__name",)


class QuestionInline(admin.TabularInline[Question, Questionnaire]):
    model = Question
    fields = ("position", "kind", "wording", "is_retired")
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnly, admin.ModelAdmin[Questionnaire]):
    # The answers have no admin page: they are only read through the pages, as figures from
    # five answers on, without any name.
    list_display = ("title", "organisation", "purpose", "is_active")
    list_filter = ("purpose",)
    inlines = (QuestionInline,)


class NeedsTheSiteTeam(admin.SimpleListFilter):
    """What a person from the site team should look at: requests nobody read for a week (the
    organisation may have no one on the site, or its contact address may be stale), and
    projects whose initiator deleted their account."""

    title = _("à regarder")
    parameter_name = "attention"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        return [
            ("unread", str(_("Demande d'accompagnement non lue depuis 7 jours"))),
            ("orphaned", str(_("Projet sans personne à l'initiative"))),
        ]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Initiative]
    ) -> QuerySet[Initiative]:
        if self.value() == "unread":
            return unread_requests(queryset)
        if self.value() == "orphaned":
            return queryset.filter(initiator__isnull=True).exclude(
                stage=Initiative.Stage.AUTONOMOUS
            )
        return queryset


def unread_requests(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return queryset.filter(
        accompaniment=Initiative.Accompaniment.REQUESTED,
        accompaniment_read_at__isnull=True,
        accompaniment_requested_at__lte=timezone.now() - READ_WITHIN,
    )


@admin.register(Initiative)
class InitiativeAdmin(ReadOnly, admin.ModelAdmin[Initiative]):
    """The projects of groups, for the site team: where each stands, never the interview."""

    fields = (
        "group",
        "stage",
        "organisation",
        "accompaniment",
        "accompaniment_requested_at",
        "accompaniment_read_at",
        "accompaniment_decided_at",
        "created_at",
    )
    list_display = (
        "group",
        "stage",
        "organisation",
        "accompaniment",
        "accompaniment_requested_at",
        "accompaniment_read_at",
    )
    list_filter = (NeedsTheSiteTeam, "stage", "accompaniment")
    list_select_related = ("group", "organisation")
    search_fields = ("group__name", "organisation__name")
