"""A report: its figures, each a table (rows, columns, a total) with what must stay hidden
already hidden, so that the page, the CSV, the ODS and the PDF show exactly the same thing.

Counts of groups and of requests are not about people and are shown as they are (a median time
to autonomy rests on groups too: a row with one group gives that group's own time, which the
organisation accompanied and knows). Counts of people, and the rates and averages drawn from
them, go through `suppression`: nothing resting on fewer than five people, and no hidden figure
that the others give back by subtraction.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from entraide.accompaniment.models import Offer, SupportRequest
from entraide.directory.models import COUNTRY_CHOICES
from entraide.lib.suppression import column_table
from entraide.organisations.models import Organisation
from entraide.reports import sources
from entraide.reports.periods import Period, at_midnight, month_ends, quarters_in
from entraide.workshops.models import Workshop

THEME = "theme"
AREA = "area"
STAGES = list(sources.Stage)


@dataclass(frozen=True)
class Cell:
    value: float | None  # None: hidden, or nothing to show
    hidden: bool = False
    decimals: int = 0
    suffix: str = ""

    @property
    def text(self) -> str:
        if self.hidden:
            return "—"
        if self.value is None:
            return _("aucune donnée")
        return formats.number_format(self.value, self.decimals) + self.suffix

    @property
    def plain(self) -> str:
        """For the spreadsheet's text and the CSV: the number as written in the page."""
        return self.text


HIDDEN = Cell(None, hidden=True)


@dataclass
class Row:
    label: str
    cells: list[Cell]


@dataclass
class Figure:
    key: str
    title: str
    note: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    total: Row | None = None
    about_people: bool = False
    chart_column: int = 0  # the column the drawing shows
    chart_kind: str = "bars"  # "bars" (one per row) or "stacked" (one per row, by column)
    chart_top: float | None = None

    @property
    def has_hidden(self) -> bool:
        rows = [*self.rows, *([self.total] if self.total else [])]
        return any(cell.hidden for row in rows for cell in row.cells)


@dataclass
class Report:
    organisation: Organisation
    period: Period
    breakdown: str
    figures: list[Figure] = field(default_factory=list)
    groups: int = 0


def count(value: float | None) -> Cell:
    return Cell(value)


def area_label(key: str) -> str:
    if key == sources.NO_PLACE:
        return _("En ligne ou sans lieu")
    if key.startswith("FR-"):
        return _("Département %(code)s") % {"code": key[3:]}
    return str(dict(COUNTRY_CHOICES).get(key, key))


def row_keys(
    groups: sources.Groups, breakdown: str
) -> tuple[Callable[[int], str], list[tuple[str, str]]]:
    """How to place a group in a row, and the rows (key, label) in the order shown."""
    if breakdown == THEME:
        names = groups.theme_names
        keys = sorted({g.theme for g in groups.values()}, key=lambda k: (k == "-", names.get(k, k)))
        labels = [(k, names.get(k, _("Sans thématique"))) for k in keys]
        return (lambda pk: groups[pk].theme), labels
    keys = sorted({g.area for g in groups.values()}, key=lambda k: (k == "-", k))
    return (lambda pk: groups[pk].area), [(k, area_label(k)) for k in keys]


def people_table(
    labels: Sequence[tuple[str, str]], counts: Sequence[dict[str, int]], totals: Sequence[int]
) -> tuple[list[list[Cell]], list[Cell]]:
    """Counts of people by row (one dict per column), suppressed; then the total row."""
    values = [[column.get(key, 0) for column in counts] for key, _label in labels]
    table = column_table(values, list(totals))
    cells = [
        [HIDDEN if table.is_hidden(r, c) else Cell(v) for c, v in enumerate(row)]
        for r, row in enumerate(values)
    ]
    total = [HIDDEN if c in table.hidden_column_totals else Cell(t) for c, t in enumerate(totals)]
    return cells, total


def stages_figure(groups: sources.Groups, period: Period, today: dt.date) -> Figure:
    days = month_ends(period, today)
    moments = [
        at_midnight(day + dt.timedelta(days=1)) - dt.timedelta(microseconds=1) for day in days
    ]
    counts = sources.stages_over_time(groups, moments)
    rows = [
        Row(
            formats.date_format(day, "j F Y"),
            [count(c.get(stage, 0)) for stage in STAGES] + [count(sum(c.values()))],
        )
        for day, c in zip(days, counts, strict=True)
    ]
    return Figure(
        "stages",
        _("Les groupes par étape"),
        _(
            "Le nombre de groupes à chaque étape, à la fin de chaque mois (ou aujourd'hui). "
            "Ce sont des groupes, pas des personnes : rien n'est caché."
        ),
        _("Date"),
        [str(stage.label) for stage in STAGES] + [_("Tous")],
        rows,
        chart_kind="stacked",
    )


def quarter_label(year: int, number: int) -> str:
    return _("T%(number)s %(year)s") % {"number": number, "year": year}


