"""Forms for the life around a meeting: every field validated, every error translated."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User
from entraide.lib.dates import moment_label
from entraide.meetings.life import OFFERABLE_ROLES, ROTATING_ROLES, role_label
from entraide.meetings.models import Meeting, Speaker
from entraide.membership.models import Membership

TOO_LONG = _("Ce texte est trop long : %(limit_value)d caractères au plus.")
PRESENT = "present"
ABSENT = "absent"


def meeting_label(meeting: Meeting) -> str:
    return moment_label(meeting.starts_at, meeting.group.time_zone)


def meeting_choices(meetings: Sequence[Meeting]) -> list[tuple[str, str]]:
    return [(str(meeting.pk), meeting_label(meeting)) for meeting in meetings]


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        label=_("Le déroulé de la rencontre"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Un point par ligne. Le groupe peut s'en écarter si besoin."),
        error_messages={"max_length": TOO_LONG},
    )


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


class TopicForm(forms.Form):
    title = forms.CharField(
        label=_("Le sujet"),
        max_length=200,
        error_messages={
            "required": _("Écrivez le sujet en quelques mots."),
            "max_length": TOO_LONG,
        },
    )
    detail = forms.CharField(
        label=_("Quelques précisions (si vous le souhaitez)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pas besoin de raconter votre histoire."),
        error_messages={"max_length": TOO_LONG},
    )


class PlanTopicForm(forms.Form):
    meeting = forms.ChoiceField(
        label=_("Prévoir pour la rencontre du"),
        required=False,
        error_messages={"invalid_choice": _("Choisissez une des prochaines rencontres.")},
    )

    def __init__(self, *args: Any, meetings: Sequence[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {str(meeting.pk): meeting for meeting in meetings}
        self.fields["meeting"].choices = [  # type: ignore[attr-defined]
            ("", _("pas encore prévu")),
            *meeting_choices(meetings),
        ]

    def chosen(self) -> Meeting | None:
        return self.meetings.get(self.cleaned_data.get("meeting") or "")


class SpeakerForm(forms.ModelForm[Speaker]):
    class Meta:
        model = Speaker
        fields = ["name", "expertise", "contact", "status", "meeting"]
        labels = {"status": _("Où en est-on"), "meeting": _("Pour la rencontre du")}
        error_messages = {
            "name": {"required": _("Indiquez un nom ou une structure."), "max_length": TOO_LONG},
            "expertise": {"max_length": TOO_LONG},
            "contact": {"max_length": TOO_LONG},
            "meeting": {"invalid_choice": _("Choisissez une des rencontres du groupe.")},
        }

    def __init__(self, *args: Any, meetings: Sequence[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        field.empty_label = str(_("pas encore de date"))
        field.label_from_instance = meeting_label  # type: ignore[method-assign,assignment]
        self.fields["contact"].help_text = _(
            "Le contact professionnel public de l'intervenant·e, jamais un numéro personnel."
        )


def upcoming(meetings: Any) -> list[Meeting]:
    """The group's coming meetings, soonest first."""
    return list(
        meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now())
        .select_related("group")
        .order_by("starts_at", "pk")[:24]
    )
