"""Where each figure of a report comes from: one small function per figure, each a bounded
number of queries whatever the number of groups (never one per group), reading counts and dates
only, never a name or a word.

The groups are those the organisation accompanies (it is named by the group, or it accepted a
founding project's request), read once by `groups_of` with what places them in a row: their
first theme in alphabetical order (so that each group, and each person in it, counts once and the
rows add up) and their area (the département of a French postal code, else the country).
"""

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Min, Q, QuerySet
from django.utils.translation import get_language

from entraide.accompaniment.models import Answer, Response, SupportRequest
from entraide.directory.models import SupportGroup
from entraide.founding.models import Initiative, StageChange
from entraide.health.access import accompanying
from entraide.meetings.models import Meeting, Presence
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation
from entraide.reports.periods import Period
from entraide.workshops.models import Workshop

Stage = Initiative.Stage
MONTH = dt.timedelta(days=30)  # as the group's health page counts its 3 and 6 months
STAY_HORIZONS = (3, 6)
NO_THEME = "-"
NO_PLACE = "-"


@dataclass(frozen=True)
class GroupFacts:
    pk: int
    theme: str  # a Theme's slug, or NO_THEME
    area: str  # "FR-75", "BE", or NO_PLACE
    began_at: dt.datetime  # the founding project's creation, else the group's
    stage: str  # today's stage; an autonomous group for one without a founding project
    initiative_created_at: dt.datetime | None


def area_of(country: str, postal_code: str) -> str:
    """The département of a French postal code ("FR-75", "FR-2A", "FR-974"), else the country."""
    digits = postal_code.strip().replace(" ", "")
    if not digits:
        return NO_PLACE
    if country != "FR" or len(digits) != 5 or not digits.isdigit():
        return country
    if digits.startswith("97") or digits.startswith("98"):
        return f"FR-{digits[:3]}"
    if digits.startswith("20"):
        return "FR-2A" if digits < "20200" else "FR-2B"
    return f"FR-{digits[:2]}"


class Groups(dict[int, GroupFacts]):
    """The groups of a report by id, and `query`, the same groups as a subquery: the queries
    below name them by a subquery, not by a list of a thousand ids."""

    query: "QuerySet[SupportGroup, Any]"
    theme_names: dict[str, str]  # by slug, in the reader's language


def groups_of(organisation: Organisation) -> Groups:
    """The groups the organisation accompanies, in two queries."""
    scope = SupportGroup.objects.filter(accompanying([organisation]))
    rows = scope.values_list(
        "pk",
        "country",
        "postal_code",
        "created_at",
        "initiative__created_at",
        "initiative__stage",
    )
    themes: dict[int, str] = {}
    pairs = (
        SupportGroup.themes.through.objects.filter(supportgroup__in=scope.values("pk"))
        .order_by("theme__name_fr", "theme__pk")
        .values_list("supportgroup_id", "theme__slug", "theme__name_fr", "theme__name_en")
    )
    names: dict[str, str] = {}
    english = get_language() == "en"
    for group, slug, name_fr, name_en in pairs:
        themes.setdefault(group, slug)
        names[slug] = name_en if english else name_fr
    found = Groups(
        (
            pk,
            GroupFacts(
                pk=pk,
                theme=themes.get(pk, NO_THEME),
                area=area_of(country, postal_code),
                began_at=initiative_created or created,
                stage=stage or Stage.AUTONOMOUS,
                initiative_created_at=initiative_created,
            ),
        )
        for pk, country, postal_code, created, initiative_created, stage in rows
    )
    found.query = scope.values("pk")
    found.theme_names = names
    return found


def stage_changes(groups: Groups) -> dict[int, list[tuple[dt.datetime, str, str]]]:
    """Each founding project's stage changes, oldest first: (when, from, to)."""
    found: dict[int, list[tuple[dt.datetime, str, str]]] = defaultdict(list)
    rows = (
        StageChange.objects.filter(initiative__group__in=groups.query)
        .order_by("at", "pk")
        .values_list("initiative__group_id", "at", "from_stage", "to_stage")
    )
    for group, at, from_stage, to_stage in rows:
        found[group].append((at, from_stage, to_stage))
    return found


def stage_at(
    facts: GroupFacts, changes: list[tuple[dt.datetime, str, str]], moment: dt.datetime
) -> str | None:
    """The group's stage at that moment; None before it began."""
    if facts.began_at > moment:
        return None
    if facts.initiative_created_at is None:
        return Stage.AUTONOMOUS
    stage = changes[0][1] if changes else facts.stage
    for at, _from_stage, to_stage in changes:
        if at > moment:
            break
        stage = to_stage
    return stage


def stages_over_time(groups: Groups, moments: list[dt.datetime]) -> list[dict[str, int]]:
    """For each moment, how many groups were at each stage (counts of groups)."""
    changes = stage_changes(groups)
    found = []
    for moment in moments:
        counts: dict[str, int] = defaultdict(int)
        for facts in groups.values():
            stage = stage_at(facts, changes.get(facts.pk, []), moment)
            if stage is not None:
                counts[stage] += 1
        found.append(dict(counts))
    return found


def new_groups(groups: Groups, period: Period) -> list[GroupFacts]:
    """The groups that began in the period (the founding project's creation, else the group's):
    no query, `groups_of` knows it."""
    return [g for g in groups.values() if period.starts <= g.began_at < period.ends]


