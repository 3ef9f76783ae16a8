from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User


class SignupDetailsForm(forms.Form):
    """What sign-up asks beyond the e-mail and password: a name to be shown, and consent."""

    display_name = forms.CharField(
        label=_("Votre prénom ou un pseudonyme"),
        max_length=40,
        help_text=_("C'est le nom que les autres verront. Pas de nom de famille."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Langue du site et des e-mails"), choices=settings.LANGUAGES, initial="fr"
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que le site garde les informations nécessaires pour me mettre en lien "
            "avec des groupes. Elles peuvent dire quelque chose de ma santé. Elles ne sont "
            "jamais transmises à d'autres."
        ),
        help_text=_("Vous pouvez retirer cet accord en supprimant votre compte, à tout moment."),
        error_messages={
            "required": _("Cet accord est nécessaire pour créer un compte."),
        },
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.health_data_consent_at = timezone.now()
        user.save(update_fields=["display_name", "preferred_language", "health_data_consent_at"])
