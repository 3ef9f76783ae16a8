"""The workshop form (dates and hours in the organisation's zone) and the attendance sheet."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.meetings.fields import TOO_LONG
from entraide.meetings.series.forms import WhenForm
from entraide.workshops.models import Registration, Workshop


class WorkshopForm(WhenForm):
    """What a workshop is, for whom, when and where; `cleaned_data` holds aware datetimes."""

    title = forms.CharField(
        label=_("Titre"),
        max_length=150,
        error_messages={"required": _("Donnez un titre à l'atelier."), "max_length": TOO_LONG},
    )
    description = forms.CharField(
        label=_("Ce que l'on y apprend"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En quelques phrases simples : ce que l'on y fera, ce que l'on en retire."),
        error_messages={
            "required": _("Dites en quelques mots ce que l'on y apprend."),
            "max_length": TOO_LONG,
        },
    )
    audience = forms.ChoiceField(
        label=_("Pour qui"),
        choices=Workshop.Audience.choices,
        initial=Workshop.Audience.MEMBERS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez pour qui est l'atelier.")},
    )
    format = forms.ChoiceField(
        label=_("Où"),
        choices=Workshop.Format.choices,
        initial=Workshop.Format.IN_PERSON,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez sur place ou en ligne.")},
    )
    place_name = forms.CharField(
        label=_("Lieu"),
        required=False,
        max_length=150,
        help_text=_("Par exemple : Maison des associations, salle 2. Visible de tous."),
        error_messages={"max_length": TOO_LONG},
    )
    address = forms.CharField(
        label=_("Adresse"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Rue, étage, code d'entrée. Montrée aux personnes inscrites seulement."),
        error_messages={"max_length": TOO_LONG},
    )
    town = forms.CharField(
        label=_("Ville"),
        required=False,
        max_length=100,
        help_text=_("Visible de tous."),
        error_messages={"max_length": TOO_LONG},
    )
    online_link = forms.URLField(
        label=_("Lien de visioconférence"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Donné seulement aux personnes qui ont une place."),
        error_messages={
            "invalid": _("Indiquez une adresse web complète, par exemple https://…"),
            "max_length": TOO_LONG,
        },
    )
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        min_value=1,
        max_value=500,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Au-delà, on s'inscrit sur la liste d'attente."),
        error_messages={
            "required": _("Indiquez le nombre de places."),
            "invalid": _("Indiquez un nombre entier."),
            "min_value": _("Au moins %(limit_value)s place."),
            "max_value": _("Au plus %(limit_value)s places."),
        },
    )

    field_order = [
        "title",
        "description",
        "audience",
        "date",
        "start_time",
        "end_time",
        "format",
        "place_name",
        "address",
        "town",
        "online_link",
        "capacity",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("format") == Workshop.Format.ONLINE:
            if not data.get("online_link") and "online_link" not in self.errors:
                self.add_error("online_link", _("Indiquez le lien de visioconférence."))
            data["place_name"] = data["address"] = data["town"] = ""
        elif data.get("format") == Workshop.Format.IN_PERSON:
            if not data.get("address"):
                self.add_error("address", _("Indiquez l'adresse où l'atelier a lieu."))
            if not data.get("town"):
                self.add_error("town", _("Indiquez la ville."))
            data["online_link"] = ""
        return data

    @classmethod
    def initial_of(cls, workshop: Workshop) -> dict[str, Any]:
        initial = {
            name: getattr(workshop, name)
            for name in (
                "title",
                "description",
                "audience",
                "format",
                "place_name",
                "address",
                "town",
                "online_link",
                "capacity",
            )
        }
        return initial | cls.initial_for(workshop.starts_at, workshop.ends_at, workshop.time_zone)


PRESENCE = [("", _("pas noté")), ("yes", _("présent·e")), ("no", _("absent·e"))]


class AttendanceForm(forms.Form):
    """One choice per person with a seat: came, did not come, or not noted."""

    def __init__(self, *args: Any, seated: list[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seated = seated
        for registration in seated:
            current = {True: "yes", False: "no", None: ""}[registration.attended]
            self.fields[f"presence_{registration.pk}"] = forms.ChoiceField(
                label=registration.user.display_name,
                choices=PRESENCE,
                required=False,
                initial=current,
                widget=forms.RadioSelect,
            )

    def marks(self) -> dict[int, bool | None]:
        values = {"yes": True, "no": False, "": None}
        return {
            registration.pk: values[self.cleaned_data.get(f"presence_{registration.pk}") or ""]
            for registration in self.seated
        }
