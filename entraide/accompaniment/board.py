"""The coordinators' board: every group an organisation accompanies, by stage, and what needs
attention.

Each rule is a condition computed by the database, so that one query brings a whole board,
whatever its size:
- a new request: the project asked this organisation and is waiting for its answer;
- recruitment stalled: a project looking for members, with nobody new for 30 days
  (`STALLED_AFTER`, counted from the last interest, or from the start of recruitment);
- a founding session without a date, while the project is at its first meetings;
- a project nobody runs: no active facilitator (its initiator deleted their account, or
  nobody offered yet to launch a group the organisation proposed);
- a review due within 14 days, or overdue (its date passed and it is not done);
- an open support request.

The apps above may add their own things to look at through the `more_attention` hook (the
health app adds its gentle alerts for the groups that share their health): they fill a
dictionary, group id to attention, for the whole organisation in a bounded number of queries,
and the board counts and filters those groups with the others. In the same way, through
`more_links`, they add their own pages about a group that the coordinators may open (the health
app adds the group's health page, for the groups that share it): the board and the group's page
show them, without knowing whose they are.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.accompaniment.access import accompanied_groups
from entraide.accompaniment.models import Review, SupportRequest
from entraide.directory.models import SupportGroup
from entraide.founding.models import STALLED_AFTER, FoundingSession, Initiative, Interest
from entraide.lib.dates import date_label
from entraide.lib.hooks import Hook
from entraide.meetings.models import Meeting
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation

Stage = Initiative.Stage
REVIEW_SOON = dt.timedelta(days=14)

FLAGS = (
    "new_request",
    "recruitment_stalled",
    "undated_session",
    "nobody_runs_it",
    "review_overdue",
    "review_due",
    "open_support",
)


@dataclass
class Attention:
    """One thing to look at, with the words that say it."""

    kind: str
    label: str


# The higher apps' own things to look at, by group id, for one organisation.
more_attention: Hook[[Organisation, dict[int, list[Attention]]]] = Hook(
    "accompaniment.more_attention"
)


@dataclass
class Link:
    """A page of a higher app about one group, that the coordinators may open."""

    label: str | Promise
    url: str


# The higher apps' own pages about each group, by group id, for one organisation's coordinators.
more_links: Hook[[Organisation, dict[int, list[Link]]]] = Hook("accompaniment.more_links")


def links_of(organisation: Organisation) -> dict[int, list[Link]]:
    """The higher apps' pages about the organisation's groups, by group id."""
    found: dict[int, list[Link]] = {}
    more_links(organisation, found)
    return found


@dataclass
class BoardRow:
    group: SupportGroup
    stage: str
    stage_label: str | Promise
    accompaniment: str
    accompaniment_label: str | Promise
    attention: list[Attention] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass
class StageCount:
    stage: str
    label: str | Promise
    count: int


def _flag(condition: Q) -> ExpressionWrapper[Q]:
    return ExpressionWrapper(condition, output_field=BooleanField())


def annotated(organisation: Organisation, today: dt.date | None = None) -> QuerySet[SupportGroup]:
    """The organisation's groups, each with its stage and one boolean for each rule."""
    today = today or timezone.localdate()
    stalled_before = timezone.now() - STALLED_AFTER
    last_interest = Subquery(
        Interest.objects.filter(initiative__group=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1],
        output_field=DateTimeField(),
    )
    # No date, or cancelled and waiting for a new one.
    undated = FoundingSession.objects.filter(initiative__group=OuterRef("pk")).filter(
        Q(meeting__isnull=True) | Q(meeting__status=Meeting.Status.CANCELLED)
    )
    facilitated = Membership.objects.filter(
        group=OuterRef("pk"),
        role=Membership.Role.FACILITATOR,
        status=Membership.Status.ACTIVE,
    )
    open_support = Subquery(
        SupportRequest.objects.filter(group=OuterRef("pk"), status=SupportRequest.Status.OPEN)
        .order_by()
        .values("group")
        .annotate(count=Count("pk"))
        .values("count")[:1],
        output_field=IntegerField(),
    )
    next_review = Subquery(
        Review.objects.filter(group=OuterRef("pk"))
        # A closed round is over for the members; its meeting note is the coordinator's
        # choice, not something to chase.
        .exclude(status__in=[Review.Status.DONE, Review.Status.CLOSED])
        .order_by("due_on", "pk")
        .values("due_on")[:1]
    )
    return (
        accompanied_groups(organisation)
        .select_related("initiative")
        .annotate(
            board_stage=Coalesce(F("initiative__stage"), Value(Stage.AUTONOMOUS)),
            # Recruitment is alive if someone registered interest lately, or if it began lately.
            last_sign_at=Greatest(
                F("initiative__stage_changed_at"),
                F("initiative__created_at"),
                Coalesce(last_interest, F("initiative__created_at")),
            ),
            open_support_count=Coalesce(open_support, 0),
            next_review_on=next_review,
        )
        .annotate(
            new_request=_flag(
                Q(
                    initiative__organisation=organisation,
                    initiative__accompaniment=Initiative.Accompaniment.REQUESTED,
                )
            ),
            recruitment_stalled=_flag(
                Q(board_stage=Stage.RECRUITMENT, last_sign_at__lt=stalled_before)
            ),
            undated_session=_flag(Q(board_stage=Stage.FOUNDING) & Q(Exists(undated))),
            nobody_runs_it=_flag(
                Q(initiative__isnull=False)
                & ~Q(board_stage=Stage.AUTONOMOUS)
                & ~Q(Exists(facilitated))
            ),
            review_overdue=_flag(Q(next_review_on__lt=today)),
            review_due=_flag(Q(next_review_on__gte=today, next_review_on__lte=today + REVIEW_SOON)),
            open_support=_flag(Q(open_support_count__gt=0)),
        )
    )


