"""My reminders for one group: some days before, some hours before, or none."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
