import re
import time
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from entraide.directory.actions import directory_version
from entraide.directory.models import (
    WEEKDAYS,
    SupportGroup,
    Theme,
    accessibility_choices,
)
from entraide.directory.search import Criteria
from entraide.lib import places
from entraide.lib.languages import GROUP_LANGUAGES
from entraide.organisations.models import Organisation

MAX_QUERY_LENGTH = 200
MAX_RADIUS_KM = 200


def resolve_place(value: object) -> places.Place | None:
    """A postal code or town typed in a form, resolved offline; a clear error if unknown."""
    text = " ".join(str(value or "").split())
    if not text:
        return None
    place = places.resolve(text)
    if place is None:
        raise forms.ValidationError(
            _(
                "Nous ne connaissons pas « %(place)s ». Essayez un code postal (par exemple "
                "44000) ou le nom d'une ville de France, de Belgique, de Suisse, du "
                "Luxembourg ou de Monaco."
            ),
            code="unknown_place",
            params={"place": text[:100]},
        )
    return place


def radius_field(initial: int) -> forms.IntegerField:
    """How far from a place to look, in kilometres (groups, organisations)."""
    return forms.IntegerField(
        label=_("Dans un rayon de (km)"),
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_KM,
        initial=initial,
        error_messages={
            "min_value": _("Le rayon doit être d'au moins %(limit_value)s km."),
            "max_value": _("Le rayon peut aller jusqu'à %(limit_value)s km."),
            "invalid": _("Le rayon doit être un nombre entier de kilomètres."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def theme_filter() -> forms.ModelChoiceField[Theme]:
    """One of the themes offered to everyone, by its slug, or all of them."""
    return forms.ModelChoiceField(
        label=_("Thématique"),
        required=False,
        queryset=Theme.objects.offered(),
        to_field_name="slug",
        empty_label=_("Toutes les thématiques"),
        error_messages={"invalid_choice": _("Cette thématique n'existe pas.")},
    )


class KeptFieldGroup(forms.BoundField):
    """A filter of the search form whose HTML (label, widget, help) is made once per value and
    language, then kept in this process, instead of rendering a dozen widget templates on every
    search.

    Each filter offers a fixed list of choices (its themes among them), so a valid value has
    few possible renderings; a field with an error is always rendered afresh. What is kept is
    forgotten when the directory changes (a theme added, accepted or replaced increases
    `actions.directory_version()`), after KEPT_SECONDS in any case, and all at once when
    KEPT_MAX renderings are kept.
    """

    KEPT_SECONDS = 300
    KEPT_MAX = 1000
    kept: dict[tuple[object, ...], tuple[float, SafeString]] = {}

    def as_field_group(self) -> SafeString:
        if self.errors:
            return SafeString(super().as_field_group())
        value = self.value()
        if isinstance(value, list):
            value = tuple(str(item) for item in value)
        form = self.form
        assert isinstance(form, SearchForm)
        key = (form.__class__, self.name, get_language(), form.directory_version, value)
        try:
            hash(key)
        except TypeError:  # a value of an unexpected kind: not kept
            return SafeString(super().as_field_group())
        now = time.monotonic()
        found = self.kept.get(key)
        if found is not None and found[0] > now:
            return found[1]
        html = SafeString(super().as_field_group())
        if len(self.kept) >= self.KEPT_MAX:
            self.kept.clear()
        self.kept[key] = (now + self.KEPT_SECONDS, html)
        return html


class SearchForm(forms.Form):
    """The directory's search. Every field is optional; a wrong one gets a plain message."""

    q = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Votre recherche est trop longue : %(limit_value)d caractères au plus.")
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("deuil, proches aidants, Nantes…")}
        ),
    )
    place = forms.CharField(
        label=_("Près de"),
        required=False,
        max_length=100,
        error_messages={
            "max_length": _("Ce lieu est trop long : %(limit_value)d caractères au plus.")
        },
        help_text=_("Un code postal ou une ville."),
        # With htmx, the towns that start like what is typed are offered in a <datalist>.
        widget=forms.TextInput(
            attrs={
                "placeholder": _("44000 ou Nantes"),
                "autocomplete": "off",
                "list": "place-suggestions",
                "hx-get": reverse_lazy("directory:place_suggestions"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#place-suggestions",
                "hx-swap": "outerHTML",
                "hx-push-url": "false",
                "hx-indicator": "this",
            }
        ),
    )
    radius = radius_field(20)
    theme = theme_filter()
    format = forms.MultipleChoiceField(
        label=_("Format"),
        required=False,
        choices=SupportGroup.Format.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    day = forms.TypedMultipleChoiceField(
        label=_("Jour"),
        required=False,
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    time = forms.MultipleChoiceField(
        label=_("Moment de la journée"),
        required=False,
        choices=[
            ("morning", _("le matin")),
            ("afternoon", _("l'après-midi")),
            ("evening", _("le soir")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Langue"),
        required=False,
        choices=[("", _("Toutes les langues")), *GROUP_LANGUAGES],
    )
    audience = forms.ChoiceField(
        label=_("Pour qui"),
        required=False,
        choices=[
            ("", _("Tout le monde")),
            (SupportGroup.Audience.CONCERNED, _("Je vis cette situation")),
            (SupportGroup.Audience.RELATIVES, _("J'accompagne un proche")),
        ],
    )
    cost = forms.ChoiceField(
        label=_("Coût"),
        required=False,
        choices=[
            ("", _("Peu importe")),
            ("free", _("Gratuit")),
            ("free_or_contribution", _("Gratuit ou participation libre")),
        ],
    )
    access = forms.MultipleChoiceField(
        label=_("Accessibilité"),
        required=False,
        choices=accessibility_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    accepting = forms.BooleanField(label=_("Accueille de nouveaux membres"), required=False)
    near_me = forms.BooleanField(
        label=_("Près de chez moi (mon code postal reste privé)"), required=False
    )

    # The filters with a fixed list of choices: their HTML is kept (KeptFieldGroup).
    KEPT = ("theme", "format", "day", "time", "language", "audience", "cost", "access")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.KEPT:
            self.fields[name].bound_field_class = KeptFieldGroup

    @cached_property
    def directory_version(self) -> int:
        """Read once for all the filters (a round trip to the cache)."""
        return directory_version()

    def clean_q(self) -> str:
        return " ".join(str(self.cleaned_data.get("q") or "").split())

    def clean_place(self) -> places.Place | None:
        return resolve_place(self.cleaned_data.get("place"))

    def criteria(self) -> Criteria:
        """The search criteria; call after is_valid() returned True."""
        data: dict[str, Any] = self.cleaned_data
        return Criteria(
            text=data["q"],
            theme=data["theme"],
            place=data["place"],
            radius_km=data["radius"] or 20,
            formats=data["format"],
            weekdays=data["day"],
            times=data["time"],
            language=data["language"],
            audience=data["audience"],
            cost=data["cost"],
            accessibility=data["access"],
            accepting=data["accepting"],
        )

    def has_filters(self) -> bool:
        """Whether any filter beyond the words and the place is set, to open that panel."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return False
        keys = ("theme", "format", "day", "time", "language", "audience", "cost", "access")
        return any(self.cleaned_data.get(key) for key in keys) or bool(
            self.cleaned_data.get("accepting")
        )


class ContactForm(forms.Form):
    """A message to a group, delivered by e-mail to whoever accompanies it; nothing is stored."""

    name = forms.CharField(label=_("Votre prénom ou pseudonyme"), max_length=40)
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        help_text=_(
            "Pour qu'on puisse vous répondre. Elle n'est transmise qu'à l'organisation "
            "qui accompagne le groupe."
        ),
    )
    message = forms.CharField(
        label=_("Votre message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Pas besoin d'en dire beaucoup. 2 000 caractères au plus."),
        error_messages={
            "max_length": _("Votre message est trop long : %(limit_value)d caractères au plus.")
        },
    )


class OrganisationSearchForm(forms.Form):
    """The directory of organisations: near a place, on a theme. Both optional."""

    place = forms.CharField(
        label=_("Près de"),
        required=False,
        max_length=100,
        error_messages={
            "max_length": _("Ce lieu est trop long : %(limit_value)d caractères au plus.")
        },
        help_text=_("Un code postal ou une ville."),
        widget=forms.TextInput(attrs={"placeholder": _("44000 ou Nantes")}),
    )
    radius = radius_field(30)
    theme = theme_filter()

    def clean_place(self) -> places.Place | None:
        return resolve_place(self.cleaned_data.get("place"))


class OrganisationPageForm(forms.ModelForm[Organisation]):
    """What an organisation's admins say on its public page."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Ses thématiques"),
        required=False,
        queryset=Theme.objects.offered(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Cette thématique n'existe pas.")},
    )

    class Meta:
        model = Organisation
        fields = (
            "description",
            "town",
            "website",
            "public_email",
            "public_phone",
            "area_served",
            "offers",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "area_served": forms.Textarea(attrs={"rows": 3}),
            "offers": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_public_phone(self) -> str:
        phone = str(self.cleaned_data.get("public_phone") or "").strip()
        if phone and not re.fullmatch(r"\+?[0-9 .()-]{6,30}", phone):
            raise forms.ValidationError(
                _("Écrivez un numéro de téléphone : des chiffres, espaces, points ou tirets.")
            )
        return phone
