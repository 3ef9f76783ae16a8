"""The forms of the people's side: asking to be grouped, answering an invitation."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User
from entraide.directory.forms import resolve_place
from entraide.directory.models import Theme
from entraide.lib.languages import GROUP_LANGUAGES
from entraide.lib.places import Place
from entraide.proposals.models import LANGUAGE_SEPARATOR, Wish


class WishForm(forms.Form):
    place = forms.CharField(
        label=_("Votre code postal ou votre commune"),
        max_length=80,
        help_text=_("Par exemple 44000 ou Nantes. Nous ne demandons jamais votre adresse."),
        error_messages={
            "required": _("Indiquez votre code postal ou votre commune."),
            "max_length": _("C'est trop long : %(limit_value)d caractères au plus."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Les thèmes qui vous concernent (facultatif)"),
        queryset=Theme.objects.offered().order_by("name_fr"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Ce thème n'existe pas.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Les langues dans lesquelles vous pouvez échanger"),
        choices=GROUP_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Cochez au moins une langue."),
            "invalid_choice": _("Cette langue n'est pas proposée."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que les coordinateur·rices de l'organisation utilisent mon code postal, "
            "seulement pour me proposer un groupe près de chez moi. Personne d'autre ne le "
            "voit. Je peux retirer ma demande à tout moment."
        ),
        error_messages={
            "required": _(
                "Cochez cette case pour que l'organisation puisse utiliser votre code postal."
            )
        },
    )

    def __init__(self, *args: Any, person: User, wish: Wish | None = None, **kwargs: Any) -> None:
        if wish is not None:
            kwargs.setdefault(
                "initial",
                {
                    "place": wish.postal_code,
                    "themes": list(wish.themes.all()),
                    "languages": [c for c in wish.languages.split(LANGUAGE_SEPARATOR) if c],
                    "consent": True,
                },
            )
        else:
            spoken = [c for c in person.spoken_languages.split(",") if c]
            kwargs.setdefault(
                "initial",
                {"place": person.postal_code, "languages": spoken or [person.preferred_language]},
            )
        super().__init__(*args, **kwargs)
        self.resolved: Place | None = None

    def clean_place(self) -> str:
        place = resolve_place(self.cleaned_data.get("place"))
        if place is None:  # only blanks: the "required" message
            raise forms.ValidationError(self.fields["place"].error_messages["required"])
        self.resolved = place
        return place.label


class AnswerForm(forms.Form):
    """Join or not; anyone may offer to welcome the group or to launch it."""

    host = forms.BooleanField(
        label=_("Je veux bien accueillir le groupe chez moi, ou lancer le groupe"),
        required=False,
    )
