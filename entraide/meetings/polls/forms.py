"""The forms of the date poll: proposing dates, answering them, choosing one."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.meetings.models import DatePoll, PollOption, PollVote

# Without JavaScript the form shows a fixed number of empty rows; "more dates" shows them all.
FIRST_ROWS = 5
MAX_OPTIONS = 10
MIN_OPTIONS = 2


class PollForm(forms.Form):
    """A title, a duration and 2 to 10 dates with a time, typed in the group's time zone."""

    title = forms.CharField(
        label=_("Pour quoi choisir une date ?"),
        max_length=200,
        help_text=_("Par exemple : « Rencontre de septembre » ou « Sortie au parc »."),
        error_messages={
            "required": _("Dites en quelques mots pour quoi on choisit une date."),
            "max_length": _("Ce texte est trop long : %(limit_value)d caractères au plus."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Durée en minutes"),
        min_value=15,
        max_value=480,
        initial=90,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Indiquez la durée en minutes."),
            "invalid": _("La durée est un nombre entier de minutes."),
            "min_value": _("Une rencontre dure au moins %(limit_value)s minutes."),
            "max_value": _("Une rencontre dure au plus %(limit_value)s minutes."),
        },
    )
    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, zone: ZoneInfo, rows: int = FIRST_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.row_count = max(FIRST_ROWS, min(rows, MAX_OPTIONS))
        self.fields["rows"].initial = self.row_count
        if isinstance(self.data, QueryDict):
            # The hidden field carries the rows now shown, not the ones shown before.
            data = self.data.copy()
            data["rows"] = str(self.row_count)
            self.data = data
        for index in range(self.row_count):
            self.fields[f"date_{index}"] = forms.DateField(
                label=_("Jour"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": _("Indiquez une date, par exemple 2025-09-16.")},
            )
            self.fields[f"time_{index}"] = forms.TimeField(
                label=_("Heure"),
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                error_messages={"invalid": _("Indiquez une heure, par exemple 18:30.")},
            )

    def option_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        """The date and time fields side by side, numbered from 1 for the page."""
        return [
            (index + 1, self[f"date_{index}"], self[f"time_{index}"])
            for index in range(self.row_count)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        now = timezone.now()
        starts: list[dt.datetime] = []
        for index in range(self.row_count):
            date_name, time_name = f"date_{index}", f"time_{index}"
            if date_name in self.errors or time_name in self.errors:
                continue
            day: dt.date | None = data.get(date_name)
            time: dt.time | None = data.get(time_name)
            if day is None and time is None:
                continue
            if day is None:
                self.add_error(date_name, _("Indiquez aussi le jour."))
                continue
            if time is None:
                self.add_error(time_name, _("Indiquez aussi l'heure."))
                continue
            start = dt.datetime.combine(day, time.replace(second=0, microsecond=0), self.zone)
            # A time skipped when the clocks go forward would silently move by an hour.
            if start.astimezone(dt.UTC).astimezone(self.zone).replace(tzinfo=None) != (
                start.replace(tzinfo=None)
            ):
                self.add_error(
                    time_name, _("Cette heure n'existe pas ce jour-là : on change d'heure.")
                )
            elif start <= now:
                self.add_error(date_name, _("Cette date est déjà passée."))
            elif start in starts:
                self.add_error(date_name, _("Cette date et cette heure sont déjà proposées."))
            else:
                starts.append(start)
        if not self.errors and len(starts) < MIN_OPTIONS:
            raise forms.ValidationError(
                _("Proposez au moins deux dates différentes, à venir."), code="too_few"
            )
        data["starts"] = sorted(starts)
        return data


class AnswerForm(forms.Form):
    """My answer for each date of the poll: oui, si besoin or non."""

    def __init__(
        self,
        *args: Any,
        options: list[PollOption],
        mine: dict[int, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for option in options:
            self.fields[f"option_{option.pk}"] = forms.ChoiceField(
                label=_("Votre réponse"),
                choices=PollVote.Choice.choices,
                required=False,
                initial=mine.get(option.pk),
                widget=forms.RadioSelect,
            )
        self.options = {f"option_{option.pk}": option for option in options}

    def choices(self) -> dict[PollOption, str]:
        """The options I answered this time (an option left blank keeps no answer)."""
        return {
            option: self.cleaned_data[name]
            for name, option in self.options.items()
            if self.cleaned_data.get(name)
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(name) for name in self.options):
            raise forms.ValidationError(
                _("Choisissez une réponse pour au moins une date."), code="empty"
            )
        return data


class ChooseForm(forms.Form):
    """The option a facilitator (or the poll's author) turns into a meeting."""

    option = forms.ModelChoiceField(
        queryset=PollOption.objects.none(),
        error_messages={"invalid_choice": _("Cette date ne fait pas partie du sondage.")},
    )

    def __init__(self, *args: Any, poll: DatePoll, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["option"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = poll.options.all()

    def clean_option(self) -> PollOption:
        option: PollOption = self.cleaned_data["option"]
        if option.starts_at <= timezone.now():
            raise forms.ValidationError(_("Cette date est déjà passée : choisissez-en une autre."))
        return option
