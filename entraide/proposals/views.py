"""Coordinators compute, read and adjust proposals of groups by proximity.

Only the organisation's coordinators reach these pages (`access.proposal_for`): the lists hold
people's names, e-mail addresses and homes. The homes are never shown, only drawn, without
names, on the plot, and only until the groups are created.
"""

import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import numpy as np
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from entraide import formation
from entraide.accounts.access import signed_in
from entraide.lib.places import EARTH_RADIUS_KM
from entraide.lib.refusals import Refused
from entraide.organisations.models import Organisation
from entraide.proposals import access, actions
from entraide.proposals.forms import ProposalForm
from entraide.proposals.invitations import with_answers
from entraide.proposals.models import Proposal, ProposedGroup, Volunteer
from entraide.proposals.plot import draw
from entraide.proposals.tasks import settle

GROUPS_PER_PAGE = 50
UNPLACED_PER_PAGE = 100
# A person is offered at most this many groups to move to, the nearest first.
MAX_OPTIONS = 10

REASONS = {
    formation.NOBODY_WITHIN_REACH: gettext_lazy(
        "personne n'habite à distance de marche de chez elle"
    ),
    formation.TOO_FEW_NEARBY: gettext_lazy(
        "trop peu de personnes habitent près de chez elle pour former un groupe"
    ),
    formation.NO_SHARED_LANGUAGE: gettext_lazy(
        "aucune personne proche ne parle une même langue qu'elle"
    ),
    formation.NO_SHARED_THEME: gettext_lazy("aucune personne proche n'a un même thème qu'elle"),
    formation.NO_ROOM: gettext_lazy("les groupes à distance de marche sont déjà complets"),
    actions.SET_ASIDE: gettext_lazy("retirée de son groupe par une personne qui coordonne"),
}
RUNNING = (Proposal.Status.WAITING, Proposal.Status.RUNNING)


