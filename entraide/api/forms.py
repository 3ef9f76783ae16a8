"""Making a personal API token: its name, what it may do, how long it lasts."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.api.models import ApiToken

NEVER = "never"
LIFETIMES = [
    ("30", _("30 jours")),
    ("90", _("90 jours")),
    ("365", _("un an")),
    (NEVER, _("jamais (à supprimer moi-même)")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du jeton"),
        help_text=_("Pour vous y retrouver : l'outil ou l'appareil qui l'utilise."),
        max_length=60,
        error_messages={
            "required": _("Donnez un nom au jeton, par exemple « Agenda du téléphone »."),
            "max_length": _("Ce nom est trop long : %(limit_value)d caractères au plus."),
        },
    )
    scope = forms.ChoiceField(
        label=_("Ce que le jeton permet"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez ce que le jeton permet."),
            "invalid_choice": _("Choisissez ce que le jeton permet."),
        },
    )
    lifetime = forms.ChoiceField(
        label=_("Il s'arrête de marcher après"),
        choices=LIFETIMES,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez combien de temps le jeton marche."),
            "invalid_choice": _("Choisissez combien de temps le jeton marche."),
        },
    )

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError(
                _("Donnez un nom au jeton, par exemple « Agenda du téléphone »."), code="required"
            )
        return name

    def expires_at(self) -> dt.datetime | None:
        lifetime = self.cleaned_data["lifetime"]
        if lifetime == NEVER:
            return None
        return timezone.now() + dt.timedelta(days=int(lifetime))
