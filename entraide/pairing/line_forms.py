"""The forms of a listening line's rota: weekly shifts, a month's availability, a shift log."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entraide.pairing.models import Day, LineShift, PeerApplication


class ShiftsField(forms.ModelMultipleChoiceField[LineShift]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label())


class VolunteerField(forms.ModelChoiceField[PeerApplication]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user.display_name)


class LineShiftForm(forms.Form):
    day = forms.ChoiceField(label=_("Jour"), choices=Day.choices)
    starts_at = forms.TimeField(
        label=_("Début"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("Fin"),
        help_text=_("Une fin avant le début veut dire le lendemain (une nuit)."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    wanted = forms.IntegerField(
        label=_("Personnes souhaitées"), min_value=1, max_value=10, initial=2
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") is not None and data.get("starts_at") == data.get("ends_at"):
            raise forms.ValidationError(_("La fin doit être différente du début."))
        return data


class AvailabilityForm(forms.Form):
    shifts = ShiftsField(
        label=_("Les permanences que je peux prendre ce mois-ci"),
        queryset=LineShift.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    max_shifts = forms.IntegerField(
        label=_("Combien de permanences au plus ce mois-ci"), min_value=0, max_value=31
    )

    def __init__(self, *args: Any, application: PeerApplication, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["shifts"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = LineShift.objects.filter(programme_id=application.programme_id)


class AddToShiftForm(forms.Form):
    occurrence = forms.CharField(max_length=40)
    volunteer = VolunteerField(
        label=_("Ajouter"), queryset=PeerApplication.objects.none(), empty_label=_("Choisir…")
    )

    def __init__(self, *args: Any, volunteers: list[PeerApplication], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["volunteer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = PeerApplication.objects.filter(
            pk__in=[v.pk for v in volunteers]
        ).select_related("user")


class AcceptSwapForm(forms.Form):
    exchanged = forms.TypedChoiceField(
        label=_("En échange"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, mine: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["exchanged"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("rien : je la reprends simplement")), *mine]


class ShiftLogForm(forms.Form):
    """Counts and durations only: there is no field for words, on purpose."""

    calls = forms.IntegerField(label=_("Nombre d'appels"), min_value=0, max_value=200)
    minutes = forms.IntegerField(
        label=_("Durée totale des appels (minutes)"), min_value=0, max_value=24 * 60
    )
