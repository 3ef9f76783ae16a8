from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User


def looks_like_full_name(name: str) -> bool:
    """Whether a display name looks like a first name followed by a surname ("Marie
    Dupont-Lefèvre", "Jean MARTIN", "Marie de la Tour"): two words or more, the first and the
    last capitalised, the last a whole word rather than an initial ("Marie D." is fine).
    Pseudonyms in capitals ("Papa Ours") look alike: the person is only asked to confirm."""
    words = name.split()
    if len(words) < 2:
        return False
    first, last = words[0], words[-1]
    if not (first[:1].isupper() and last[:1].isupper()):
        return False
    letters = last.replace("-", "").replace("'", "").replace("’", "")
    return len(letters) >= 2 and letters.isalpha()


SURNAME_WARNING = _(
    "Ce nom ressemble à un prénom suivi d'un nom de famille. Tout le groupe le verra. Pour "
    "protéger votre vie privée, vous pouvez garder seulement votre prénom, ou choisir un "
    "pseudonyme. Si c'est bien le nom que vous voulez montrer, cochez la case ci-dessous."
)


# An example says what is expected better than a rule (RGAA 11.11).
INVALID_EMAIL = _(
    "Cette adresse e-mail n'est pas complète. Écrivez-la comme dans cet exemple : nom@exemple.fr"
)


class ConfirmsDisplayName(forms.Form):
    """A form with a display name: a name that looks like a surname is kept only once the
    person ticks `keep_name` (shown with the warning, see `asks_to_confirm_name`)."""

    keep_name = forms.BooleanField(
        label=_("Oui, je veux montrer ce nom aux autres"),
        required=False,
    )
    asks_to_confirm_name = False

    def name_needs_confirming(self, name: str) -> bool:
        return looks_like_full_name(name)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name = cleaned.get("display_name")
        if name and self.name_needs_confirming(name) and not cleaned.get("keep_name"):
            self.asks_to_confirm_name = True
            self.add_error("display_name", forms.ValidationError(SURNAME_WARNING, code="surname"))
        return cleaned


class SignupDetailsForm(ConfirmsDisplayName):
    """What sign-up asks beyond the e-mail and password: a name to be shown, and consent."""

    display_name = forms.CharField(
        label=_("Votre prénom ou un pseudonyme"),
        max_length=40,
        help_text=_("C'est le nom que les autres verront. Pas de nom de famille."),
        # "nickname", not "name": a browser must not offer the full name it knows.
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # allauth adds the e-mail field (its label too, after this runs); its error, ours.
        if "email" in self.fields:
            self.fields["email"].error_messages["invalid"] = INVALID_EMAIL

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.health_data_consent_at = timezone.now()
        user.save(update_fields=["display_name", "preferred_language", "health_data_consent_at"])