def _count(model: type[Volunteer] | type[ProposedGroup], **filters: Any) -> Coalesce:
    """The number of rows of `model` for each proposal, as a subquery (no join to multiply)."""
    rows = (
        model.objects.filter(proposal=OuterRef("pk"), **filters)
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_counts(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Each proposal with its number of people and of groups."""
    return proposals.annotate(people=_count(Volunteer), group_count=_count(ProposedGroup))


def _list_page(
    request: HttpRequest, organisation: Organisation, form: ProposalForm, wish_count: int
) -> HttpResponse:
    unfinished = Proposal.objects.filter(organisation=organisation, status__in=RUNNING)
    for proposal in unfinished:
        settle(proposal)
    items = with_counts(Proposal.objects.filter(organisation=organisation))
    return render(
        request,
        "proposals/list.html",
        {
            "organisation": organisation,
            "proposals": items,
            "form": form,
            "wish_count": wish_count,
        },
    )


@require_safe
def proposals(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's proposals and the form for a new one."""
    organisation = access.coordination(request, slug)
    wish_count = actions.wishes_of(organisation)
    return _list_page(request, organisation, ProposalForm(wish_count=wish_count), wish_count)


@require_POST
def new(request: HttpRequest, slug: str) -> HttpResponse:
    """Store the list and its constraints, and start computing the groups."""
    organisation = access.coordination(request, slug)
    wish_count = actions.wishes_of(organisation)
    form = ProposalForm(request.POST, request.FILES, wish_count=wish_count)
    if not form.is_valid():
        return _list_page(request, organisation, form, wish_count)
    data = form.cleaned_data
    people = (
        form.people
        if data["source"] == Proposal.Source.CSV
        else actions.rows_from_wishes(organisation)
    )
    proposal = actions.start_proposal(
        organisation,
        actions.Settings(
            name=data["name"],
            source=data["source"],
            theme=data["theme"],
            min_size=data["min_size"],
            max_size=data["max_size"],
            max_km=data["max_km"],
            same_language=data["same_language"],
            same_theme=data["same_theme"],
        ),
        people,
        by=signed_in(request),
    )
    messages.success(request, _("La liste est enregistrée. Le calcul des groupes commence."))
    return redirect("proposals:proposal", slug=slug, pk=proposal.pk)


# One proposal ---------------------------------------------------------------------------------


@dataclass
class Option:
    group_id: int
    label: str


@dataclass
class Member:
    volunteer: Volunteer
    is_host: bool
    options: list[Option] = field(default_factory=list)
    reason: str = ""


@dataclass
class GroupView:
    group: ProposedGroup
    members: list[Member]
    editing: bool = False

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Summary:
    groups: int
    placed: int
    unplaced: int
    approximate: int
    too_small: int
    total_km: float
    average_km: float | None
    lower_bound_km: float | None
    gap_percent: float | None
    set_aside: int


class _Reach:
    """The groups nearest to a person, within reach or not: the coordinator sees why a group
    too far away cannot take them."""

    def __init__(self, proposal: Proposal) -> None:
        self.max_km = proposal.max_km
        self.max_size = proposal.max_size
        rows = list(
            ProposedGroup.objects.filter(proposal=proposal, host__lat__isnull=False)
            .annotate(size=Count("volunteers"))
            .values_list("pk", "number", "host__lat", "host__lon", "size")
            .order_by("number")
        )
        self.rows = rows
        self.lat = np.radians(np.array([row[2] for row in rows], dtype=np.float64))
        self.lon = np.radians(np.array([row[3] for row in rows], dtype=np.float64))

    def options(self, person: Volunteer) -> list[Option]:
        if person.lat is None or person.lon is None or not self.rows:
            return []
        lat, lon = math.radians(person.lat), math.radians(person.lon)
        h = (
            np.sin((self.lat - lat) / 2) ** 2
            + math.cos(lat) * np.cos(self.lat) * np.sin((self.lon - lon) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
        nearest = np.argsort(km, kind="stable")[: MAX_OPTIONS + 1]
        options = []
        for index in nearest:
            pk, number, _lat, _lon, size = self.rows[int(index)]
            if pk == person.group_id:
                continue
            label = _("Groupe n° %(number)d : %(km)s km, %(size)d personnes") % {
                "number": number,
                "km": number_format(round(float(km[index]), 1), decimal_pos=1),
                "size": size,
            }
            if km[index] > self.max_km + actions.TOLERANCE_KM:
                label += " " + _("(trop loin)")
            elif size >= self.max_size:
                label += " " + _("(complet)")
            options.append(Option(pk, label))
        return options[:MAX_OPTIONS]


def _summary(proposal: Proposal) -> Summary:
    people = Volunteer.objects.filter(proposal=proposal)
    placed = people.filter(group__isnull=False).count()
    set_aside = people.filter(unplaced_reason=actions.SET_ASIDE, group__isnull=True).count()
    sizes = list(
        ProposedGroup.objects.filter(proposal=proposal)
        .annotate(size=Count("volunteers"))
        .values_list("size", flat=True)
    )
    total = proposal.total_km or 0.0
    bound = proposal.lower_bound_km
    gap: float | None = None
    # The bound holds for every grouping placing at least as many people as the solver did:
    # once a coordinator has set someone aside, it no longer says anything.
    if bound is not None and not set_aside:
        gap = 0.0 if total <= bound + 1e-9 else (100 * (total - bound) / bound if bound else None)
    return Summary(
        groups=len(sizes),
        placed=placed,
        unplaced=people.filter(group__isnull=True).count(),
        approximate=people.filter(approximate=True).count(),
        too_small=sum(1 for size in sizes if size < proposal.min_size),
        total_km=total,
        average_km=total / placed if placed else None,
        lower_bound_km=bound,
        gap_percent=None if gap is None else math.ceil(gap * 10) / 10,
        set_aside=set_aside,
    )


def _groups(
    page: Page[ProposedGroup], editing: int | None, reach: "_Reach | None"
) -> list[GroupView]:
    """The groups of the page with their members, the host first; the move options only for
    the group being edited, so that a page of fifty groups stays light."""
    groups = list(page.object_list)
    members: dict[int, list[Volunteer]] = {group.pk: [] for group in groups}
    for volunteer in Volunteer.objects.filter(group__in=groups).order_by("distance_km", "pk"):
        assert volunteer.group_id is not None
        members[volunteer.group_id].append(volunteer)
    views = []
    for group in groups:
        rows = sorted(members[group.pk], key=lambda v: v.pk != group.host_id)
        edited = reach is not None and group.number == editing
        views.append(
            GroupView(
                group,
                [
                    Member(v, v.pk == group.host_id, reach.options(v) if edited and reach else [])
                    for v in rows
                ],
                editing=edited,
            )
        )
    return views


def _number(request: HttpRequest, name: str) -> str:
    value = request.GET.get(name, "1")
    # isdecimal(), not isdigit(): "²" is a digit that int() refuses.
    return value if value.isdecimal() else "1"


def _unplaced(
    proposal: Proposal, request: HttpRequest, reach: "_Reach | None"
) -> tuple[Page[Volunteer], list[Member]]:
    """The unplaced people of the page, with the reason in words; the groups they could join
    only for the one the coordinator is placing."""
    placing = request.GET.get("placer", "")
    rows: QuerySet[Volunteer] = Volunteer.objects.filter(proposal=proposal, group__isnull=True)
    page = Paginator(rows.order_by("pk"), UNPLACED_PER_PAGE).get_page(_number(request, "hors"))
    return page, [
        Member(
            v,
            False,
            reach.options(v) if reach and str(v.pk) == placing else [],
            reason=str(REASONS.get(v.unplaced_reason, v.unplaced_reason)),
        )
        for v in page.object_list
    ]


@require_safe
def proposal(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The proposal: its progress while it is computed, then the groups and the plot."""
    found = settle(access.proposal_for(request, slug, pk))
    context: dict[str, Any] = {
        "organisation": found.organisation,
        "proposal": found,
        "running": found.status in RUNNING,
    }
    if found.status in (Proposal.Status.DONE, Proposal.Status.CREATED):
        editable = found.status == Proposal.Status.DONE
        reach = _Reach(found) if editable else None
        groups = ProposedGroup.objects.filter(proposal=found).select_related("host")
        if not editable:
            # Counting the answers groups the rows, and Django then leaves Meta.ordering out.
            groups = with_answers(groups).order_by("number")
        page = Paginator(groups, GROUPS_PER_PAGE).get_page(_number(request, "page"))
        editing = request.GET.get("groupe", "")
        unplaced_page, unplaced = _unplaced(found, request, reach)
        context |= {
            "editable": editable,
            "summary": _summary(found),
            "plot": draw(found) if editable else "",
            "page": page,
            "groups": _groups(page, int(editing) if editing.isdecimal() else None, reach),
            "unplaced_page": unplaced_page,
            "unplaced": unplaced,
            "page_query": urlencode({"hors": unplaced_page.number}),
            "unplaced_query": urlencode({"page": page.number}),
        }
    return render(request, "proposals/proposal.html", context)


@require_safe
def progress(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The progress bar alone, polled by htmx; once the computation ends, the page reloads."""
    found = settle(access.proposal_for(request, slug, pk))
    response = render(
        request,
        "proposals/_progress.html",
        {"organisation": found.organisation, "proposal": found, "running": found.status in RUNNING},
    )
    if found.status not in RUNNING:
        response["HX-Refresh"] = "true"
    return response


def _back_to(proposal: Proposal, group: ProposedGroup | None) -> str:
    """The proposal's page where this group is listed, the group open for changes (the first
    page, for someone who was not in any group)."""
    url = reverse(
        "proposals:proposal", kwargs={"slug": proposal.organisation.slug, "pk": proposal.pk}
    )
    if group is None or not ProposedGroup.objects.filter(pk=group.pk).exists():
        return url
    before = ProposedGroup.objects.filter(proposal=proposal, number__lt=group.number).count()
    return f"{url}?{urlencode({'page': before // GROUPS_PER_PAGE + 1, 'groupe': group.number})}"


def _nobody_chosen(request: HttpRequest, proposal: Proposal) -> HttpResponse:
    """A form that names nobody (an old page, a hand-made request): say so, change nothing."""
    messages.error(request, _("Choisissez d'abord une personne de la liste."))
    return redirect("proposals:proposal", slug=proposal.organisation.slug, pk=proposal.pk)


@require_POST
def move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Move a person to another group, or out of every group, the rules re-checked."""
    found = access.proposal_for(request, slug, pk)
    if not request.POST.get("volunteer"):
        return _nobody_chosen(request, found)
    volunteer = access.volunteer_in(found, request.POST.get("volunteer"))
    wanted = request.POST.get("group", "")
    target = None if wanted == "none" else access.group_in(found, wanted)
    # Back to the group the coordinator was working on.
    back = _back_to(found, volunteer.group or target)
    try:
        actions.move(found, volunteer.pk, target.pk if target else None, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(back)
    if target is None:
        messages.success(request, _("C'est fait : la personne n'est plus dans aucun groupe."))
    else:
        messages.success(
            request,
            _("C'est fait : la personne est maintenant dans le groupe %(number)d.")
            % {"number": target.number},
        )
    return redirect(back)


@require_POST
def make_host(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """This person welcomes their group from now on; distances are measured to their home."""
    found = access.proposal_for(request, slug, pk)
    if not request.POST.get("volunteer"):
        return _nobody_chosen(request, found)
    volunteer = access.volunteer_in(found, request.POST.get("volunteer"))
    try:
        actions.make_host(found, volunteer.pk, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("C'est fait : la personne accueille maintenant le groupe %(number)d.")
            % {"number": volunteer.group.number if volunteer.group else 0},
        )
    return redirect(_back_to(found, volunteer.group))


@require_POST
def retry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Start a failed computation again."""
    found = access.proposal_for(request, slug, pk)
    try:
        actions.retry_proposal(found, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Le calcul est relancé."))
    return redirect("proposals:proposal", slug=slug, pk=pk)


@require_POST
def delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Delete the proposal with every person and point in it."""
    found = access.proposal_for(request, slug, pk)
    name = found.name
    actions.delete_proposal(found, by=signed_in(request))
    messages.success(
        request,
        _("La proposition « %(name)s » est supprimée, avec toutes les positions qu'elle contenait.")
        % {"name": name},
    )
    return redirect("proposals:list", slug=slug)
