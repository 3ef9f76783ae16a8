from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.reports.figures import AREA, THEME
from entraide.reports.periods import Period, periods


class ReportForm(forms.Form):
    """The period and how to split the figures; a plain GET form."""

    periode = forms.ChoiceField(
        label=_("Période"),
        error_messages={"invalid_choice": _("Choisissez une des périodes proposées.")},
    )
    par = forms.ChoiceField(
        label=_("Par"),
        choices=[(THEME, _("thématique")), (AREA, _("territoire"))],
        error_messages={"invalid_choice": _("Choisissez par thématique ou par territoire.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = {period.key: period for period in periods(timezone.localdate())}
        choice = self.fields["periode"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(key, p.label) for key, p in self.periods.items()]

    @classmethod
    def from_query(cls, query: Any) -> "ReportForm":
        """The form from the page's query, with the defaults for what it does not name."""
        data = QueryDict(mutable=True)
        data.update({"periode": "annee", "par": THEME})
        for key in ("periode", "par"):
            if key in query:
                data[key] = query[key]
        return cls(data)

    def period(self) -> Period:
        return self.periods[self.cleaned_data["periode"]]
