"""The forms of topics and outside speakers: every field validated, every error translated."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.meetings.fields import TOO_LONG, meeting_choices, meeting_label
from entraide.meetings.models import Meeting, Speaker


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
