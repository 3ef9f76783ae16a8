"""Raising a concern from the group's space, following it, and the handlers' board.

Nothing here shows on a group's pages: the only way in for a member is the discreet link of
the group's space, and what they raise is visible to them and to the organisation's handlers
only (see access.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.charters.models import in_force
from entraide.charters.questions import BY_KEY
from entraide.directory.models import SupportGroup
from entraide.lib import ratelimit
from entraide.lib.refusals import Refused
from entraide.membership.access import own_membership
from entraide.membership.models import Membership
from entraide.organisations.access import concern_handlers, has_safeguarding_leads
from entraide.organisations.models import Organisation
from entraide.safeguarding import access, actions
from entraide.safeguarding.forms import ConcernForm, KindForm, MessageForm, NoteForm, StepForm
from entraide.safeguarding.models import Concern, ConcernStep

# Enough for a person who has several things to say on a hard day; few enough that nobody
# floods the handlers' mailboxes.
RAISE_LIMIT = 10
RAISE_WINDOW_SECONDS = 24 * 3600


# Raising a concern --------------------------------------------------------------------------


@dataclass
class CharterAnswer:
    """What the group's charter says to do when someone does not keep to its rules."""

    question: str
    text: str
    adopted: bool


def breaches_answer(group: SupportGroup) -> CharterAnswer:
    question = BY_KEY["breaches"]
    charter = in_force(group)
    answer = charter.answer("breaches").strip() if charter is not None else ""
    if answer:
        return CharterAnswer(str(question.text), answer, adopted=True)
    return CharterAnswer(str(question.text), str(question.suggestion), adopted=False)


def _raise_page(
    request: HttpRequest,
    mine: Membership,
    organisation: Organisation,
    *,
    kind_form: KindForm | None = None,
    form: ConcernForm | None = None,
    kind: str = "",
) -> HttpResponse:
    group = mine.group
    return render(
        request,
        "safeguarding/raise.html",
        {
            "group": group,
            "mine": mine,
            "organisation": organisation,
            "has_leads": has_safeguarding_leads(organisation),
            "kind_form": kind_form,
            "form": form,
            "kind": kind,
            "kind_label": Concern.Kind(kind).label if kind else "",
            "asks_mediation": kind in Concern.MEDIATION_KINDS,
            "charter": breaches_answer(group) if kind in Concern.MEDIATION_KINDS else None,
            "raised_before": Concern.objects.filter(raised_by=mine.user).exists(),
        },
    )


def _no_organisation_page(request: HttpRequest, mine: Membership) -> HttpResponse:
    group = mine.group
    return render(
        request,
        "safeguarding/no_organisation.html",
        {
            "group": group,
            "mine": mine,
            "organisations": Organisation.objects.filter(country=group.country).order_by("name"),
        },
    )


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
def raise_concern(request: HttpRequest, slug: str) -> HttpResponse:
    """Tell the group's organisation, privately, about something worrying (seeds 000, 002).

    First what it is about, then what happens (both posted); for a conflict or a breach of the
    charter, the charter's own answer comes first and a mediation may be asked.
    """
    mine = own_membership(request, slug)
    organisation = mine.group.organisation
    if organisation is None:
        return _no_organisation_page(request, mine)
    if request.method == "POST" and "sorte" in request.POST:
        # Step 1 is posted, not sent in the address: the kind of a concern must not stay in
        # the browser's history or a proxy's log.
        kind_form = KindForm(request.POST)
        if not kind_form.is_valid():
            return _raise_page(request, mine, organisation, kind_form=kind_form)
        kind = kind_form.cleaned_data["sorte"]
        return _raise_page(
            request, mine, organisation, form=ConcernForm(initial={"kind": kind}), kind=kind
        )
    if request.method == "POST":
        form = ConcernForm(request.POST)
        if not form.is_valid() and "kind" in form.errors:
            return _raise_page(
                request, mine, organisation, kind_form=KindForm({"sorte": form.data.get("kind")})
            )
        kind = str(form.cleaned_data["kind"]) if "kind" in form.cleaned_data else ""
        if form.is_valid():
            if not ratelimit.allow(f"concern:{mine.user.pk}", RAISE_LIMIT, RAISE_WINDOW_SECONDS):
                form.add_error(
                    None,
                    _(
                        "Vous avez envoyé beaucoup de signalements aujourd'hui. Réessayez demain. "
                        "Si quelqu'un est en danger, appelez les secours."
                    ),
                )
            else:
                data = form.cleaned_data
                actions.raise_concern(
                    mine,
                    kind=kind,
                    description=data["description"],
                    contact=data["contact"],
                    mediation=data["mediation"],
                    on_behalf_of_group=data["on_behalf_of_group"],
                )
                messages.success(
                    request,
                    _(
                        "Votre signalement est envoyé à %(organisation)s. Vous verrez ici quand "
                        "il sera pris en compte."
                    )
                    % {"organisation": organisation.name},
                )
                return redirect("safeguarding:mine")
        return _raise_page(request, mine, organisation, form=form, kind=kind)
    return _raise_page(request, mine, organisation, kind_form=KindForm())


