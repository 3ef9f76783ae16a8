"""The words for a refused action, shown on the page or sent to the one device that asked."""

from django.utils.translation import gettext as _


def refusal(reason: str) -> str:
    texts = {
        "stale": _("Quelqu'un a agi en même temps. Voici le cercle à jour."),
        "not_allowed": _(
            "Cette action est pour la personne qui anime la rencontre ou qui garde le temps."
        ),
        "not_your_turn": _("Ce n'est pas ou plus le tour de cette personne."),
        "not_in_circle": _("Cette personne n'est pas dans le cercle."),
        "closed": _("Le cercle de cette rencontre est fermé."),
        "not_open": _("Le cercle n'est pas encore ouvert."),
        "already_open": _("Le cercle est déjà ouvert."),
        "already": _("C'est déjà fait."),
        "nobody": _("Personne n'attend la parole."),
        "empty": _("Personne n'est encore dans le cercle."),
        "round": _("Un tour de parole est en cours. Ouvrez la parole d'abord."),
        "cancelled": _("Cette rencontre est annulée."),
    }
    return texts.get(reason, _("Cette action n'est pas possible."))
