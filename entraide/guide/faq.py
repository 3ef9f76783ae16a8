"""The questions newcomers ask before their first meeting (seed 003), in our own words.

Each question has a stable anchor, so that a group page, an e-mail or a facilitator can link
to one answer: /guide/questions/#dois-je-parler.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    anchor: str
    question: Promise
    answer: tuple[Promise, ...]
    # An optional link after the answer: (URL name, words of the link).
    link: tuple[str, Promise] | None = None


QUESTIONS: tuple[Question, ...] = (
    Question(
        "dois-je-parler",
        _("Est-ce que je dois parler ?"),
        (
            _("Non. Beaucoup de personnes écoutent seulement, les premières fois."),
            _(
                "Quand vient votre tour, vous pouvez dire « je passe ». Personne ne vous "
                "demandera pourquoi. Vous parlerez quand vous serez prêt·e, ou jamais."
            ),
        ),
    ),
    Question(
        "premiere-fois",
        _("Comment se passe la première fois ?"),
        (
            _(
                "Vous pouvez venir d'abord comme observateur ou observatrice : vous écoutez, "
                "vous découvrez le groupe, sans rien promettre."
            ),
            _(
                "Quelqu'un vous accueille et vous explique les règles du groupe. Ensuite, "
                "vous décidez si vous revenez."
            ),
        ),
        ("guide:guide", _("Lire le guide du participant")),
    ),
    Question(
        "combien-de-temps",
        _("Combien de temps dure une rencontre ?"),
        (
            _(
                "Souvent entre une heure et demie et deux heures, parfois avec une pause. "
                "Chaque groupe indique ses horaires sur sa page."
            ),
            _("Le groupe dit au début combien de temps durera la rencontre."),
        ),
    ),
    Question(
        "est-ce-payant",
        _("Est-ce que c'est payant ?"),
        (
            _(
                "La plupart des groupes sont gratuits. Certains demandent une petite "
                "participation, libre ou fixe, pour payer la salle ou le café."
            ),
            _("Le coût est écrit sur la page de chaque groupe."),
        ),
        ("directory:search", _("Trouver un groupe")),
    ),
    Question(
        "venir-accompagne",
        _("Est-ce que je peux venir avec quelqu'un ?"),
        (
            _(
                "Cela dépend du groupe. Certains accueillent les proches. D'autres se "
                "retrouvent seulement entre les personnes concernées."
            ),
            _(
                "La page du groupe le dit. En cas de doute, posez la question au groupe "
                "avant de venir."
            ),
        ),
    ),
    Question(
        "et-si-je-pleure",
        _("Et si je pleure ?"),
        (
            _("C'est normal d'être ému·e. Cela arrive à tout le monde, et personne ne juge."),
            _(
                "Vous pouvez demander une pause, sortir un moment, boire un verre d'eau. "
                "Le groupe est là pour vous soutenir."
            ),
        ),
    ),
    Question(
        "plusieurs-groupes",
        _("Est-ce que je peux aller dans plusieurs groupes ?"),
        (
            _(
                "Oui. Certaines personnes aiment entendre des façons différentes de vivre "
                "la même chose. Vous pouvez aussi changer de groupe."
            ),
        ),
    ),
    Question(
        "confidentialite",
        _("Ce que je dis reste-t-il dans le groupe ?"),
        (
            _(
                "Oui. La confidentialité est la règle d'or : ce qui se dit dans le groupe "
                "reste dans le groupe. Chaque membre s'y engage."
            ),
            _(
                "Le site ne montre jamais qui fait partie d'un groupe. Vous pouvez utiliser "
                "un prénom ou un pseudonyme."
            ),
        ),
        ("pages:privacy", _("Ce que le site garde, et pourquoi")),
    ),
    Question(
        "est-ce-une-therapie",
        _("Est-ce une thérapie ?"),
        (
            _(
                "Non. Un groupe d'entraide réunit des personnes qui vivent la même "
                "difficulté. Elles partagent ce qu'elles ont appris de leur expérience."
            ),
            _(
                "Le groupe ne remplace pas un médecin ni un psychologue. Il peut aller avec "
                "un suivi, si vous en avez un."
            ),
        ),
    ),
    Question(
        "urgence",
        _("Et si je vais très mal, maintenant ?"),
        (
            _(
                "Un groupe d'entraide n'est pas un service d'urgence. Si vous êtes en danger, "
                "ou si quelqu'un l'est, appelez tout de suite un numéro d'urgence."
            ),
        ),
        ("guide:help_now", _("Les numéros d'aide et d'urgence")),
    ),
    Question(
        "puis-je-partir",
        _("Est-ce que je peux partir ?"),
        (
            _(
                "Oui, à tout moment. Vous pouvez sortir pendant une rencontre si c'est trop "
                "pour vous. Vous pouvez aussi quitter le groupe, sans vous justifier."
            ),
            _("Vous pourrez revenir plus tard, si le groupe accueille encore."),
        ),
    ),
    Question(
        "si-le-groupe-ne-me-convient-pas",
        _("Et si le groupe ne me convient pas ?"),
        (
            _(
                "Donnez-vous deux ou trois rencontres pour vous faire une idée. Un bon groupe "
                "se reconnaît à son accueil et à son écoute."
            ),
            _(
                "Si ce n'est pas le bon groupe pour vous, cherchez-en un autre, près de chez "
                "vous ou en ligne. Chacun trouve sa place à son rythme."
            ),
        ),
        ("directory:search", _("Chercher un autre groupe")),
    ),
    Question(
        "les-silences",
        _("Et quand il y a des silences ?"),
        (
            _(
                "Les silences font partie des rencontres. Ils laissent à chacun le temps de "
                "recevoir ce qui vient d'être dit. Vous n'avez pas à les remplir."
            ),
        ),
    ),
    Question(
        "rien-a-apporter",
        _("Je n'ai rien à apporter aux autres…"),
        (
            _(
                "Votre présence compte déjà. Écouter, hocher la tête, sourire : c'est aussi "
                "soutenir. Le reste viendra, si vous le voulez."
            ),
        ),
    ),
)
