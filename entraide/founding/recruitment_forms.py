"""Forms of the recruitment step: the quorum, and the partner relays."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entraide.accounts.models import User
from entraide.founding.models import Initiative, Relay
from entraide.membership.models import Membership

QUORUM_MIN = 3
QUORUM_MAX = 12
QUORUM_ERROR = _(
    "Choisissez un nombre entre 3 et 12. Le guide conseille un groupe de 6 à 10 personnes."
)


class QuorumForm(forms.Form):
    quorum = forms.IntegerField(
        label=_("Combien de personnes pour démarrer ?"),
        min_value=QUORUM_MIN,
        max_value=QUORUM_MAX,
        help_text=_(
            "Entre 3 et 12. On conseille 6 à 10 membres : assez pour que chacun puisse parler, "
            "pas trop pour que chacun ait sa place."
        ),
        error_messages={
            "required": _("Indiquez un nombre de personnes."),
            "invalid": _("Indiquez un nombre entier, par exemple 6."),
            "min_value": QUORUM_ERROR,
            "max_value": QUORUM_ERROR,
        },
        widget=forms.NumberInput(attrs={"min": QUORUM_MIN, "max": QUORUM_MAX}),
    )


class PersonChoiceField(forms.ModelChoiceField[User]):
    """People by their display name, the only name the group knows them by."""

    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class RelayForm(forms.Form):
    """A partner who may pass the word on, and when they were contacted; only the name is needed."""

    name = forms.CharField(
        label=_("Nom du relais"),
        max_length=150,
        help_text=_("Par exemple : Centre social des Dervallières, pharmacie du Marché."),
        error_messages={
            "required": _("Indiquez le nom du relais."),
            "max_length": _("Ce nom est trop long : %(limit_value)d caractères au plus."),
        },
    )
    kind = forms.ChoiceField(label=_("Type de relais"), choices=Relay.Kind.choices)
    contact = forms.CharField(
        label=_("Contact public"),
        max_length=200,
        required=False,
        help_text=_(
            "Le contact que le relais publie lui-même : accueil, standard, site. "
            "Pas de numéro ni d'adresse personnels."
        ),
        error_messages={
            "max_length": _("Ce contact est trop long : %(limit_value)d caractères au plus.")
        },
    )
    contacted_on = forms.DateField(
        label=_("Contacté le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Laissez vide si personne ne l'a encore contacté."),
        error_messages={"invalid": _("Indiquez une date, par exemple 14/03/2026.")},
    )
    contacted_by = PersonChoiceField(
        label=_("Contacté par"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Personne pour l'instant"),
        error_messages={"invalid_choice": _("Choisissez une personne du groupe.")},
    )
    note = forms.CharField(
        label=_("Ce qui en est sorti"),
        max_length=300,
        required=False,
        help_text=_("Par exemple : affiche posée à l'accueil, à relancer en septembre."),
        error_messages={"max_length": _("C'est un peu long : %(limit_value)d caractères au plus.")},
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the group's own people can have made the contact; observers come to listen.
        field = self.fields["contacted_by"]
        assert isinstance(field, PersonChoiceField)
        field.queryset = User.objects.filter(
            memberships__group=initiative.group,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role__in=[Membership.Role.MEMBER, Membership.Role.FACILITATOR],
        ).order_by("display_name")

    def clean_contacted_on(self) -> Any:
        value = self.cleaned_data.get("contacted_on")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(
                _("Cette date est dans le futur : indiquez le jour où le contact a eu lieu.")
            )
        return value

    @classmethod
    def initial_for(cls, relay: Relay) -> dict[str, Any]:
        return {
            "name": relay.name,
            "kind": relay.kind,
            "contact": relay.contact,
            "contacted_on": relay.contacted_on,
            "contacted_by": relay.contacted_by_id,
            "note": relay.note,
        }
