"""The agenda's form: one text, edited by the facilitators."""

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.meetings.fields import TOO_LONG


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        label=_("Le déroulé de la rencontre"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Un point par ligne. Le groupe peut s'en écarter si besoin."),
        error_messages={"max_length": TOO_LONG},
    )
