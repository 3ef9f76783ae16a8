"""A programme's figures, for its volunteers (part 7: shared leadership), with the k ≥ 5 rule.

What the volunteers need to plan and evaluate the programme together: how many of them there
are, what people asked for and what became of it, how the pairs go, how the line's shifts are
covered and how much it listens. No figure about people rests on fewer than five of them, and
no hidden figure comes back by subtraction from the others of its table (`lib.suppression`):
a hidden figure says "fewer than 5" without saying how many. Averages follow their count.
Counts of shifts are not counts of people and are always shown; the calls and minutes of the
log are shown only once five volunteers or more have logged them, so that nobody's own evening
can be read.
"""

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Min, Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from entraide.lib.suppression import column_table, too_few
from entraide.pairing.models import (
    CheckIn,
    Debrief,
    Pair,
    PeerApplication,
    PeerRequest,
    Programme,
    RotaMonth,
    ShiftAssignment,
)

YEAR = dt.timedelta(days=365)
HIDDEN = gettext_lazy("moins de 5")


@dataclass(frozen=True)
class Figure:
    label: StrOrPromise
    value: str  # already written, or HIDDEN
    hidden: bool = False


@dataclass
class Section:
    title: StrOrPromise
    figures: list[Figure] = field(default_factory=list)
    note: StrOrPromise = ""


def _counts(
    labels: list[StrOrPromise], values: list[int], total_label: StrOrPromise | None = None
) -> list[Figure]:
    """Rows of people, with their total first when `total_label` names it."""
    total = sum(values)
    table = column_table([[v] for v in values], [total if total_label is not None else None])
    figures = []
    if total_label is not None:
        hidden = 0 in table.hidden_column_totals
        figures.append(Figure(total_label, str(HIDDEN) if hidden else str(total), hidden))
    for row, (label, value) in enumerate(zip(labels, values, strict=True)):
        hidden = table.is_hidden(row, 0)
        figures.append(Figure(label, str(HIDDEN) if hidden else str(value), hidden))
    return figures


def _volunteers(programme: Programme) -> Section:
    volunteers = list(
        PeerApplication.objects.filter(
            programme=programme, status=PeerApplication.Status.ACCEPTED
        ).prefetch_related("trainings")
    )
    modules = list(programme.modules.all())
    required = {m.pk for m in modules if m.is_required}
    ready = sum(
        1 for v in volunteers if required <= {record.module_id for record in v.trainings.all()}
    )
    return Section(
        _("Les bénévoles aujourd'hui"),
        _counts(
            [_("bénévoles formés à tous les modules demandés"), _("bénévoles encore en formation")],
            [ready, len(volunteers) - ready],
            _("bénévoles en tout"),
        ),
    )


