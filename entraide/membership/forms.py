from django import forms
from django.utils.translation import gettext_lazy as _


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Un mot pour le groupe (si vous le souhaitez)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pas besoin de raconter votre histoire. Vous pouvez laisser vide."),
        error_messages={
            "max_length": _("Votre message est trop long : %(limit_value)d caractères au plus.")
        },
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("observer", _("Accueillir d'abord pour écouter")),
            ("member", _("Accueillir comme membre")),
            ("decline", _("Ne pas accueillir pour le moment")),
        ]
    )


class BecomeMemberForm(forms.Form):
    """The observer's answer: yes, I wish to become a member; or not now."""

    answer = forms.ChoiceField(
        choices=[
            ("yes", _("Je souhaite devenir membre")),
            ("not_now", _("Pas maintenant")),
        ],
        error_messages={"invalid_choice": _("Choisissez l'une des réponses proposées.")},
    )


class ObserverDecisionForm(forms.Form):
    """A facilitator's answer about an observer: welcome as a member (or invite), or not now."""

    decision = forms.ChoiceField(
        choices=[
            ("member", _("Accueillir comme membre")),
            ("not_now", _("Pas pour le moment")),
        ]
    )


class MessageToFacilitatorsForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message aux personnes qui animent le groupe"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Elles le reçoivent par e-mail, avec votre adresse pour pouvoir vous répondre. "
            "Les autres membres ne le voient pas."
        ),
        error_messages={
            "max_length": _("Votre message est trop long : %(limit_value)d caractères au plus.")
        },
    )
