from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.safeguarding.models import CONTACT_MAX, DESCRIPTION_MAX, NOTE_MAX, Concern


def too_long() -> dict[str, Any]:
    return {"max_length": _("Ce texte est trop long : %(limit_value)d caractères au plus.")}


KIND_CHOSEN = {
    "required": _("Choisissez de quoi il s'agit."),
    "invalid_choice": _("Choisissez de quoi il s'agit."),
}


class KindForm(forms.Form):
    """The first step: what the concern is about. Sent by GET, so it works without JavaScript."""

    sorte = forms.ChoiceField(
        label=_("De quoi s'agit-il ?"),
        choices=Concern.Kind.choices,
        widget=forms.RadioSelect,
        error_messages=KIND_CHOSEN,
    )


class ConcernForm(forms.Form):
    """The second step: what happens, and how to reach the person if they wish."""

    kind = forms.ChoiceField(
        choices=Concern.Kind.choices, widget=forms.HiddenInput, error_messages=KIND_CHOSEN
    )
    mediation = forms.BooleanField(
        label=_(
            "Je demande une médiation : une personne de l'organisation, extérieure au groupe, "
            "nous aide à nous parler."
        ),
        required=False,
    )
    description = forms.CharField(
        label=_("Ce qui se passe"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Écrivez avec vos mots. Seules les personnes de l'organisation qui reçoivent les "
            "signalements le liront. Le texte est chiffré."
        ),
        error_messages={
            "required": _("Dites en quelques mots ce qui se passe."),
            **too_long(),
        },
    )
    contact = forms.CharField(
        label=_("Comment vous joindre, si vous le souhaitez"),
        required=False,
        max_length=CONTACT_MAX,
        help_text=_(
            "Un numéro de téléphone, des moments où vous êtes disponible… "
            "Sinon, l'organisation vous répond sur ce site."
        ),
        error_messages=too_long(),
    )
    on_behalf_of_group = forms.BooleanField(label=_("J'écris au nom du groupe"), required=False)

    def clean_description(self) -> str:
        text = str(self.cleaned_data.get("description", "")).strip()
        if not text:
            raise forms.ValidationError(_("Dites en quelques mots ce qui se passe."))
        return text


class StepForm(forms.Form):
    """What a handler writes at a step: a note for the handlers, a message for the person."""

    note = forms.CharField(
        label=_("Note pour les référent·es"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce qui a été fait ou décidé. La personne ne la lit pas."),
        error_messages=too_long(),
    )
    message = forms.CharField(
        label=_("Message à la personne qui a signalé (facultatif)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Elle le lit sur sa page « Mes signalements ». Elle est prévenue par un e-mail "
            "qui ne contient pas votre message."
        ),
        error_messages=too_long(),
    )

    def __init__(self, *args: Any, note_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.note_required = note_required

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        note = str(cleaned.get("note", "")).strip()
        message = str(cleaned.get("message", "")).strip()
        cleaned["note"], cleaned["message"] = note, message
        if self.note_required and not note and "note" not in self.errors:
            self.add_error("note", _("Écrivez ce qui a été fait avant de clore."))
        return cleaned


class MessageForm(forms.Form):
    """A word for the person, when a handler acknowledges or takes on a mediation."""

    message = forms.CharField(
        label=_("Un mot pour la personne (facultatif)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Par exemple : « Nous avons bien lu votre message, nous vous appelons demain. »"
        ),
        error_messages=too_long(),
    )


class NoteForm(StepForm):
    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        if not cleaned.get("note") and not cleaned.get("message") and not self.errors:
            raise forms.ValidationError(
                _("Écrivez une note, un message à la personne, ou les deux.")
            )
        return cleaned
