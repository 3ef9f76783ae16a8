"""The forms of shared roles: the roles I offer to take, and who takes which at a meeting."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User
from entraide.meetings.roles.actions import OFFERABLE_ROLES, ROTATING_ROLES, role_label


class OffersForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Les rôles que je veux bien prendre, à tour de rôle"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Ce rôle n'existe pas.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(role, role_label(role)) for role in OFFERABLE_ROLES]  # type: ignore[attr-defined]


class RolesForm(forms.Form):
    """One choice per role, among those who offered to take it (or nobody)."""

    def __init__(self, *args: Any, volunteers: Mapping[str, Sequence[User]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.volunteers = {
            role: {str(p.pk): p for p in people} for role, people in volunteers.items()
        }
        for role in ROTATING_ROLES:
            people = self.volunteers.get(role, {})
            self.fields[role] = forms.ChoiceField(
                label=role_label(role).capitalize(),
                required=False,
                choices=[("", _("personne pour cette fois"))]
                + [(pk, person.display_name) for pk, person in people.items()],
                error_messages={
                    "invalid_choice": _(
                        "Cette personne ne s'est pas proposée pour ce rôle : "
                        "on ne donne un rôle qu'à qui l'a choisi."
                    )
                },
            )

    def assignments(self) -> dict[str, User | None]:
        return {
            role: self.volunteers.get(role, {}).get(self.cleaned_data.get(role) or "")
            for role in ROTATING_ROLES
        }