def new_groups_figure(groups: sources.Groups, period: Period, breakdown: str) -> Figure:
    key_of, labels = row_keys(groups, breakdown)
    quarters = quarters_in(period)
    by: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
    for facts in sources.new_groups(groups, period):
        began = timezone.localtime(facts.began_at).date()
        by[key_of(facts.pk), (began.year, (began.month - 1) // 3 + 1)] += 1
    rows = [
        Row(
            label,
            [count(by[key, q]) for q in quarters] + [count(sum(by[key, q] for q in quarters))],
        )
        for key, label in labels
    ]
    totals = [sum(by[key, q] for key, _l in labels) for q in quarters]
    total = Row(_("Total"), [count(t) for t in totals] + [count(sum(totals))])
    return Figure(
        "new_groups",
        _("Les nouveaux groupes par trimestre"),
        _(
            "Un groupe compte à la date de son projet de groupe, ou de sa création s'il n'en a "
            "pas eu. Ce sont des groupes : rien n'est caché."
        ),
        _("Thématique") if breakdown == THEME else _("Territoire"),
        [quarter_label(*q) for q in quarters] + [_("Total")],
        [row for row in rows if any(c.value for c in row.cells)],
        total,
        chart_column=len(quarters),
    )


def autonomy_figure(groups: sources.Groups, period: Period, breakdown: str) -> Figure:
    key_of, labels = row_keys(groups, breakdown)
    days = sources.days_to_autonomy(groups, period)
    by: dict[str, list[int]] = defaultdict(list)
    for group, value in days.items():
        by[key_of(group)].append(value)

    def months(values: list[int]) -> Cell:
        middle = sources.median(values)
        return Cell(None if middle is None else round(middle / 30.4, 1), decimals=1)

    rows = [Row(label, [count(len(by[key])), months(by[key])]) for key, label in labels if by[key]]
    return Figure(
        "autonomy",
        _("Du projet de groupe à l'autonomie"),
        _(
            "Pour les groupes devenus autonomes pendant la période : le temps médian, en mois, "
            "entre le projet de groupe et l'autonomie. Il repose sur des groupes, pas sur des "
            "personnes : une ligne d'un seul groupe donne le temps de ce groupe."
        ),
        _("Thématique") if breakdown == THEME else _("Territoire"),
        [_("Groupes devenus autonomes"), _("Temps médian (mois)")],
        rows,
        Row(_("Total"), [count(len(days)), months(list(days.values()))]),
        chart_column=1,
    )


def members_figure(groups: sources.Groups, period: Period, breakdown: str) -> Figure:
    key_of, labels = row_keys(groups, breakdown)
    columns: list[dict[str, int]] = []
    for per_group in (sources.members(groups, period), sources.present(groups, period)):
        by: dict[str, int] = defaultdict(int)
        for group, people in per_group.items():
            by[key_of(group)] += people
        columns.append(by)
    totals = [sum(column.values()) for column in columns]
    cells, total = people_table(labels, columns, totals)
    return Figure(
        "members",
        _("Les membres actifs"),
        _(
            "Les personnes membres d'un groupe à un moment de la période, et celles qui sont "
            "venues au moins une fois à une rencontre dont les présences ont été notées. Une "
            "personne membre de deux groupes compte dans chacun."
        ),
        _("Thématique") if breakdown == THEME else _("Territoire"),
        [_("Membres"), _("Venues au moins une fois")],
        [Row(label, row) for (_key, label), row in zip(labels, cells, strict=True)],
        Row(_("Total"), total),
        about_people=True,
    )


def staying_figure(
    groups: sources.Groups, period: Period, breakdown: str, now: dt.datetime
) -> Figure:
    key_of, labels = row_keys(groups, breakdown)
    per_group = sources.staying(groups, period, now)
    counted: list[dict[str, int]] = []
    stayed: list[dict[str, int]] = []
    for months in sources.STAY_HORIZONS:
        by: dict[str, int] = defaultdict(int)
        kept: dict[str, int] = defaultdict(int)
        for group, horizons in per_group.items():
            welcomed, still_there = horizons[months]
            by[key_of(group)] += welcomed
            kept[key_of(group)] += still_there
        counted.append(by)
        stayed.append(kept)
    totals = [sum(column.values()) for column in counted]
    cells, total = people_table(labels, counted, totals)

    def rate(base: Cell, kept: int) -> Cell:
        if base.hidden or not base.value:
            return Cell(None, hidden=base.hidden)
        return Cell(round(100 * kept / base.value), suffix=" %")

    rows = []
    for (key, label), row in zip(labels, cells, strict=True):
        shown: list[Cell] = []
        for i, _months in enumerate(sources.STAY_HORIZONS):
            shown += [row[i], rate(row[i], stayed[i].get(key, 0))]
        rows.append(Row(label, shown))
    total_row: list[Cell] = []
    for i, _months in enumerate(sources.STAY_HORIZONS):
        total_row += [total[i], rate(total[i], sum(stayed[i].values()))]
    return Figure(
        "staying",
        _("Les nouvelles personnes restent-elles ?"),
        _(
            "Les personnes accueillies dans un groupe pendant la période, et la part de celles "
            "encore là 3 et 6 mois après, quand ce moment est passé."
        ),
        _("Thématique") if breakdown == THEME else _("Territoire"),
        [
            _("Accueillies (3 mois)"),
            _("Encore là après 3 mois"),
            _("Accueillies (6 mois)"),
            _("Encore là après 6 mois"),
        ],
        rows,
        Row(_("Total"), total_row),
        about_people=True,
        chart_column=1,
        chart_top=100,
    )


def reviews_figure(groups: sources.Groups, period: Period, breakdown: str) -> Figure:
    key_of, labels = row_keys(groups, breakdown)
    answers = sources.review_scores(groups, period)
    by: dict[str, list[tuple[int | None, int | None]]] = defaultdict(list)
    for group, satisfaction, heard in answers:
        by[key_of(group)].append((satisfaction, heard))
    cells, total = people_table(
        labels, [{key: len(found) for key, found in by.items()}], [len(answers)]
    )

    def average(base: Cell, given: list[int | None]) -> Cell:
        values = [value for value in given if value is not None]
        if base.hidden or not values:
            return Cell(None, hidden=base.hidden)
        return Cell(round(sum(values) / len(values), 1), decimals=1)

    rows = [
        Row(
            label,
            [
                row[0],
                average(row[0], [a[0] for a in by[key]]),
                average(row[0], [a[1] for a in by[key]]),
            ],
        )
        for (key, label), row in zip(labels, cells, strict=True)
    ]
    return Figure(
        "reviews",
        _("Les bilans de fonctionnement"),
        _(
            "Les réponses aux bilans données pendant la période, et leurs moyennes sur 5, sans "
            "savoir qui a répondu quoi."
        ),
        _("Thématique") if breakdown == THEME else _("Territoire"),
        [_("Réponses"), _("Le groupe apporte ce qu'on cherchait"), _("Chacun peut s'exprimer")],
        rows,
        Row(
            _("Total"),
            [
                total[0],
                average(total[0], [a[1] for a in answers]),
                average(total[0], [a[2] for a in answers]),
            ],
        ),
        about_people=True,
        chart_column=1,
        chart_top=5,
    )


def offers_figure(groups: sources.Groups, organisation: Organisation, period: Period) -> Figure:
    offer_kinds: dict[str, str] = {k: str(label) for k, label in Offer.Kind.choices}
    request_kinds: dict[str, str] = {k: str(label) for k, label in SupportRequest.Kind.choices}
    by: dict[str, list[int]] = {}
    for offer_kind, request_kind, asked, given in sources.offers_given(
        groups, organisation, period
    ):
        label = offer_kinds.get(offer_kind) or request_kinds.get(request_kind, request_kind)
        found = by.setdefault(label, [0, 0])
        found[0] += asked
        found[1] += given
    rows = [Row(label, [count(a), count(g)]) for label, (a, g) in sorted(by.items())]
    return Figure(
        "offers",
        _("Ce que l'organisation a donné"),
        _(
            "Les demandes des groupes pendant la période, par ce qu'elles demandaient, et celles "
            "qui ont été accordées. Ce sont des demandes, jamais qui les a faites."
        ),
        _("Demande"),
        [_("Demandées"), _("Accordées")],
        rows,
        Row(
            _("Total"),
            [count(sum(v[0] for v in by.values())), count(sum(v[1] for v in by.values()))],
        ),
        chart_column=1,
    )


def workshops_figure(organisation: Organisation, period: Period) -> Figure:
    audiences = dict(Workshop.Audience.choices)
    found = {
        audience: (held, seats, present)
        for audience, held, seats, present in sources.workshops_held(organisation, period)
    }
    labels = [(key, str(audiences[key])) for key in audiences if key in found]
    # How many workshops is not about people; seats and presences are: five people or hidden.
    cells, total = people_table(
        labels,
        [{k: v[1] for k, v in found.items()}, {k: v[2] for k, v in found.items()}],
        [sum(v[1] for v in found.values()), sum(v[2] for v in found.values())],
    )
    rows = [
        Row(label, [count(found[key][0]), *row])
        for (key, label), row in zip(labels, cells, strict=True)
    ]
    return Figure(
        "workshops",
        _("Les ateliers"),
        _(
            "Les ateliers de l'organisation qui ont eu lieu pendant la période, par public : "
            "combien, les places prises et les personnes présentes (notées par l'équipe)."
        ),
        _("Pour"),
        [_("Ateliers"), _("Places prises"), _("Présentes")],
        rows,
        Row(_("Total"), [count(sum(v[0] for v in found.values())), *total]),
        chart_column=0,
    )


def report(
    organisation: Organisation,
    period: Period,
    breakdown: str,
    now: dt.datetime | None = None,
) -> Report:
    now = now or timezone.now()
    today = timezone.localdate(now)
    groups = sources.groups_of(organisation)
    found = Report(organisation, period, breakdown, groups=len(groups))
    found.figures = [
        stages_figure(groups, period, today),
        new_groups_figure(groups, period, breakdown),
        autonomy_figure(groups, period, breakdown),
        members_figure(groups, period, breakdown),
        staying_figure(groups, period, breakdown, now),
        reviews_figure(groups, period, breakdown),
        offers_figure(groups, organisation, period),
        workshops_figure(organisation, period),
    ]
    return found