def days_to_autonomy(groups: Groups, period: Period) -> dict[int, int]:
    """For each founding project that first became autonomous in the period, the days from its
    creation to then."""
    rows = (
        StageChange.objects.filter(initiative__group__in=groups.query, to_stage=Stage.AUTONOMOUS)
        .values("initiative__group_id", "initiative__created_at")
        .annotate(first=Min("at"))
        .filter(first__gte=period.starts, first__lt=period.ends)
        .values_list("initiative__group_id", "initiative__created_at", "first")
    )
    return {group: max(0, (first - created).days) for group, created, first in rows}


def median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def members(groups: Groups, period: Period) -> dict[int, int]:
    """For each group, how many members and facilitators were in it at some moment of the
    period (counted in SQL, one row per group)."""
    rows = (
        Membership.objects.filter(
            group__in=groups.query,
            role__in=[Membership.Role.MEMBER, Membership.Role.FACILITATOR],
            status__in=[Membership.Status.ACTIVE, Membership.Status.LEFT],
        )
        # A membership without a date of welcome has been there from the group's beginning, as
        # `meetings.access` reads it too.
        .filter(Q(decided_at__isnull=True) | Q(decided_at__lt=period.ends))
        .filter(Q(left_at__isnull=True) | Q(left_at__gte=period.starts))
        .values("group_id")
        .annotate(people=Count("user", distinct=True))
        .order_by()
    )
    return {row["group_id"]: row["people"] for row in rows}


def present(groups: Groups, period: Period) -> dict[int, int]:
    """For each group, how many people were present at least once at a meeting of the
    period."""
    rows = (
        Presence.objects.filter(
            meeting__group__in=groups.query,
            meeting__starts_at__gte=period.starts,
            meeting__starts_at__lt=period.ends,
            present=True,
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .values("meeting__group_id")
        .annotate(people=Count("user", distinct=True))
        .order_by()
    )
    return {row["meeting__group_id"]: row["people"] for row in rows}


def staying(
    groups: Groups, period: Period, now: dt.datetime
) -> dict[int, dict[int, tuple[int, int]]]:
    """For each group, of the people welcomed during the period whose 3 (6) months have
    passed, how many there are and how many were still there 3 (6) months after their welcome
    (as the group's health page counts it): {group: {months: (welcomed, stayed)}}, in SQL."""
    counts: dict[str, Any] = {}
    for months in STAY_HORIZONS:
        span = months * MONTH
        old_enough = Q(decided_at__lte=now - span)
        still_there = Q(left_at__isnull=True, status=Membership.Status.ACTIVE) | Q(
            left_at__gte=F("decided_at") + span
        )
        counts[f"welcomed_{months}"] = Count("pk", filter=old_enough)
        counts[f"stayed_{months}"] = Count("pk", filter=old_enough & still_there)
    rows = (
        Membership.objects.filter(
            group__in=groups.query,
            decided_at__gte=period.starts,
            decided_at__lt=period.ends,
            status__in=[Membership.Status.ACTIVE, Membership.Status.LEFT],
        )
        .values("group_id")
        .annotate(**counts)
        .order_by()
    )
    found: dict[int, dict[int, tuple[int, int]]] = {}
    for row in rows:
        figures: dict[str, Any] = {**row}
        found[figures["group_id"]] = {
            m: (figures[f"welcomed_{m}"], figures[f"stayed_{m}"]) for m in STAY_HORIZONS
        }
    return found


def review_scores(groups: Groups, period: Period) -> list[tuple[int, int | None, int | None]]:
    """(group, satisfaction, heard) of each answer to a review round given in the period, by
    month as the answers keep it, without who answered (answers are stored without the person:
    accompaniment's feedback questionnaires); a question left unanswered is None."""
    responses = Response.objects.filter(
        group__in=groups.query,
        review__isnull=False,
        month__gte=period.first.replace(day=1),
        month__lte=period.last,
    )
    scales: dict[tuple[object, str], int | None] = {
        (response, key): value
        for response, key, value in Answer.objects.filter(
            response__in=responses,
            question__key__in=("satisfaction", "heard"),
            scale__isnull=False,
        ).values_list("response_id", "question__key", "scale")
    }
    return [
        (group, scales.get((response, "satisfaction")), scales.get((response, "heard")))
        for response, group in responses.values_list("pk", "group_id")
    ]


def offers_given(
    groups: Groups, organisation: Organisation, period: Period
) -> list[tuple[str, str, int, int]]:
    """(offer kind or "", request kind, asked, given) of the requests of the period to the
    organisation or from its groups: counts of requests, never who asked."""
    rows = (
        SupportRequest.objects.filter(created_at__gte=period.starts, created_at__lt=period.ends)
        .filter(Q(offer__organisation=organisation) | Q(group__in=groups.query))
        .values("offer__kind", "kind")
        .annotate(asked=Count("pk"), given=Count("pk", filter=Q(given=True)))
        .order_by()
    )
    return [(row["offer__kind"] or "", row["kind"], row["asked"], row["given"]) for row in rows]


def workshops_held(organisation: Organisation, period: Period) -> list[tuple[str, int, int, int]]:
    """(audience, workshops held, seats taken, people present) of the organisation's workshops
    that began in the period and were not cancelled: counts only, never who came."""
    seated = Q(registrations__waiting=False, registrations__cancelled_at__isnull=True)
    rows = (
        Workshop.objects.filter(
            organisation=organisation,
            status=Workshop.Status.PUBLISHED,
            starts_at__gte=period.starts,
            starts_at__lt=period.ends,
        )
        .values("audience")
        .annotate(
            held=Count("pk", distinct=True),
            seats=Count("registrations", filter=seated),
            present=Count("registrations", filter=seated & Q(registrations__attended=True)),
        )
        .order_by()
    )
    return [(row["audience"], row["held"], row["seats"], row["present"]) for row in rows]
