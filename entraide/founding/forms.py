"""The forms of the initiator's path: the group-to-be, the interview, the sessions."""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from entraide.directory.forms import resolve_place
from entraide.directory.models import SupportGroup, Theme
from entraide.founding.actions import INTERVIEW_FIELDS
from entraide.founding.agendas import agenda_for, group_language
from entraide.founding.models import FoundingSession, Initiative
from entraide.lib import places
from entraide.lib.languages import GROUP_LANGUAGES
from entraide.meetings.series.forms import date_field, time_field
from entraide.organisations.models import Organisation, OrganisationRole

MAX_COST = 100  # euros per meeting: beyond, a peer-support group is not what it looks like

# A session may be recorded after it took place, or planned well ahead; not further.
SESSION_DATE_RANGE_DAYS = 2 * 366

TOO_LONG = _("Ce texte est trop long : %(limit_value)d caractères au plus.")


class GroupForm(forms.ModelForm[SupportGroup]):
    """The public side of the group-to-be: what the directory will show once it recruits.

    The place is typed as a postal code or a town and resolved offline, as in the directory;
    only the town's point is kept, never a meeting address.
    """

    place = forms.CharField(
        label=_("Code postal ou ville"),
        required=False,
        max_length=100,
        help_text=_(
            "Seulement la ville : l'adresse exacte ne sera donnée qu'aux membres. "
            "Vous pouvez laisser vide pour un groupe en ligne."
        ),
        error_messages={"max_length": TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": _("44000 ou Nantes")}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thématique(s)"),
        queryset=Theme.objects.offered().order_by("name_fr"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choisissez-en au moins une, ou écrivez la vôtre juste en dessous."),
        error_messages={"invalid_choice": _("Cette thématique n'existe pas.")},
    )
    new_theme = forms.CharField(
        label=_("Votre thématique n'est pas dans la liste ?"),
        required=False,
        max_length=80,
        help_text=_(
            "Écrivez-la en quelques mots, par exemple « Acouphènes ». Le groupe l'affiche "
            "tout de suite ; une personne qui coordonne l'ajoute ensuite à la liste de tous."
        ),
        error_messages={"max_length": TOO_LONG},
    )
    languages = forms.MultipleChoiceField(
        label=_("Langue(s) parlée(s) dans le groupe"),
        choices=GROUP_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une langue.")},
    )

    class Meta:
        model = SupportGroup
        fields = (
            "name",
            "summary",
            "description",
            "themes",
            "kind",
            "audience",
            "companions_welcome",
            "format",
            "languages",
            "cost",
            "cost_amount",
        )
        localized_fields = ("cost_amount",)  # "2,50" in French
        labels = {
            "name": _("Le nom du groupe"),
            "summary": _("Le groupe en une phrase"),
            "description": _("Une présentation plus longue (si vous le souhaitez)"),
            "kind": _("Le type de groupe"),
            "audience": _("Pour qui"),
            "format": _("Le format des rencontres"),
            "cost": _("Ce que coûte une rencontre"),
            "cost_amount": _("Montant par rencontre, en euros"),
        }
        help_texts = {
            "name": _("Par exemple : Deuil périnatal Nantes. Vous pourrez le changer."),
            "summary": _("Ce que verront d'abord les personnes qui cherchent un groupe."),
            "description": _("Ne donnez aucune information personnelle : cette page est publique."),
            "cost": _(
                "La plupart des groupes sont gratuits ; une participation peut couvrir une "
                "salle ou un café."
            ),
            "cost_amount": _("Seulement pour une participation fixe."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "kind": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "format": forms.RadioSelect,
            "cost": forms.RadioSelect,
            "cost_amount": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        error_messages = {
            "name": {
                "required": _("Donnez un nom au groupe, même provisoire."),
                "max_length": TOO_LONG,
            },
            "summary": {
                "required": _("Dites en une phrase ce que le groupe propose."),
                "max_length": TOO_LONG,
            },
            "kind": {"required": _("Choisissez le type de groupe.")},
            "audience": {"required": _("Dites pour qui est le groupe.")},
            "format": {"required": _("Choisissez le format des rencontres.")},
            "cost": {"required": _("Dites ce que coûte une rencontre, même si c'est gratuit.")},
            "cost_amount": {"invalid": _("Indiquez un montant, par exemple 2 ou 2,50.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = self.instance
        if group.pk:
            self.initial["languages"] = group.language_codes
            self.initial["place"] = " ".join(filter(None, [group.postal_code, group.town]))
        else:
            self.initial.setdefault("languages", ["fr"])
            # Nothing is said for the initiator: "gratuit" is only written once they choose it.
            self.initial["cost"] = None
        cost = self.fields["cost"]
        assert isinstance(cost, forms.ChoiceField)
        cost.choices = SupportGroup.Cost.choices  # no empty choice: the initiator says it

    def clean_languages(self) -> str:
        return ",".join(self.cleaned_data.get("languages") or [])

    def clean_place(self) -> places.Place | None:
        return resolve_place(self.cleaned_data.get("place"))

    def clean_new_theme(self) -> str:
        return " ".join(str(self.cleaned_data.get("new_theme") or "").split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("themes") and not data.get("new_theme") and "themes" not in self.errors:
            self.add_error("themes", _("Choisissez au moins une thématique, ou écrivez la vôtre."))
        if data.get("cost") == SupportGroup.Cost.FIXED:
            amount = data.get("cost_amount")
            if amount is None and "cost_amount" not in self.errors:
                self.add_error("cost_amount", _("Indiquez le montant par rencontre."))
            elif amount is not None and not 0 < amount <= MAX_COST:
                self.add_error(
                    "cost_amount",
                    _("Indiquez un montant entre 0 et %(max)s euros.") % {"max": MAX_COST},
                )
        else:
            data["cost_amount"] = None
        place = data.get("place")
        group_format = data.get("format")
        needs_place = group_format and group_format != SupportGroup.Format.ONLINE
        if place is None and needs_place and "place" not in self.errors:
            self.add_error(
                "place", _("Indiquez la ville où le groupe se retrouvera, ou son code postal.")
            )
        # Only the town's point is kept (the form works on its own copy of the group).
        group = self.instance
        if isinstance(place, places.Place):
            group.country, group.postal_code, group.town = (
                place.country,
                place.postal_code[:10],
                place.name[:100],
            )
            group.latitude, group.longitude = place.lat, place.lon
        elif "place" not in self.errors:
            group.postal_code, group.town = "", ""
            group.latitude = group.longitude = None
        return data

    def theme_ids(self) -> list[int]:
        return [theme.pk for theme in self.cleaned_data["themes"]]


class InterviewForm(forms.ModelForm[Initiative]):
    """The motivation interview (seed 001, step 1). Every answer may wait: it saves as it is."""

    class Meta:
        model = Initiative
        fields = INTERVIEW_FIELDS
        help_texts = {
            "need": _("Ce que vous vivez, ce qui vous manque, ce que vous aimeriez trouver."),
            "members_profile": _(
                "Des personnes qui vivent la même situation, des proches, un âge, un lieu…"
            ),
            "motivation": _("Il n'y a pas de bonne réponse : dites-le avec vos mots."),
            "own_role": _(
                "Animer, co-animer, faire le lien, ou simplement lancer le groupe : "
                "tout est possible."
            ),
            "collective_decisions": _(
                "Un groupe d'entraide décide ensemble de son fonctionnement : qu'en pensez-vous ?"
            ),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "need",
                "members_profile",
                "motivation",
                "own_role",
                "collective_decisions",
            )
        }
        error_messages = {
            name: {"max_length": TOO_LONG}
            for name in (
                "need",
                "members_profile",
                "motivation",
                "own_role",
                "collective_decisions",
            )
        }


class OrganisationChoice(forms.ModelChoiceField[Organisation]):
    """Only organisations a request can reach; those without a team on the site say so."""

    def label_from_instance(self, obj: Organisation) -> str:
        if getattr(obj, "has_coordinator", True):
            return obj.name
        return _("%(name)s (votre demande ira à son adresse de contact)") % {"name": obj.name}


def reachable_organisations() -> QuerySet[Organisation]:
    coordinators = OrganisationRole.objects.filter(
        organisation=OuterRef("pk"), role=OrganisationRole.Role.COORDINATOR
    )
    return (
        Organisation.objects.annotate(has_coordinator=Exists(coordinators))
        .filter(Q(has_coordinator=True) | ~Q(contact_email=""))
        .order_by("name")
    )


class AccompanimentForm(forms.Form):
    organisation = OrganisationChoice(
        label=_("L'organisation à qui demander un accompagnement"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choisissez une organisation"),
        error_messages={
            "required": _("Choisissez une organisation."),
            "invalid_choice": _("Cette organisation n'existe pas."),
        },
    )
    message = forms.CharField(
        label=_("Un mot pour l'organisation (si vous le souhaitez)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ses coordinateur·rices le liront avec votre entretien. Une organisation qui n'a "
            "pas encore d'équipe sur Entraide le reçoit par e-mail, sans votre entretien, et "
            "vous répond à votre adresse e-mail."
        ),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoice)
        field.queryset = reachable_organisations()


class SlotAnswerForm(forms.Form):
    """The initiator's answer to the meeting a coordinator proposed."""

    answer = forms.ChoiceField(
        label=_("Ce rendez-vous vous convient-il ?"),
        choices=Initiative.SlotAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Dites si ce rendez-vous vous convient.")},
    )
    note = forms.CharField(
        label=_("Un mot pour l'organisation"),
        required=False,
        max_length=300,
        help_text=_("Par exemple, les jours et heures où vous êtes disponible."),
        error_messages={"max_length": TOO_LONG},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == Initiative.SlotAnswer.ANOTHER and not data.get("note", "").strip():
            self.add_error("note", _("Dites quand vous seriez disponible."))
        return data


class GoBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi revenir à l'étape précédente ?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Quelques mots suffisent ; ils restent dans l'historique du projet."),
        error_messages={
            "required": _("Dites en quelques mots pourquoi vous revenez en arrière."),
            "max_length": TOO_LONG,
        },
    )


class SessionForm(forms.Form):
    """One founding session. The date and time are those of the group's own time zone."""

    date = date_field(_("Date"), required=_("Indiquez la date de la séance."), bounded=False)
    time = time_field(_("Heure de début"), required=_("Indiquez l'heure de début."))
    duration_minutes = forms.IntegerField(
        label=_("Durée en minutes"),
        min_value=15,
        max_value=480,
        initial=90,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Indiquez la durée en minutes."),
            "invalid": _("La durée est un nombre entier de minutes."),
            "min_value": _("Une séance dure au moins %(limit_value)s minutes."),
            "max_value": _("Une séance dure au plus %(limit_value)s minutes."),
        },
    )
    place = forms.CharField(
        label=_("Lieu ou lien de visioconférence"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Visible seulement des membres et des personnes invitées, "
            "jamais dans l'annuaire ni dans les e-mails."
        ),
        error_messages={"max_length": TOO_LONG},
    )
    agenda = forms.CharField(
        label=_("Déroulé"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Une suggestion pour commencer : changez-la librement."),
        error_messages={"max_length": TOO_LONG},
    )
    notes = forms.CharField(
        label=_("Ce qui a été décidé"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, session: FoundingSession, **kwargs: Any) -> None:
        self.session = session
        self.zone = session.initiative.group.time_zone
        meeting = session.meeting
        initial: dict[str, Any]
        if meeting is None:
            with translation.override(group_language(session.initiative.group)):
                initial = {"duration_minutes": 90, "agenda": agenda_for(session.kind)}
        else:
            local = meeting.starts_at.astimezone(self.zone)
            initial = {
                "date": local.date(),
                "time": local.time().replace(second=0, microsecond=0),
                "duration_minutes": int((meeting.ends_at - meeting.starts_at).total_seconds())
                // 60,
                "place": meeting.place,
                "agenda": meeting.agenda,
                "notes": meeting.note,
            }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        today = timezone.localdate()
        if abs((day - today).days) > SESSION_DATE_RANGE_DAYS:
            raise forms.ValidationError(
                _("Choisissez une date dans les deux ans, avant ou après aujourd'hui.")
            )
        return day

    def fields_to_save(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_at": dt.datetime.combine(data["date"], data["time"], tzinfo=self.zone),
            "duration_minutes": data["duration_minutes"],
            "place": data["place"],
            "agenda": data["agenda"],
            "notes": data["notes"],
        }


class EmailInterestForm(forms.Form):
    """Be told when the group starts, without an account."""

    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        max_length=254,
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _("Cette adresse e-mail ne semble pas valide."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que mon adresse serve seulement à me prévenir du démarrage de ce groupe. "
            "Personne dans le groupe ne la voit ; elle est effacée quand le groupe démarre ou "
            "quand je le demande."
        ),
        error_messages={"required": _("Cochez la case pour que nous puissions vous écrire.")},
    )


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Un mot pour la personne à l'initiative (si vous le souhaitez)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pas besoin de raconter votre histoire. Vous pouvez laisser vide."),
        error_messages={"max_length": TOO_LONG},
    )
