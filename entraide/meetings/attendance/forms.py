"""The attendance form: present or absent for each person, and the decisions taken."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.meetings.fields import TOO_LONG
from entraide.membership.models import Membership

PRESENT = "present"
ABSENT = "absent"


class AttendanceForm(forms.Form):
    """Present or absent for each person, and the decisions taken; nothing else."""

    note = forms.CharField(
        label=_("Décisions et actions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Seulement ce qui a été décidé et qui s'en occupe. Les histoires personnelles ne "
            "sont jamais écrites : ce qui se dit dans le groupe reste dans le groupe."
        ),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(
        self, *args: Any, people: Sequence[Membership], presence: Mapping[int, bool], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = list(people)
        for membership in self.people:
            known = presence.get(membership.user_id)
            self.fields[f"person_{membership.user_id}"] = forms.ChoiceField(
                label=membership.user.display_name,
                choices=[(PRESENT, _("présent·e")), (ABSENT, _("absent·e"))],
                widget=forms.RadioSelect,
                initial=None if known is None else (PRESENT if known else ABSENT),
                error_messages={"required": _("Indiquez si cette personne était là.")},
            )

    def person_fields(self) -> list[forms.BoundField]:
        return [self[f"person_{membership.user_id}"] for membership in self.people]

    def presence(self) -> dict[int, bool]:
        return {
            membership.user_id: self.cleaned_data[f"person_{membership.user_id}"] == PRESENT
            for membership in self.people
        }
