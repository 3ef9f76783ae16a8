"""The accessibility audit: the one source of the statement page and of the grid in
`docs/accessibility.md` (a test checks that the document's grid is the one written here).

The audit follows RGAA 4.1.2: its 106 criteria, each met (C), not met (NC) or not applicable
(NA) on the pages audited. A criterion is met only when it is met on every page audited, so
one page that fails it makes it "not met". The conformance rate is the law's: the criteria met
over the criteria applicable.

After a change that touches accessibility, update this module, then run
`.venv/bin/python scripts/accessibility_grid.py` to write the grid into the document.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RGAA_VERSION = "4.1.2"
AUDIT_DATE = dt.date(2026, 12, 7)
STATEMENT_DATE = dt.date(2026, 12, 7)

# The thirteen themes of RGAA 4.1.2 and how many criteria each holds (106 in all).
THEMES: tuple[tuple[int, str, int], ...] = (
    (1, "Images", 9),
    (2, "Cadres", 2),
    (3, "Couleurs", 3),
    (4, "Multimédia", 13),
    (5, "Tableaux", 8),
    (6, "Liens", 2),
    (7, "Scripts", 5),
    (8, "Éléments obligatoires", 10),
    (9, "Structuration de l'information", 4),
    (10, "Présentation de l'information", 14),
    (11, "Formulaires", 13),
    (12, "Navigation", 11),
    (13, "Consultation", 12),
)


class Result(StrEnum):
    MET = "C"
    NOT_MET = "NC"
    NOT_APPLICABLE = "NA"


@dataclass(frozen=True)
class Page:
    name: Promise
    address: str


# The sample of pages audited: the core journeys of a newcomer, a member, a facilitator and
# a coordinator.
PAGES: tuple[Page, ...] = (
    Page(_("Accueil"), "/"),
    Page(_("Trouver un groupe (la recherche et ses résultats)"), "/groupes/"),
    Page(_("La page publique d'un groupe"), "/groupes/<groupe>/"),
    Page(_("Créer un compte"), "/compte/signup/"),
    Page(_("Se connecter"), "/compte/login/"),
    Page(_("Mes groupes"), "/mes-groupes/"),
    Page(_("L'espace privé d'un groupe"), "/mes-groupes/<groupe>/"),
    Page(_("La page d'une rencontre"), "/mes-groupes/<groupe>/rencontres/<numéro>/"),
    Page(_("Le cercle de parole"), "/mes-groupes/<groupe>/rencontres/<numéro>/cercle/"),
    Page(_("Mon carnet"), "/mon-carnet/"),
    Page(
        _("Le tableau d'accompagnement d'une organisation"),
        "/organisations/<organisation>/accompagnement/",
    ),
    Page(_("Besoin d'aide maintenant ?"), "/aide-maintenant/"),
    Page(_("Plan du site"), "/plan-du-site/"),
    Page(_("Déclaration d'accessibilité"), "/accessibilite/"),
)

TOOLS: tuple[Promise, ...] = (
    _("axe-core 4.12, lancé par Playwright sur chaque page à chaque modification du site"),
    _("l'arbre d'accessibilité de Chromium, lu par Playwright"),
    _("le clavier seul, sans souris"),
    _(
        "l'affichage à 320 pixels de large, le texte zoomé jusqu'au double de sa taille et "
        "l'espacement du texte agrandi"
    ),
    _("le mode de couleurs forcées (contraste élevé de Windows), émulé dans Chromium"),
)

ENVIRONMENT: tuple[Promise, ...] = (
    _("Chromium 156 sous Linux (Debian 12), sur ordinateur et en largeur de téléphone"),
    _("le site avec et sans JavaScript"),
)

# Criteria that no audited page has anything for: no frame, no video or sound, no CAPTCHA…
NOT_APPLICABLE: frozenset[str] = frozenset(
    {
        # CAPTCHA and test images; detailed descriptions (none yet: see 1.6); text in images.
        *("1.4", "1.5", "1.7", "1.8"),
        # Frames; video and sound.
        *("2.1", "2.2", *(f"4.{n}" for n in range(1, 14))),
        # Complex tables and tables used for layout.
        *("5.1", "5.2", "5.3", "5.8"),
        # Changes of reading direction; content shown on hover or focus; keyboard shortcuts of
        # one key; a search engine of the whole site.
        *("8.10", "10.13", "10.14", "12.5", "12.10"),
        # New windows; documents' accessible versions (none yet: see 13.3); cryptic content;
        # flashes; moving content; complex gestures; moving the device.
        *("13.2", "13.4", "13.5", "13.6", "13.7", "13.8", "13.10", "13.12"),
    }
)


@dataclass(frozen=True)
class Failure:
    """A criterion not met: where, what fails, and what a person may do meanwhile."""

    title: str
    issue_item: int
    pages: str
    what: Promise
    alternative: Promise


# The criteria not met, with the item of issue 22 that will fix each.
NOT_MET: dict[str, Failure] = {
    "13.3": Failure(
        "Dans chaque page web, chaque document bureautique en téléchargement possède-t-il, si "
        "nécessaire, une version accessible ?",
        8,
        "affichette et charte d'un groupe",
        _("L'affichette et la charte en PDF ne sont pas balisées."),
        _(
            "Le texte de la charte se lit sur la page du groupe ; l'affichette est envoyée en "
            "texte sur simple demande à l'adresse ci-dessous."
        ),
    ),
}

# What the audit of issue 22 found not met and is now fixed, for the record in the grid.
FIXED: dict[str, str] = {
    "7.1": "le cercle de parole garde le focus sur le bouton qui a agi ou sur celui qui le "
    "remplace (item 1)",
    "7.5": "le cercle annonce une fois chaque événement : son action faite, une main levée, le "
    "temps prévu passé, une voix qui prend la place, la fin du cercle (item 2)",
    "12.8": "après chaque action du cercle, le clavier reste où il était (item 1)",
    "1.6": "la part de chaque personne écrite sous l'équilibre de la parole, la sienne nommée "
    "(item 3)",
    "1.9": 'chaque graphique reçoit role="figure" et le nom de sa légende (item 9)',
    "3.3": "les parts de l'équilibre de la parole contrastées à 3,6:1 et 5,9:1 (item 3)",
    "8.2": "un seul identifiant « results » dans la recherche, aucun formulaire dans un « span » "
    "sur l'écran partagé du cercle (items 4 et 9)",
    "8.6": "titres des pages privées nommant le groupe ou l'organisation (item 7)",
    "11.10": "« (obligatoire) » sur la case d'accord de l'inscription (item 6)",
    "11.11": "exemple « nom@exemple.fr » dans l'erreur d'adresse (item 6)",
    "11.13": 'autocomplete="nickname" sur le nom affiché (item 6)',
    "12.1": "plan du site, en plus du menu et de la recherche (item 7)",
    "12.7": "messages de confirmation dans le contenu principal (item 10)",
    "13.1": "avertissement avant la fin d'une session et texte gardé (item 5)",
}

# Issue 22's findings outside the RGAA criteria, still to do: listed in the statement too.
OTHER_WORK: tuple[Promise, ...] = (
    _(
        "Les mots ne sont pas encore tous les mêmes pour les mêmes choses (séance et "
        "rencontre, courriel et e-mail), ni les heures écrites de la même façon."
    ),
)


def criteria() -> list[str]:
    return [f"{theme}.{n}" for theme, _name, count in THEMES for n in range(1, count + 1)]


def result(criterion: str) -> Result:
    if criterion in NOT_MET:
        return Result.NOT_MET
    if criterion in NOT_APPLICABLE:
        return Result.NOT_APPLICABLE
    return Result.MET


@dataclass(frozen=True)
class Figures:
    met: int
    not_met: int
    not_applicable: int

    @property
    def applicable(self) -> int:
        return self.met + self.not_met

    @property
    def rate(self) -> int:
        """The conformance rate, in whole per cent, rounded down: never flattering."""
        return self.met * 100 // self.applicable


def figures() -> Figures:
    results = [result(criterion) for criterion in criteria()]
    return Figures(
        met=results.count(Result.MET),
        not_met=results.count(Result.NOT_MET),
        not_applicable=results.count(Result.NOT_APPLICABLE),
    )


def grid_markdown() -> str:
    """The grid as `docs/accessibility.md` holds it, between its markers."""
    counted = figures()
    lines = [
        f"Criteria met: **{counted.met}** of **{counted.applicable}** applicable "
        f"({counted.not_applicable} not applicable, 106 in all): **{counted.rate} %**.",
        "",
        "| criterion | theme | result | pages | note |",
        "|---|---|---|---|---|",
    ]
    theme_names = {number: name for number, name, _count in THEMES}
    for criterion in criteria():
        theme = theme_names[int(criterion.split(".")[0])]
        found = result(criterion)
        if criterion in NOT_MET:
            failure = NOT_MET[criterion]
            pages, note = failure.pages, f"{failure.title} (issue 22, item {failure.issue_item})"
        elif criterion in FIXED:
            pages, note = "all audited", f"fixed: {FIXED[criterion]}"
        elif found is Result.NOT_APPLICABLE:
            pages, note = "–", ""
        else:
            pages, note = "all audited", ""
        lines.append(f"| {criterion} | {theme} | {found} | {pages} | {note} |")
    return "\n".join(lines) + "\n"