# The person's own concerns ---------------------------------------------------------------------


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """The concerns I raised: their status and what the organisation wrote to me."""
    concerns = access.own_concerns(request).prefetch_related(
        Prefetch(
            "steps",
            queryset=ConcernStep.objects.order_by("at", "pk"),
            to_attr="all_steps",
        )
    )
    return render(request, "safeguarding/mine.html", {"concerns": concerns})


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, concern_id: int) -> HttpResponse:
    """Withdraw a concern I raised, while it is not closed."""
    concern = access.own_concern(request, concern_id)
    if request.method == "POST":
        try:
            actions.withdraw(concern)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Votre signalement est retiré."))
        return redirect("safeguarding:mine")
    # Only an open concern is offered for withdrawal; the withdrawal itself is the action's rule.
    if not concern.is_open:
        messages.error(request, _("Ce signalement est déjà clos ou retiré."))
        return redirect("safeguarding:mine")
    return render(request, "safeguarding/withdraw.html", {"concern": concern})


# The handlers' side ------------------------------------------------------------------------------


@require_safe
def board(request: HttpRequest, slug: str) -> HttpResponse:
    """Every concern the organisation received: the urgent new ones first (someone may be in
    danger), then the other new ones, the urgent ones being followed, the others being
    followed, and last those closed or withdrawn."""
    organisation = access.handling(request, slug)
    urgent = Q(kind__in=Concern.URGENT_KINDS)
    rank = Case(
        When(urgent & Q(status=Concern.Status.NEW), then=Value(0)),
        When(status=Concern.Status.NEW, then=Value(1)),
        When(urgent & Q(status=Concern.Status.ACKNOWLEDGED), then=Value(2)),
        When(status=Concern.Status.ACKNOWLEDGED, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )
    concerns = list(
        Concern.objects.filter(organisation=organisation)
        .select_related("group")
        .annotate(rank=rank)
        .order_by("rank", "-created_at", "-pk")
    )
    return render(
        request,
        "safeguarding/board.html",
        {
            "organisation": organisation,
            "has_leads": has_safeguarding_leads(organisation),
            "handlers": concern_handlers(organisation),
            "open": [c for c in concerns if c.is_open],
            "finished": [c for c in concerns if not c.is_open],
        },
    )


def _concern_page(request: HttpRequest, concern: Concern, **bound: Form) -> HttpResponse:
    """The concern page, with any form that came back with errors kept as it was typed."""
    organisation = concern.organisation
    forms: dict[str, Any] = {
        "acknowledge_form": MessageForm(prefix="acknowledge"),
        "note_form": NoteForm(prefix="note"),
        "mediation_form": MessageForm(prefix="mediation"),
        "close_form": StepForm(prefix="close", note_required=True),
    }
    forms.update(bound)
    return render(
        request,
        "safeguarding/concern.html",
        {
            "organisation": organisation,
            "concern": concern,
            "group": concern.group,
            "steps": concern.steps.select_related("author"),
            "has_leads": has_safeguarding_leads(organisation),
            "handlers": concern_handlers(organisation),
            "can_take_mediation": (
                concern.status == Concern.Status.ACKNOWLEDGED
                and concern.mediation_requested
                and concern.mediation_taken_at is None
            ),
            **forms,
        },
    )


@require_safe
def concern(request: HttpRequest, slug: str, concern_id: int) -> HttpResponse:
    """One concern, for the organisation's handlers: what was written, who raised it, every
    step, and what can be done next."""
    return _concern_page(request, access.concern_to_handle(request, slug, concern_id))


def _back(concern: Concern) -> HttpResponse:
    return redirect("safeguarding:concern", slug=concern.organisation.slug, concern_id=concern.pk)


def _step(
    request: HttpRequest,
    slug: str,
    concern_id: int,
    prefix: str,
    form: Form,
    act: Callable[[Concern, User, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """One step a handler takes on a concern: the form checked, the action done under its
    lock (or refused when the concern has moved on since the page was shown), a word said."""
    concern = access.concern_to_handle(request, slug, concern_id)
    if not form.is_valid():
        return _concern_page(request, concern, **{f"{prefix}_form": form})
    try:
        act(concern, signed_in(request), form.cleaned_data)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return _back(concern)
    messages.success(request, done)
    return _back(concern)


@require_POST
@sensitive_post_parameters()
def acknowledge(request: HttpRequest, slug: str, concern_id: int) -> HttpResponse:
    return _step(
        request,
        slug,
        concern_id,
        "acknowledge",
        MessageForm(request.POST, prefix="acknowledge"),
        lambda concern, by, data: actions.acknowledge(concern, by=by, message=data["message"]),
        _("L'inquiétude est prise en compte. La personne le voit sur sa page."),
    )


@require_POST
@sensitive_post_parameters()
def note(request: HttpRequest, slug: str, concern_id: int) -> HttpResponse:
    return _step(
        request,
        slug,
        concern_id,
        "note",
        NoteForm(request.POST, prefix="note"),
        lambda concern, by, data: actions.note(
            concern, by=by, note=data["note"], message=data["message"]
        ),
        _("C'est noté."),
    )


@require_POST
@sensitive_post_parameters()
def mediation(request: HttpRequest, slug: str, concern_id: int) -> HttpResponse:
    return _step(
        request,
        slug,
        concern_id,
        "mediation",
        MessageForm(request.POST, prefix="mediation"),
        lambda concern, by, data: actions.take_on_mediation(
            concern, by=by, message=data["message"]
        ),
        _("Votre organisation prend en charge la médiation. La personne le voit."),
    )


@require_POST
@sensitive_post_parameters()
def close(request: HttpRequest, slug: str, concern_id: int) -> HttpResponse:
    return _step(
        request,
        slug,
        concern_id,
        "close",
        StepForm(request.POST, prefix="close", note_required=True),
        lambda concern, by, data: actions.close(
            concern, by=by, note=data["note"], message=data["message"]
        ),
        _("L'inquiétude est close."),
    )
