import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.accompaniment.models import (
    FeedbackRhythm,
    Offer,
    Question,
    Questionnaire,
    SupportRequest,
)
from entraide.directory.models import Theme
from entraide.founding.models import Initiative
from entraide.organisations.models import Organisation


def too_long() -> dict[str, Any]:
    return {"max_length": _("Ce texte est trop long : %(limit_value)d caractères au plus.")}


class BoardFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Étape"),
        required=False,
        choices=[("", _("Toutes les étapes")), *Initiative.Stage.choices],
    )
    q = forms.CharField(
        label=_("Nom du groupe"),
        required=False,
        max_length=100,
        error_messages=too_long(),
    )
    attention = forms.BooleanField(
        label=_("Seulement les groupes qui demandent de l'attention"), required=False
    )


class InterviewSlotForm(forms.Form):
    """A date and a time in the group's own time zone, and a word on where or how."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Heure"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    note = forms.CharField(
        label=_("Où, ou comment"),
        required=False,
        max_length=200,
        help_text=_("Par exemple : au centre, salle 2, ou par téléphone."),
        error_messages=too_long(),
    )

    def __init__(self, *args: Any, zone: ZoneInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        date, time = cleaned.get("date"), cleaned.get("time")
        if isinstance(date, dt.date) and isinstance(time, dt.time):
            when = dt.datetime.combine(date, time, tzinfo=self.zone)
            if when <= timezone.now():
                self.add_error("date", _("Choisissez un moment à venir."))
            cleaned["when"] = when
        return cleaned


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Un mot pour la personne à l'initiative"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Dites-lui pourquoi, avec douceur, et vers qui se tourner si vous le savez. "
            "Elle peut aussi continuer sans organisation."
        ),
        error_messages=too_long(),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Nouvelle note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Seuls les coordinateurs et coordinatrices de votre organisation la liront, "
            "jamais la personne à l'initiative ni les membres."
        ),
        error_messages=too_long(),
    )


class SupportRequestForm(forms.ModelForm[SupportRequest]):
    """What the group asks for: one of the organisation's offers, or something else."""

    offer = forms.ModelChoiceField(
        label=_("Parmi ce que propose l'organisation"),
        queryset=Offer.objects.none(),
        required=False,
        empty_label=_("Autre chose (précisez ci-dessous)"),
        error_messages={"invalid_choice": _("L'organisation ne propose plus cela.")},
    )

    class Meta:
        model = SupportRequest
        fields = ["offer", "kind", "message"]
        labels = {"kind": _("Sinon, ce dont le groupe a besoin"), "message": _("Précisions")}
        help_texts = {
            "message": _("Quoi, pour quand, combien : ce qui aidera l'organisation à répondre.")
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"message": too_long()}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer = self.fields["offer"]
        assert isinstance(offer, forms.ModelChoiceField)
        offer.queryset = organisation.group_offers.filter(is_active=True)
        self.fields["kind"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("offer") is None and not data.get("kind") and "kind" not in self.errors:
            self.add_error("kind", _("Choisissez ce dont le groupe a besoin."))
        return data


class OfferForm(forms.ModelForm[Offer]):
    class Meta:
        model = Offer
        fields = [
            "kind",
            "title",
            "description",
            "capacity",
            "step_free_access",
            "hearing_loop",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": _("Donnez un intitulé à cette offre."), **too_long()},
            "kind": {"required": _("Choisissez le type d'offre.")},
            "description": too_long(),
        }


class SupportAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Votre réponse"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("La personne qui a demandé la reçoit par e-mail."),
        error_messages=too_long(),
    )
    given = forms.TypedChoiceField(
        label=_("Est-ce accordé ?"),
        choices=[
            ("", _("Pas encore dit (une question, ou c'est à voir)")),
            ("yes", _("Oui, c'est accordé")),
            ("no", _("Non, pas cette fois")),
        ],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class AnswersForm(forms.Form):
    """A questionnaire's current questions; every one may be passed, but not all of them."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[
                        (1, f"1 — {question.low}" if question.low else "1"),
                        (2, "2"),
                        (3, "3"),
                        (4, "4"),
                        (5, f"5 — {question.high}" if question.high else "5"),
                    ],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Choisissez une note de 1 à 5.")},
                )
            elif question.kind == Question.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[(str(i), label) for i, label in enumerate(question.choices)],
                    required=False,
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Choisissez une des réponses.")},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    error_messages=too_long(),
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(
            value not in ("", None) and str(value).strip() for value in data.values()
        ):
            raise forms.ValidationError(
                _("Répondez à une question au moins, ou revenez plus tard.")
            )
        return data

    def answers(self) -> dict[int, int | str]:
        return {
            question.pk: self.cleaned_data[f"q{question.pk}"]
            for question in self.questions
            if self.cleaned_data.get(f"q{question.pk}") not in ("", None)
        }


class QuestionnaireForm(forms.ModelForm[Questionnaire]):
    class Meta:
        model = Questionnaire
        fields = ["title", "title_en", "introduction", "introduction_en", "is_active"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "introduction_en": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Donnez un titre au questionnaire."), **too_long()},
            "title_en": too_long(),
            "introduction": too_long(),
            "introduction_en": too_long(),
        }


class QuestionForm(forms.ModelForm[Question]):
    class Meta:
        model = Question
        fields = [
            "kind",
            "wording",
            "wording_en",
            "low_label",
            "low_label_en",
            "high_label",
            "high_label_en",
            "options",
            "options_en",
        ]
        widgets = {
            "options": forms.Textarea(attrs={"rows": 4}),
            "options_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "low_label": _("Pour une note de 1 à 5. Par exemple : pas du tout."),
            "high_label": _("Pour une note de 1 à 5. Par exemple : tout à fait."),
            "options": _("Pour un choix : une réponse par ligne, deux au moins."),
        }
        error_messages = {
            "kind": {"required": _("Choisissez le type de réponse.")},
            "wording": {"required": _("Écrivez la question."), **too_long()},
            "wording_en": too_long(),
            "low_label": too_long(),
            "low_label_en": too_long(),
            "high_label": too_long(),
            "high_label_en": too_long(),
            "options": too_long(),
            "options_en": too_long(),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Question.Kind.CHOICE:
            options = [line for line in str(data.get("options", "")).splitlines() if line.strip()]
            if len(options) < 2:
                self.add_error("options", _("Donnez deux réponses possibles au moins."))
        return data

    def words(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in self.Meta.fields}


class RhythmForm(forms.Form):
    every_months = forms.TypedChoiceField(
        label=_("Un bilan du groupe"),
        choices=FeedbackRhythm.Every.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un rythme.")},
    )


class ReviewNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Compte rendu de la rencontre de bilan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Ce qui a été dit, ce que le groupe souhaite garder ou changer, "
            "et ce que l'organisation peut lui apporter."
        ),
        error_messages=too_long(),
    )


DOMAIN_CHOICES = [("", _("Choisissez un domaine")), *Theme.Domain.choices]


class NewThemeForm(forms.Form):
    """A theme an organisation adds for everyone."""

    name_fr = forms.CharField(
        label=_("Nom en français"),
        max_length=80,
        error_messages=too_long() | {"required": _("Donnez le nom de la thématique en français.")},
    )
    name_en = forms.CharField(
        label=_("Nom en anglais"),
        max_length=80,
        error_messages=too_long() | {"required": _("Donnez le nom de la thématique en anglais.")},
    )
    domain = forms.ChoiceField(
        label=_("Domaine"),
        choices=DOMAIN_CHOICES,
        error_messages={"required": _("Choisissez le domaine de la thématique.")},
    )


class ProposedThemeForm(forms.Form):
    """Accept a theme an initiator proposed, or give their group an existing one instead."""

    decision = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=[
            ("accept", _("L'ajouter à la liste de tous")),
            ("replace", _("Une thématique existante convient déjà")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez votre réponse.")},
    )
    name_en = forms.CharField(
        label=_("Nom en anglais"), max_length=80, required=False, error_messages=too_long()
    )
    domain = forms.ChoiceField(label=_("Domaine"), choices=DOMAIN_CHOICES, required=False)
    instead = forms.ModelChoiceField(
        label=_("La thématique existante"),
        queryset=Theme.objects.offered().order_by("name_fr"),
        required=False,
        empty_label=_("Choisissez une thématique"),
        error_messages={"invalid_choice": _("Cette thématique n'existe pas.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "accept":
            if not data.get("domain"):
                self.add_error("domain", _("Choisissez le domaine de la thématique."))
            if not str(data.get("name_en") or "").strip():
                self.add_error("name_en", _("Donnez le nom de la thématique en anglais."))
        elif data.get("decision") == "replace" and data.get("instead") is None:
            self.add_error("instead", _("Choisissez la thématique qui convient."))
        return data
