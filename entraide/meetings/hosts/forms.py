"""The forms of hosting at home in turn: the host's address, and whom a facilitator asks."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User
from entraide.meetings.fields import TOO_LONG


class HostConfirmForm(forms.Form):
    address = forms.CharField(
        label=_("Votre adresse pour cette rencontre"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Étage, code d'entrée, comment trouver. Seuls les membres du groupe la verront, "
            "pour cette rencontre."
        ),
        error_messages={
            "required": _("Indiquez votre adresse, pour que chacun puisse venir."),
            "max_length": TOO_LONG,
        },
    )


class SuggestHostForm(forms.Form):
    person = forms.TypedChoiceField(
        label=_("Qui accueille"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Laissez « au plus juste » pour proposer à la personne qui a accueilli il y a le "
            "plus longtemps. Seules les personnes volontaires sont proposées."
        ),
    )

    def __init__(self, *args: Any, hosts: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hosts = {person.pk: person for person in hosts}
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", _("au plus juste")),
            *[(person.pk, person.display_name) for person in hosts],
        ]

    def chosen(self) -> User | None:
        person_id = self.cleaned_data.get("person")
        return self.hosts.get(person_id) if person_id is not None else None
