"""The questions a new group answers in its charter, with seed 000's suggestions.

Seed 000 gives two tables of decisions, "Logistique" and "Travailler ensemble", each question
with a suggested answer. The suggestion is shown as a starting point, never as a rule: a
section starts empty and the group writes its own answer.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    key: str
    part: str  # "logistics" or "together"
    text: Promise
    suggestion: Promise


LOGISTICS = "logistics"
TOGETHER = "together"

PARTS = {
    LOGISTICS: _("Logistique"),
    TOGETHER: _("Travailler ensemble"),
}

QUESTIONS: tuple[Question, ...] = (
    Question(
        "size",
        LOGISTICS,
        _("Combien de membres y aura-t-il dans notre groupe ?"),
        _(
            "6 à 10 membres : souvent, les groupes plus importants ne permettent pas à chacun "
            "d'avoir son tour de parole."
        ),
    ),
    Question(
        "frequency",
        LOGISTICS,
        _("À quelle fréquence nous rencontrerons-nous ?"),
        _("Une fois par mois."),
    ),
    Question(
        "duration",
        LOGISTICS,
        _("Quelle sera la durée de nos réunions ?"),
        _("1 heure."),
    ),
    Question(
        "place",
        LOGISTICS,
        _("Où les réunions auront-elles lieu ?"),
        _("Un lieu confidentiel, où l'on s'assoit en cercle."),
    ),
    Question(
        "resources",
        LOGISTICS,
        _("De quoi avons-nous besoin ?"),
        _("Papier pour tableau de conférence, marqueurs, notes autocollantes, rafraîchissements."),
    ),
    Question(
        "purpose",
        TOGETHER,
        _("Quel sera notre objectif ?"),
        _("S'écouter et se soutenir mutuellement."),
    ),
    Question(
        "facilitation",
        TOGETHER,
        _("Qui animera nos rencontres ?"),
        _("Il peut s'agir d'un seul membre ou d'une rotation."),
    ),
    Question(
        "ground_rules",
        TOGETHER,
        _("Comment allons-nous nous traiter mutuellement ? (règles de base et attentes)"),
        _(
            "Il est important que chacun se sente respecté et traité sur un pied d'égalité, "
            "et que l'on se mette d'accord, par exemple, sur les téléphones portables."
        ),
    ),
    Question(
        "confidentiality",
        TOGETHER,
        _("Comment assurer la confidentialité ?"),
        _("Chacun s'engage à garder confidentiel tout ce qui est dit pendant la rencontre."),
    ),
    Question(
        "breaches",
        TOGETHER,
        _("Que faisons-nous quand quelqu'un ne respecte pas nos règles ?"),
        _(
            "Se rappeler mutuellement les engagements partagés, et que le groupe appartient à "
            "tous ses membres."
        ),
    ),
    Question(
        "rituals",
        TOGETHER,
        _("Comment ouvrir et clôturer une rencontre ?"),
        _("Beaucoup de groupes aiment avoir un rituel, comme une chanson ou une salutation."),
    ),
    Question(
        "outside_help",
        TOGETHER,
        _("Quand chercher un soutien extérieur ?"),
        _(
            "Cela devrait inclure la protection des enfants, les menaces physiques et les "
            "situations complexes."
        ),
    ),
)

BY_KEY = {question.key: question for question in QUESTIONS}


def questions_of(part: str) -> list[Question]:
    return [question for question in QUESTIONS if question.part == part]
