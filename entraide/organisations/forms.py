from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.organisations.models import OrganisationRole


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        error_messages={"invalid": _("Cette adresse e-mail n'est pas valide.")},
    )
    role = forms.ChoiceField(
        label=_("Rôle"),
        choices=OrganisationRole.Role.choices,
        error_messages={"invalid_choice": _("Ce rôle n'existe pas.")},
    )
