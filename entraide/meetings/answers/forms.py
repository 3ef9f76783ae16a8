"""The answer to a meeting: coming, maybe or not coming."""

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
