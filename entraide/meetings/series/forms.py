"""The forms of the series and of one meeting; dates and hours are the group's local time."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.directory.models import WEEKDAYS
from entraide.lib import recurrence
from entraide.lib.forms import within_ten_years
from entraide.meetings.fields import TOO_LONG
from entraide.meetings.models import MeetingSeries, Venue

RHYTHMS = [
    ("monthly_weekday", _("un jour de la semaine par mois (par exemple le 1er mardi)")),
    ("monthly_date", _("une date par mois (par exemple le 10)")),
    ("weekly", _("chaque semaine")),
    ("fortnightly", _("une semaine sur deux")),
]
NTH = [
    (1, _("1er")),
    (2, _("2e")),
    (3, _("3e")),
    (4, _("4e")),
    (5, _("5e (les mois qui en ont un)")),
    (-1, _("dernier")),
]


def date_field(
    label: Any, required: Any = None, bounded: bool = True, **kwargs: Any
) -> forms.DateField:
    """A date typed in the browser's date picker; `required`: the message when it is missing;
    `bounded=False` for a form that sets its own, tighter bound."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": required or _("Indiquez la date."),
            "invalid": _("Indiquez une date, par exemple 2026-03-14."),
        },
        validators=[within_ten_years] if bounded else [],
        **kwargs,
    )


def time_field(label: Any, required: Any = None, **kwargs: Any) -> forms.TimeField:
    """A time typed in the browser's time picker; `required`: the message when it is missing."""
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": required or _("Indiquez l'heure."),
            "invalid": _("Indiquez une heure, par exemple 18:30."),
        },
        **kwargs,
    )


def place_field() -> forms.CharField:
    return forms.CharField(
        label=_("Adresse"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Étage, code d'entrée si besoin. Visible des membres seulement, et des personnes "
            "qui viennent écouter pour leur première rencontre ; jamais dans l'annuaire."
        ),
        error_messages={"max_length": TOO_LONG},
    )


def link_field() -> forms.URLField:
    return forms.URLField(
        label=_("Lien de visioconférence"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Le lien de l'outil de votre choix. Visible des membres seulement."),
        error_messages={
            "invalid": _("Indiquez une adresse web complète, par exemple https://…"),
            "max_length": TOO_LONG,
        },
    )


def capacity_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Nombre de places"),
        required=False,
        min_value=2,
        max_value=500,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Laissez vide s'il n'y a pas de limite. Au-delà, on s'inscrit en attente."),
        error_messages={
            "invalid": _("Indiquez un nombre entier."),
            "min_value": _("Au moins %(limit_value)s places, ou laissez vide."),
            "max_value": _("Au plus %(limit_value)s places."),
        },
    )


class SeriesForm(forms.Form):
    """The group's usual rhythm, place and number of places."""

    rhythm = forms.ChoiceField(
        label=_("Rythme"),
        choices=RHYTHMS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un rythme.")},
    )
    weekday = forms.TypedChoiceField(
        label=_("Jour de la semaine"),
        choices=[("", "—"), *WEEKDAYS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    nth = forms.TypedChoiceField(
        label=_("Quelle semaine du mois"),
        choices=[("", "—"), *NTH],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Pour un rythme par mois, par jour de la semaine."),
    )
    day = forms.IntegerField(
        label=_("Jour du mois"),
        required=False,
        min_value=1,
        max_value=31,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "Pour un rythme à date fixe. Les mois qui n'ont pas ce jour (un 31, un 30 février) "
            "n'ont pas de rencontre."
        ),
        error_messages={
            "invalid": _("Indiquez un jour entre 1 et 31."),
            "min_value": _("Indiquez un jour entre 1 et 31."),
            "max_value": _("Indiquez un jour entre 1 et 31."),
        },
    )
    starts_on = date_field(
        _("À partir du"),
        help_text=_("La première rencontre sera le premier jour du rythme à partir de cette date."),
    )
    start_time = time_field(_("Heure de début"))
    end_time = time_field(_("Heure de fin"))
    venue = forms.ChoiceField(
        label=_("Où"),
        choices=Venue.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez où le groupe se retrouve.")},
    )
    place = place_field()
    online_link = link_field()
    capacity = capacity_field()

    def __init__(self, *args: Any, series: MeetingSeries | None = None, **kwargs: Any) -> None:
        if series is not None:
            rhythm = recurrence.rhythm_of(series.rule)
            kwargs["initial"] = {
                "rhythm": rhythm.kind if rhythm else "",
                "weekday": rhythm.weekday if rhythm else None,
                "nth": rhythm.nth if rhythm else None,
                "day": rhythm.day if rhythm else None,
                "starts_on": series.starts_on,
                "start_time": series.start_time,
                "end_time": series.end_time,
                "venue": series.venue,
                "place": series.place,
                "online_link": series.online_link,
                "capacity": series.capacity,
            } | (kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rhythm = data.get("rhythm")
        if rhythm in ("weekly", "fortnightly", "monthly_weekday") and data.get("weekday") is None:
            self.add_error("weekday", _("Choisissez le jour de la semaine."))
        if rhythm == "monthly_weekday" and data.get("nth") is None:
            self.add_error("nth", _("Choisissez la semaine du mois : 1er, 2e… ou dernier."))
        if rhythm == "monthly_date" and data.get("day") is None and "day" not in self.errors:
            self.add_error("day", _("Indiquez le jour du mois."))
        # Keep only what the chosen rhythm uses.
        if rhythm != "monthly_weekday":
            data["nth"] = None
        if rhythm == "monthly_date":
            data["weekday"] = None
        else:
            data["day"] = None
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("L'heure de fin vient après l'heure de début."))
        venue = data.get("venue")
        if venue in (Venue.FIXED, Venue.HYBRID) and not data.get("place"):
            self.add_error("place", _("Indiquez l'adresse où le groupe se retrouve."))
        if (
            venue in (Venue.ONLINE, Venue.HYBRID)
            and not data.get("online_link")
            and "online_link" not in self.errors
        ):
            self.add_error("online_link", _("Indiquez le lien de visioconférence."))
        if venue == Venue.ROTATION:
            data["place"] = ""  # each host gives their own address, when they confirm
        if venue in (Venue.FIXED, Venue.ROTATION):
            data["online_link"] = ""
        return data


class WhenForm(forms.Form):
    """A date and two hours in the group's zone, giving aware datetimes in the future."""

    date = date_field(_("Date"))
    start_time = time_field(_("Heure de début"))
    end_time = time_field(_("Heure de fin"))

    def __init__(self, *args: Any, zone: ZoneInfo, **kwargs: Any) -> None:
        self.zone = zone
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", _("L'heure de fin vient après l'heure de début."))
                return data
            data["starts_at"] = dt.datetime.combine(day, start, tzinfo=self.zone)
            data["ends_at"] = dt.datetime.combine(day, end, tzinfo=self.zone)
            if data["starts_at"] <= timezone.now():
                self.add_error("date", _("Choisissez une date à venir."))
        return data

    @staticmethod
    def initial_for(starts_at: dt.datetime, ends_at: dt.datetime, zone: ZoneInfo) -> dict[str, Any]:
        start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
        return {"date": start.date(), "start_time": start.time(), "end_time": end.time()}


class AddMeetingForm(WhenForm):
    place = place_field()
    online_link = link_field()
    capacity = capacity_field()


class DetailsForm(forms.Form):
    place = place_field()
    online_link = link_field()
    capacity = capacity_field()
