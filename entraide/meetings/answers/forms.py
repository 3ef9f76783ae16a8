from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.meetings.models import Answer


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=Answer.Response.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une réponse : je viens, peut-être ou je ne viens pas."),
            "invalid_choice": _("Choisissez une réponse : je viens, peut-être ou je ne viens pas."),
        },
    )


class RemindersForm(forms.Form):
    days_before = forms.IntegerField(
        label=_("Un rappel quelques jours avant : combien de jours ?"),
        min_value=0,
        max_value=14,
        help_text=_("De 0 à 14 jours. 0 : pas de rappel quelques jours avant."),
        error_messages={
            "required": _("Indiquez un nombre de jours, de 0 à 14."),
            "invalid": _("Indiquez un nombre entier de jours, de 0 à 14."),
            "min_value": _("Indiquez un nombre de jours, de 0 à 14."),
            "max_value": _("Indiquez un nombre de jours, de 0 à 14."),
        },
    )
    hours_before = forms.IntegerField(
        label=_("Un rappel quelques heures avant : combien d'heures ?"),
        min_value=0,
        max_value=48,
        help_text=_("De 0 à 48 heures. 0 : pas de rappel quelques heures avant."),
        error_messages={
            "required": _("Indiquez un nombre d'heures, de 0 à 48."),
            "invalid": _("Indiquez un nombre entier d'heures, de 0 à 48."),
            "min_value": _("Indiquez un nombre d'heures, de 0 à 48."),
            "max_value": _("Indiquez un nombre d'heures, de 0 à 48."),
        },
    )