def _requests(programme: Programme, since: dt.datetime) -> Section:
    by_status = dict(
        PeerRequest.objects.filter(programme=programme, created_at__gte=since)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    matched = by_status.get(PeerRequest.Status.MATCHED, 0)
    waiting = by_status.get(PeerRequest.Status.WAITING, 0)
    withdrawn = by_status.get(PeerRequest.Status.WITHDRAWN, 0)
    return Section(
        _("Les demandes de ces douze derniers mois"),
        _counts(
            [
                _("personnes qui ont trouvé un pair"),
                _("personnes qui attendent encore"),
                _("personnes qui ont retiré leur demande"),
            ],
            [matched, waiting, withdrawn],
            _("personnes qui ont demandé un pair"),
        ),
    )


def _pairs(programme: Programme, since: dt.datetime) -> Section:
    pairs = Pair.objects.filter(request__programme=programme)
    active = pairs.filter(status=Pair.Status.ACTIVE).count()
    ended = pairs.filter(status=Pair.Status.ENDED, ended_at__gte=since).count()
    section = Section(
        _("Les jumelages"),
        _counts(
            [_("jumelages en cours"), _("jumelages terminés ces douze derniers mois")],
            [active, ended],
        ),
    )
    waits = [
        (started - asked).days
        for started, asked in pairs.filter(activated_at__gte=since).values_list(
            "activated_at", "request__created_at"
        )
        if started is not None
    ]
    if waits:
        label = _("attente entre la demande et le début du jumelage (médiane)")
        if too_few(len(waits)):
            section.figures.append(Figure(label, str(HIDDEN), True))
        else:
            days = number_format(statistics.median(waits), decimal_pos=0)
            section.figures.append(Figure(label, _("%(days)s jours") % {"days": days}))
    return section


def _checkins(programme: Programme, since: dt.datetime) -> Section:
    answered = CheckIn.objects.filter(
        pair__request__programme=programme, answered_at__gte=since, how__isnull=False
    )
    # The people who answered, not the answers: one person's three answers are one person.
    people = answered.values("pair", "side").distinct().count()
    figures = []
    if too_few(people):
        figures.append(Figure(_("personnes qui ont répondu"), str(HIDDEN), True))
        figures.append(Figure(_("comment ça se passe, en moyenne (de 1 à 5)"), str(HIDDEN), True))
    else:
        figures.append(Figure(_("personnes qui ont répondu"), str(people)))
        if people:
            mean = answered.aggregate(mean=Avg("how"))["mean"]
            figures.append(
                Figure(
                    _("comment ça se passe, en moyenne (de 1 à 5)"),
                    number_format(mean, decimal_pos=1),
                )
            )
    return Section(
        _("Les points d'étape de ces douze derniers mois"),
        figures,
        _(
            "Ce que chacun a écrit reste entre la personne et l'équipe : "
            "ici, seulement des nombres."
        ),
    )


def _debriefs(programme: Programme, since: dt.datetime) -> Section:
    asked = (
        Debrief.objects.filter(application__programme=programme, asked_at__gte=since)
        .values("application")
        .distinct()
        .count()
    )
    return Section(
        _("Les temps d'échange avec l'équipe"),
        _counts([_("bénévoles qui en ont demandé un ces douze derniers mois")], [asked]),
        _("Demander un temps d'échange n'est jamais un aveu de faiblesse : on porte à plusieurs."),
    )


def _line(programme: Programme, since: dt.date) -> list[Section]:
    from_month = since.replace(day=1)
    shifts = ShiftAssignment.objects.filter(
        rota__programme=programme, rota__published_at__isnull=False, day__gte=from_month
    )
    published = RotaMonth.objects.filter(
        programme=programme, published_at__isnull=False, month__gte=from_month
    ).aggregate(first=Min("month"))
    log = shifts.filter(calls__isnull=False).aggregate(
        people=Count("application", distinct=True),
        shifts=Count("pk"),
        calls=Sum("calls"),
        minutes=Sum("minutes"),
    )
    held = shifts.values("shift", "day").distinct().count()
    figures = [Figure(_("permanences tenues ou prévues"), str(held))]
    if log["shifts"] and too_few(log["people"]):
        figures += [
            Figure(_("appels notés"), str(HIDDEN), True),
            Figure(_("heures d'écoute notées"), str(HIDDEN), True),
        ]
    elif log["shifts"]:
        figures += [
            Figure(_("appels notés"), str(log["calls"] or 0)),
            Figure(
                _("heures d'écoute notées"),
                number_format((log["minutes"] or 0) / 60, decimal_pos=1),
            ),
        ]
    note = _(
        "Depuis %(month)s, sur les plannings publiés. Le carnet de permanence ne garde que des "
        "nombres, jamais ce qui a été dit."
    ) % {"month": date_format(published["first"] or from_month, "F Y")}
    return [Section(_("La ligne"), figures, note)]


def programme_figures(programme: Programme, *, now: dt.datetime | None = None) -> list[Section]:
    """The programme's figures, each already hidden where it rests on fewer than 5 people."""
    now = now or timezone.now()
    since = now - YEAR
    sections = [_volunteers(programme)]
    if programme.is_line:
        sections += _line(programme, (now - dt.timedelta(days=90)).date())
    else:
        sections += [_requests(programme, since), _pairs(programme, since)]
        sections.append(_checkins(programme, since))
    sections.append(_debriefs(programme, since))
    return sections
