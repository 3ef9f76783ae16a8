"""The carnet's forms: a page of the carnet, a preparation, the export's format.

The prompts come from seed 003 (prepare what you want to share, note your impressions after
each meeting, share at your own pace), in our own words. Nothing is required but a few words
or a mood: an empty page is refused, and a refused page keeps every word that was written.
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from entraide.carnet.models import TEXT_MAX, Mood

EARLIEST_DAY = dt.date(2000, 1, 1)


def text_errors() -> dict[str, Any]:
    return {
        "max_length": _(
            "Ce texte est trop long : %(limit_value)d caractères au plus "
            "(il en a %(show_value)d). Rien n'est perdu : raccourcissez-le un peu."
        )
    }


def words(label: Any, help_text: Any, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=text_errors(),
    )


class EntryForm(forms.Form):
    day = forms.DateField(
        label=_("Le jour"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Indiquez le jour dont parle cette page."),
            "invalid": _(
                "Ce jour n'est pas une date que nous reconnaissons, par exemple 2026-03-03."
            ),
        },
    )
    mood = forms.TypedChoiceField(
        label=_("Comment ça va, de 1 à 5 ?"),
        help_text=_("1 : très difficile. 5 : très bien. Vous pouvez aussi ne rien choisir."),
        choices=[
            ("", _("Je préfère ne pas le dire")),
            *[(mood.value, format_lazy("{} — {}", mood.value, mood.label)) for mood in Mood],
        ],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez une humeur entre 1 et 5.")},
    )
    feeling = words(
        _("Comment je me sens"),
        _("En arrivant, en repartant… Il est normal d'être ému·e."),
    )
    takeaway = words(
        _("Ce que je retiens"),
        _("Un moment, une phrase, un conseil ou un silence que vous voulez garder."),
    )
    next_time = words(
        _("Ce que je veux apporter la prochaine fois"),
        _(
            "Ce que vous aimeriez partager, à votre rythme, ou un thème à proposer au groupe. "
            "Rien ne vous oblige à parler."
        ),
    )

    def clean_day(self) -> dt.date:
        day: dt.date = self.cleaned_data["day"]
        # One day of margin: a person far east of Paris may already be tomorrow.
        if day > timezone.localdate() + dt.timedelta(days=1):
            raise ValidationError(_("Ce jour n'est pas encore arrivé."), code="future")
        if day < EARLIEST_DAY:
            raise ValidationError(_("Ce jour est trop ancien."), code="too_old")
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        texts = [cleaned.get(name) for name in ("feeling", "takeaway", "next_time")]
        nothing = cleaned.get("mood") is None and not any(texts)
        # Only when every field is valid: a wrong mood is told as such, not as an empty page.
        if nothing and not self.errors:
            raise ValidationError(
                _("Cette page est vide : choisissez une humeur ou écrivez quelques mots."),
                code="empty",
            )
        return cleaned


class PreparationForm(forms.Form):
    text = forms.CharField(
        label=_("Ma préparation"),
        help_text=_(
            "Ce que vous aimeriez partager si vous vous sentez prêt·e, une question à poser, "
            "un thème à proposer. Vous la retrouverez le jour de la rencontre."
        ),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Écrivez quelques mots, ou retirez la note."),
            **text_errors(),
        },
    )


class ExportForm(forms.Form):
    class Format:
        JSON = "json"
        TEXT = "text"

    format = forms.ChoiceField(
        label=_("Sous quelle forme ?"),
        choices=[
            (Format.TEXT, _("un texte à lire (.txt)")),
            (Format.JSON, _("un fichier pour d'autres logiciels (.json)")),
        ],
        initial=Format.TEXT,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez une des deux formes.")},
    )
