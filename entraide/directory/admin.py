from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from entraide.directory.actions import refresh_search_text
from entraide.directory.models import SupportGroup, Theme
from entraide.lib import places


class SupportGroupForm(forms.ModelForm[SupportGroup]):
    """Staff type a postal code or a town; the approximate point is found for them."""

    class Meta:
        model = SupportGroup
        # The admin's fieldsets choose the fields; the searchable words are never typed.
        exclude = ("search_text",)  # noqa: DJ006

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("format") != SupportGroup.Format.ONLINE and data.get("latitude") is None:
            query = " ".join(filter(None, [data.get("postal_code"), data.get("town")]))
            place = places.resolve(query, country=data.get("country")) if query else None
            if place is None:
                raise forms.ValidationError(
                    _("Nous ne trouvons pas ce lieu : indiquez un code postal et une ville connus.")
                )
            data["latitude"], data["longitude"] = place.lat, place.lon
            data["town"] = data.get("town") or place.name
            self.instance.latitude, self.instance.longitude = place.lat, place.lon
        return data


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    # The site team accepts a proposed theme here too (tick "acceptée", give its domain).
    list_display = ("name_fr", "name_en", "domain", "is_accepted", "added_by")
    list_filter = ("is_accepted", "domain")
    search_fields = ("name_fr", "name_en", "keywords")
    raw_id_fields = ("proposed_for",)
    prepopulated_fields = {"slug": ("name_fr",)}

    def save_model(self, request: HttpRequest, obj: Theme, form: Any, change: bool) -> None:
        # Its names and other words are part of each of its groups' searchable words.
        super().save_model(request, obj, form, change)
        for group in obj.groups.all():
            refresh_search_text(group)


@admin.register(SupportGroup)
class SupportGroupAdmin(admin.ModelAdmin[SupportGroup]):
    form = SupportGroupForm
    list_display = ("name", "town", "country", "status", "accepting_members", "is_published")
    list_filter = ("status", "format", "country", "is_published", "themes", "organisation")
    search_fields = ("name", "town", "postal_code")
    list_select_related = ("organisation",)
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("themes",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "organisation", "summary", "description", "themes")}),
        (
            _("Public"),
            {"fields": ("kind", "audience", "companions_welcome", "format", "languages")},
        ),
        (
            _("Lieu"),
            {
                "fields": (
                    "country",
                    "postal_code",
                    "town",
                    "latitude",
                    "longitude",
                    "meeting_place",
                )
            },
        ),
        (
            _("Rythme"),
            {
                "fields": (
                    "frequency",
                    "weekday",
                    "week_of_month",
                    "day_of_month",
                    "start_time",
                    "end_time",
                    "first_meeting_on",
                    "rhythm_note",
                )
            },
        ),
        (_("Coût"), {"fields": ("cost", "cost_amount")}),
        (
            _("Accessibilité"),
            {
                "fields": (
                    "step_free_access",
                    "hearing_loop",
                    "sign_language",
                    "easy_read",
                    "accessibility_note",
                )
            },
        ),
        (_("État"), {"fields": ("status", "accepting_members", "is_published")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[SupportGroup]:
        return super().get_queryset(request).select_related("organisation")

    def save_related(
        self, request: HttpRequest, form: ModelForm[SupportGroup], formsets: Any, change: bool
    ) -> None:
        # The themes are saved with the related objects, so the words are refreshed after.
        super().save_related(request, form, formsets, change)
        refresh_search_text(form.instance)