def needs_attention() -> Q:
    """The groups with at least one thing to look at, on an `annotated` query."""
    condition = Q()
    for name in FLAGS:
        condition |= Q(**{name: True})
    return condition


def attention_of(group: SupportGroup) -> list[Attention]:
    """What needs attention on one annotated group, in words."""
    found: list[Attention] = []
    if getattr(group, "new_request", False):
        found.append(Attention("new_request", _("Nouvelle demande d'accompagnement")))
    if getattr(group, "recruitment_stalled", False):
        found.append(
            Attention(
                "recruitment_stalled",
                _("Recrutement à l'arrêt : personne de nouveau depuis %(days)s jours")
                % {"days": STALLED_AFTER.days},
            )
        )
    if getattr(group, "undated_session", False):
        found.append(Attention("undated_session", _("Une première rencontre n'a pas de date")))
    if getattr(group, "nobody_runs_it", False):
        found.append(
            Attention(
                "nobody_runs_it",
                _("Personne n'anime ce projet pour le moment : cherchez qui pourrait le lancer"),
            )
        )
    due_on = getattr(group, "next_review_on", None)
    if getattr(group, "review_overdue", False) and due_on is not None:
        found.append(
            Attention(
                "review_overdue",
                _("Bilan en retard : prévu le %(date)s") % {"date": date_label(due_on)},
            )
        )
    elif getattr(group, "review_due", False) and due_on is not None:
        found.append(
            Attention(
                "review_due",
                _("Bilan à faire : prévu le %(date)s") % {"date": date_label(due_on)},
            )
        )
    count = getattr(group, "open_support_count", 0) or 0
    if count:
        found.append(
            Attention(
                "open_support",
                ngettext(
                    "%(count)s demande de soutien en attente",
                    "%(count)s demandes de soutien en attente",
                    count,
                )
                % {"count": count},
            )
        )
    return found


STAGE_LABELS = dict(Stage.choices)
ACCOMPANIMENT_LABELS = dict(Initiative.Accompaniment.choices)


def row(
    group: SupportGroup,
    organisation: Organisation,
    more: list[Attention] | None = None,
    links: list[Link] | None = None,
) -> BoardRow:
    stage = str(getattr(group, "board_stage", Stage.AUTONOMOUS))
    initiative: Initiative | None = getattr(group, "initiative", None)
    accompaniment: str = Initiative.Accompaniment.ACCEPTED
    if initiative is not None and group.organisation_id != organisation.pk:
        # A group that names the organisation as its own is accompanied, whatever came before.
        accompaniment = initiative.accompaniment
    return BoardRow(
        group=group,
        stage=stage,
        stage_label=STAGE_LABELS.get(stage, stage),
        accompaniment=accompaniment,
        accompaniment_label=ACCOMPANIMENT_LABELS[accompaniment],
        attention=attention_of(group) + list(more or []),
        links=list(links or []),
    )


@dataclass
class Board:
    rows: list[BoardRow]
    counts: list[StageCount]
    total: int
    attention_total: int

    def by_stage(self) -> list[tuple[StageCount, list[BoardRow]]]:
        """The shown rows, grouped under their stage, in the order of the journey."""
        return [
            (count, [r for r in self.rows if r.stage == count.stage])
            for count in self.counts
            if any(r.stage == count.stage for r in self.rows)
        ]


def board(
    organisation: Organisation,
    *,
    stage: str = "",
    attention_only: bool = False,
    text: str = "",
) -> Board:
    """The board, filtered; the counts per stage are always those of every group."""
    groups = annotated(organisation)
    per_stage: dict[str, int] = {
        entry["board_stage"]: entry["count"]
        for entry in accompanied_groups(organisation)
        .order_by()
        .values(board_stage=Coalesce(F("initiative__stage"), Value(Stage.AUTONOMOUS)))
        .annotate(count=Count("pk"))
    }
    more: dict[int, list[Attention]] = {}
    more_attention(organisation, more)
    flagged = needs_attention() | Q(pk__in=[pk for pk, found in more.items() if found])
    attention_total = groups.filter(flagged).count()
    if stage:
        groups = groups.filter(Q(board_stage=stage))
    if attention_only:
        groups = groups.filter(flagged)
    if text:
        groups = groups.filter(name__icontains=text)
    links = links_of(organisation)
    rows = [
        row(group, organisation, more.get(group.pk), links.get(group.pk))
        for group in groups.order_by("name", "pk")
    ]
    counts = [StageCount(value, label, per_stage.get(value, 0)) for value, label in Stage.choices]
    return Board(rows, counts, sum(per_stage.values()), attention_total)
