from django import forms
from django.utils.translation import gettext_lazy as _


class CalendarAddressForm(forms.Form):
    """Create or revoke one of my private calendar addresses (buttons, no field to type)."""

    scope = forms.ChoiceField(
        choices=[("all", _("tous mes groupes")), ("group", _("ce groupe"))],
        error_messages={
            "required": _("Choisissez une adresse."),
            "invalid_choice": _("Choisissez une adresse."),
        },
    )
    action = forms.ChoiceField(
        choices=[("create", _("créer")), ("revoke", _("révoquer"))],
        error_messages={
            "required": _("Choisissez quoi faire."),
            "invalid_choice": _("Choisissez quoi faire."),
        },
    )
