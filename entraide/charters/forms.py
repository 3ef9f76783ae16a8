from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.charters.models import Consent


def _too_long() -> dict[str, Any]:
    return {"max_length": _("Ce texte est trop long : %(limit_value)d caractères au plus.")}


class SectionForm(forms.Form):
    answer = forms.CharField(
        label=_("La réponse du groupe"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Écrivez ce que le groupe a décidé, avec ses mots."),
        error_messages=_too_long(),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Votre commentaire"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_too_long(),
    )
    proposal = forms.CharField(
        label=_("Une autre formulation (si vous en proposez une)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Les personnes qui animent le groupe pourront la reprendre dans le texte."),
        error_messages=_too_long(),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        written = cleaned.get("text", "").strip() or cleaned.get("proposal", "").strip()
        if not written and not self.errors:
            raise forms.ValidationError(
                _("Écrivez un commentaire, une autre formulation, ou les deux.")
            )
        return cleaned


class CommentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("take", _("Reprendre dans le texte")),
            ("set_aside", _("Mettre de côté")),
        ]
    )


class ConsentForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=Consent.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez « je consens » ou « j'ai une objection ».")},
    )
    reason = forms.CharField(
        label=_("Ce qui vous retient (si vous avez une objection)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Votre objection et son explication sont montrées au groupe, avec votre prénom, "
            "pour que vous puissiez en parler ensemble."
        ),
        error_messages=_too_long(),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("decision") == Consent.Decision.OBJECT
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error(
                "reason",
                _("Dites au groupe ce qui vous retient : c'est ce qui permet d'avancer."),
            )
        return cleaned
