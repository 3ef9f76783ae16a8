"""The programme's forms (for its team), the application and the request (for a person), and
the interview, decision, training and debrief forms."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from entraide.directory.forms import resolve_place
from entraide.directory.models import Theme
from entraide.lib import places
from entraide.lib.languages import GROUP_LANGUAGES
from entraide.meetings.fields import TOO_LONG
from entraide.pairing.models import (
    SLOTS,
    AgeBand,
    Change,
    ChangeAnswer,
    Gender,
    Mode,
    PeerApplication,
    Programme,
    TrainingModule,
    Verdict,
    slot_label,
)

MAX_LINES = 12


def lines_of(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def lines_field(label: StrOrPromise, help_text: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
        error_messages={"max_length": TOO_LONG},
    )


def checkboxes(
    label: StrOrPromise, choices: Any, required: bool = True, **kwargs: Any
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def slots_field(label: StrOrPromise) -> forms.MultipleChoiceField:
    return checkboxes(
        label,
        [(slot, slot_label(slot)) for slot in SLOTS],
        help_text=_("Cochez les moments de la semaine où vous êtes le plus souvent libre."),
        error_messages={"required": _("Cochez au moins un moment où vous êtes libre.")},
    )


def place_field(help_text: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=_("Code postal ou ville"),
        required=False,
        max_length=100,
        help_text=help_text,
        error_messages={"max_length": TOO_LONG},
    )


class ProgrammeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type de programme"),
        choices=Programme.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez jumelage ou ligne d'écoute.")},
    )
    name = forms.CharField(
        label=_("Nom"),
        max_length=120,
        error_messages={"required": _("Donnez un nom au programme."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Présentation"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Pour qui, ce que l'on y trouve, comment cela se passe. Visible de tous."),
        error_messages={
            "required": _("Dites en quelques mots ce qu'est le programme."),
            "max_length": TOO_LONG,
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thématiques"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = checkboxes(
        _("Langues"),
        GROUP_LANGUAGES,
        error_messages={"required": _("Cochez au moins une langue.")},
    )
    modes = checkboxes(
        _("Façons de se rencontrer"),
        Mode.choices,
        error_messages={"required": _("Cochez au moins une façon de se rencontrer.")},
    )
    remote = forms.BooleanField(label=_("À distance, de partout"), required=False)
    area = lines_field(
        _("Territoire"),
        _("Codes postaux ou villes, un par ligne, pour les rencontres en personne."),
    )
    criteria = lines_field(
        _("Critères de sélection des pairs"),
        _("Un par ligne, dans l'ordre. Par exemple : expérience personnelle pertinente."),
    )
    intake_questions = lines_field(
        _("Questions d'accueil"),
        _("Les questions posées à une personne qui demande un pair, une par ligne."),
    )
    is_published = forms.BooleanField(label=_("Publié : visible de tous"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.offered()  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(programme: Programme) -> dict[str, Any]:
        return {
            "kind": programme.kind,
            "name": programme.name,
            "description": programme.description,
            "themes": list(programme.themes.all()),
            "languages": programme.languages,
            "modes": programme.modes,
            "remote": programme.remote,
            "area": programme.area,
            "criteria": "\n".join(programme.criteria),
            "intake_questions": "\n".join(programme.intake_questions),
            "is_published": programme.is_published,
        }

    def clean_criteria(self) -> list[str]:
        found = lines_of(self.cleaned_data.get("criteria") or "")
        if len(found) > MAX_LINES or any(len(line) > 200 for line in found):
            raise forms.ValidationError(_("Douze lignes au plus, de 200 signes chacune."))
        return found

    def clean_intake_questions(self) -> list[str]:
        found = lines_of(self.cleaned_data.get("intake_questions") or "")
        if len(found) > MAX_LINES or any(len(line) > 300 for line in found):
            raise forms.ValidationError(_("Douze lignes au plus, de 300 signes chacune."))
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            Mode.IN_PERSON in (cleaned.get("modes") or [])
            and not cleaned.get("remote")
            and not (cleaned.get("area") or "").strip()
        ):
            self.add_error(
                "area",
                _("Pour les rencontres en personne, dites où : un code postal ou une ville."),
            )
        return cleaned


class ModuleForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du module"),
        max_length=120,
        error_messages={"required": _("Donnez un nom au module."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Ce que l'on y apprend"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )
    is_required = forms.BooleanField(
        label=_("Obligatoire avant d'accompagner"), required=False, initial=True
    )


class PlaceMixin:
    """A postal code or town, required when meeting in person, resolved offline."""

    cleaned_data: dict[str, Any]

    def clean_place(self) -> places.Place | None:
        return resolve_place(self.cleaned_data.get("place"))


class ApplicationForm(PlaceMixin, forms.Form):
    experience = forms.CharField(
        label=_("Votre expérience, avec vos mots"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Ce que vous avez vécu qui pourrait aider une autre personne. Dites seulement ce "
            "que vous voulez. Seule l'équipe du programme le lit."
        ),
        error_messages={
            "required": _("Dites en quelques mots ce que vous avez vécu."),
            "max_length": TOO_LONG,
        },
    )
    motivation = forms.CharField(
        label=_("Pourquoi vous voulez devenir pair aidant·e"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Dites en quelques mots ce qui vous donne envie."),
            "max_length": TOO_LONG,
        },
    )
    availability = slots_field(_("Vos disponibilités"))
    languages = checkboxes(
        _("Les langues que vous parlez"),
        GROUP_LANGUAGES,
        error_messages={"required": _("Cochez au moins une langue.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Les thématiques que vous connaissez de l'intérieur"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    modes = checkboxes(
        _("Comment vous pouvez accompagner"),
        Mode.choices,
        error_messages={"required": _("Cochez au moins une façon.")},
    )
    place = place_field(_("Pour les rencontres en personne. Jamais montré à personne."))
    capacity = forms.TypedChoiceField(
        label=_("Combien de personnes pouvez-vous accompagner en même temps ?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        initial=1,
        required=False,
        widget=forms.RadioSelect,
    )
    gender = forms.ChoiceField(
        label=_("Vous êtes (si vous voulez le dire)"),
        choices=[("", _("je préfère ne pas le dire")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Certaines personnes préfèrent parler avec une femme, un homme, ou quelqu'un de leur "
            "âge. Sans réponse, personne n'est écarté."
        ),
    )
    age_band = forms.ChoiceField(
        label=_("Vous avez (si vous voulez le dire)"),
        choices=[("", _("je préfère ne pas le dire")), *AgeBand.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    shifts_per_month = forms.IntegerField(
        label=_("Combien de permanences par mois pouvez-vous assurer ?"),
        min_value=1,
        max_value=12,
        required=False,
        error_messages={
            "min_value": _("Au moins une permanence par mois."),
            "max_value": _("Douze permanences par mois au plus."),
        },
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["themes"].queryset = programme.themes.all()  # type: ignore[attr-defined]
        if not programme.themes.exists():
            del self.fields["themes"]
        self.fields["modes"].choices = [  # type: ignore[attr-defined]
            (code, label) for code, label in Mode.choices if code in programme.modes
        ] or Mode.choices
        if programme.is_line:
            # On a line, callers do not choose who answers.
            del self.fields["capacity"], self.fields["gender"], self.fields["age_band"]
            self.fields["shifts_per_month"].required = True
            self.fields["shifts_per_month"].error_messages["required"] = _(
                "Dites combien de permanences par mois vous pouvez assurer."
            )
        else:
            del self.fields["shifts_per_month"]
            self.fields["capacity"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        in_person = Mode.IN_PERSON in (cleaned.get("modes") or [])
        if in_person and not cleaned.get("place") and "place" not in self.errors:
            self.add_error(
                "place",
                _("Pour accompagner en personne, indiquez un code postal ou une ville."),
            )
        return cleaned


class InterviewForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choisissez une date."), "invalid": _("Date non valide.")},
    )
    time = forms.TimeField(
        label=_("Heure"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Choisissez une heure."), "invalid": _("Heure non valide.")},
    )
    mode = forms.ChoiceField(
        label=_("Comment"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez comment se passe l'entretien.")},
    )

    def __init__(self, *args: Any, zone: ZoneInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date, time = cleaned.get("date"), cleaned.get("time")
        if isinstance(date, dt.date) and isinstance(time, dt.time):
            when = dt.datetime.combine(date, time, tzinfo=self.zone)
            if when <= timezone.now():
                self.add_error("date", _("Choisissez un moment à venir."))
            cleaned["when"] = when
        return cleaned


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes d'entretien"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Lues par l'équipe du programme seulement, jamais par la personne."),
        error_messages={"max_length": TOO_LONG},
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (PeerApplication.Status.ACCEPTED, _("Accepter la candidature")),
            (PeerApplication.Status.DECLINED, _("Ne pas retenir la candidature")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une décision.")},
    )
    message = forms.CharField(
        label=_("Votre message à la personne"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Envoyé par e-mail et gardé sur sa page. Avec douceur : merci pour sa candidature, "
            "ce qui a compté, la suite."
        ),
        error_messages={
            "required": _("Écrivez quelques mots à la personne."),
            "max_length": TOO_LONG,
        },
    )

    def __init__(self, *args: Any, criteria: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for index, criterion in enumerate(criteria):
            self.fields[f"criterion_{index}"] = forms.ChoiceField(
                label=criterion,
                choices=Verdict.choices,
                initial=Verdict.TO_SEE,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choisissez pour chaque critère.")},
            )

    def criterion_fields(self) -> list[Any]:
        return [self[f"criterion_{index}"] for index in range(len(self.criteria))]

    def assessment(self) -> list[dict[str, str]]:
        return [
            {"criterion": criterion, "verdict": self.cleaned_data[f"criterion_{index}"]}
            for index, criterion in enumerate(self.criteria)
        ]


class TrainingForm(forms.Form):
    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=TrainingModule.objects.none(),
        error_messages={"required": _("Choisissez un module.")},
    )
    done_on = forms.DateField(
        label=_("Suivi le"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choisissez une date."), "invalid": _("Date non valide.")},
    )
    trainer = forms.CharField(
        label=_("Formé·e par"),
        max_length=120,
        help_text=_("Le nom de la personne qui a animé la formation."),
        error_messages={"required": _("Dites qui a formé."), "max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = programme.modules.all()  # type: ignore[attr-defined]

    def clean_done_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["done_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Une formation suivie a une date passée."))
        return day


class DebriefForm(forms.Form):
    word = forms.CharField(
        label=_("Un mot, si vous voulez"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce n'est pas obligatoire. Seule l'équipe du programme le lit."),
        error_messages={"max_length": TOO_LONG},
    )


class DebriefDoneForm(forms.Form):
    done_on = forms.DateField(
        label=_("Fait le"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choisissez une date."), "invalid": _("Date non valide.")},
    )

    def clean_done_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["done_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Choisissez aujourd'hui ou un jour passé."))
        return day


class PeerRequestForm(PlaceMixin, forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Ce que vous traversez"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Je préfère ne pas le dire ici"),
    )
    hopes = forms.CharField(
        label=_("Ce que vous espérez de ce jumelage"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Avec vos mots. Seule l'équipe du programme le lit."),
        error_messages={
            "required": _("Dites en quelques mots ce que vous espérez."),
            "max_length": TOO_LONG,
        },
    )
    languages = checkboxes(
        _("Les langues que vous parlez"),
        GROUP_LANGUAGES,
        error_messages={"required": _("Cochez au moins une langue.")},
    )
    availability = slots_field(_("Vos disponibilités"))
    mode = forms.ChoiceField(
        label=_("Comment vous aimeriez échanger"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une façon d'échanger.")},
    )
    place = place_field(_("Pour une rencontre en personne. Jamais montré à personne."))
    peer_gender = forms.ChoiceField(
        label=_("Vous préféreriez un pair qui est"),
        choices=[("", _("peu importe")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    peer_age_band = forms.ChoiceField(
        label=_("Vous préféreriez un pair qui a"),
        choices=[("", _("peu importe")), *AgeBand.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    own_gender = forms.ChoiceField(
        label=_("Vous êtes (si vous voulez le dire)"),
        choices=[("", _("je préfère ne pas le dire")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    own_age_band = forms.ChoiceField(
        label=_("Vous avez (si vous voulez le dire)"),
        choices=[("", _("je préfère ne pas le dire")), *AgeBand.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que l'équipe du programme lise ce que j'écris ici pour me proposer un "
            "pair. Rien n'est donné au pair avant que nous ayons dit oui tous les deux. Je peux "
            "retirer ma demande à tout moment."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour envoyer la demande.")},
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["theme"].queryset = programme.themes.all()  # type: ignore[attr-defined]
        if not programme.themes.exists():
            del self.fields["theme"]
        self.fields["mode"].choices = [  # type: ignore[attr-defined]
            (code, label) for code, label in Mode.choices if code in programme.modes
        ] or Mode.choices
        for index, question in enumerate(programme.intake_questions):
            self.fields[f"question_{index}"] = forms.CharField(
                label=question,
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": TOO_LONG},
            )

    def question_fields(self) -> list[Any]:
        return [self[f"question_{i}"] for i in range(len(self.programme.intake_questions))]

    def intake_answers(self) -> list[dict[str, str]]:
        return [
            {"question": question, "answer": self.cleaned_data.get(f"question_{index}", "")}
            for index, question in enumerate(self.programme.intake_questions)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        in_person = cleaned.get("mode") == Mode.IN_PERSON
        if in_person and not cleaned.get("place") and "place" not in self.errors:
            self.add_error(
                "place",
                _("Pour une rencontre en personne, indiquez un code postal ou une ville."),
            )
        return cleaned


# Shared leadership (part 7) ----------------------------------------------------------------------


class ChangeForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Ce que cela touche"),
        choices=Change.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez ce que cela touche.")},
    )
    title = forms.CharField(
        label=_("Votre proposition en quelques mots"),
        max_length=120,
        error_messages={
            "required": _("Donnez un titre court à votre proposition."),
            "max_length": TOO_LONG,
        },
    )
    text = forms.CharField(
        label=_("Ce qui changerait, et pourquoi"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Seuls les bénévoles du programme et son équipe le lisent. Ne nommez personne que "
            "vous accompagnez."
        ),
        error_messages={
            "required": _("Dites ce qui changerait, et pourquoi."),
            "max_length": TOO_LONG,
        },
    )


class ChangeAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=ChangeAnswer.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez votre réponse.")},
    )
    reason = forms.CharField(
        label=_("Ce qui vous retient (si vous avez une objection)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Les autres bénévoles le lisent : c'est ce qui permet d'avancer ensemble."),
        error_messages={"max_length": TOO_LONG},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        objects = cleaned.get("decision") == ChangeAnswer.Decision.OBJECT
        if objects and not (cleaned.get("reason") or "").strip():
            self.add_error(
                "reason", _("Dites ce qui vous retient : c'est ce qui permet d'avancer ensemble.")
            )
        return cleaned


class ChangeDoneForm(forms.Form):
    note = forms.CharField(
        label=_("Ce que l'équipe a fait"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Les bénévoles du programme le lisent."),
        error_messages={
            "required": _("Dites en quelques mots ce qui a été fait."),
            "max_length": TOO_LONG,
        },
    )
