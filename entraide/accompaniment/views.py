"""The coordinators' side of accompaniment, and the members' requests for support and review.

Coordinators accompany; the members decide: these pages show a coordinator the project, the
requests and the reviews, never the group's member list nor its meeting place.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accompaniment import access, actions
from entraide.accompaniment.board import board as build_board
from entraide.accompaniment.board import links_of
from entraide.accompaniment.feedback import MIN_ANSWERS_FOR_FIGURES, round_results
from entraide.accompaniment.forms import (
    BoardFilterForm,
    DeclineForm,
    InterviewSlotForm,
    NewThemeForm,
    NoteForm,
    OfferForm,
    ProposedThemeForm,
    ReviewNoteForm,
    SupportAnswerForm,
    SupportRequestForm,
)
from entraide.accompaniment.models import Offer, Review, SupportRequest
from entraide.accompaniment.progress import follows_the_founding, founding_progress
from entraide.accounts.access import signed_in
from entraide.directory import actions as directory_actions
from entraide.founding import actions as founding_actions
from entraide.founding.models import Initiative
from entraide.lib.refusals import Refused

INTERVIEW_FIELDS = ("need", "members_profile", "motivation", "own_role", "collective_decisions")
INTERVIEW_QUESTIONS = {
    field.name: field.verbose_name
    for field in Initiative._meta.concrete_fields
    if field.name in INTERVIEW_FIELDS
}


# The board -----------------------------------------------------------------------------------


@require_safe
def board(request: HttpRequest, slug: str) -> HttpResponse:
    """Every group the organisation accompanies or was asked to, by stage, and what needs
    attention; filters by stage, by name, and "needs attention only"."""
    organisation = access.coordination(request, slug)
    form = BoardFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {
            "stage": form.cleaned_data["stage"],
            "attention_only": form.cleaned_data["attention"],
            "text": form.cleaned_data["q"].strip(),
        }
    found = build_board(organisation, **filters)
    return render(
        request,
        "accompaniment/board.html",
        {
            "organisation": organisation,
            "form": form,
            "board": found,
            "filtered": any(filters.values()),
            "themes_waiting": access.proposed_themes(organisation).count(),
        },
    )


# One group, for its coordinators ------------------------------------------------------------


@dataclass
class SupportItem:
    support: SupportRequest
    form: SupportAnswerForm


def _group_page(
    request: HttpRequest,
    found: access.Accompanied,
    *,
    slot_form: InterviewSlotForm | None = None,
    decline_form: DeclineForm | None = None,
    note_form: NoteForm | None = None,
    answered: tuple[int, SupportAnswerForm] | None = None,
) -> HttpResponse:
    """The group page, with any form that came back with errors kept as it was typed."""
    group, initiative = found.group, found.initiative
    zone = group.time_zone
    initial_slot = {}
    if initiative is not None and initiative.interview_slot is not None:
        local = initiative.interview_slot.astimezone(zone)
        initial_slot = {
            "date": local.date(),
            "time": local.time(),
            "note": initiative.interview_slot_note,
        }
    notes = (
        initiative.notes.filter(organisation=found.organisation).select_related("author")
        if initiative is not None
        else []
    )
    supports = [
        SupportItem(
            support,
            answered[1]
            if answered and answered[0] == support.pk
            else SupportAnswerForm(
                prefix=f"support-{support.pk}", initial={"answer": support.answer}
            ),
        )
        for support in group.support_requests.all()
    ]
    reviews = group.reviews.annotate(answer_count=Count("responses"))
    interview = (
        [(INTERVIEW_QUESTIONS[name], getattr(initiative, name)) for name in INTERVIEW_FIELDS]
        if initiative is not None and found.was_asked
        else []
    )
    return render(
        request,
        "accompaniment/group.html",
        {
            "organisation": found.organisation,
            "group": group,
            "initiative": initiative,
            "found": found,
            "zone": zone,
            "interview": interview,
            "slot_form": slot_form or InterviewSlotForm(zone=zone, initial=initial_slot),
            "decline_form": decline_form or DeclineForm(),
            "note_form": note_form or NoteForm(),
            "notes": notes,
            "supports": supports,
            "reviews": reviews,
            # The higher apps' pages about this group (its health page, when it is shared).
            "links": links_of(found.organisation).get(group.pk, []),
            "progress": (
                founding_progress(initiative)
                if initiative is not None
                and follows_the_founding(initiative, found.organisation.pk)
                else None
            ),
        },
    )


@require_safe
def group(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """A group seen by its organisation's coordinators: the project, the request, notes,
    support requests and reviews."""
    found = access.group_for_coordinator(request, slug, group_slug)
    if found.is_waiting and found.initiative is not None:
        founding_actions.mark_request_read(found.initiative, by=signed_in(request))
    return _group_page(request, found)


@require_POST
def propose_slot(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """Propose a time to meet the initiator, in the group's time zone."""
    found, initiative = access.request_to_answer(request, slug, group_slug)
    form = InterviewSlotForm(request.POST, zone=found.group.time_zone)
    if not form.is_valid():
        return _group_page(request, found, slot_form=form)
    try:
        founding_actions.propose_interview_slot(
            initiative, form.cleaned_data["when"], form.cleaned_data["note"], by=signed_in(request)
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Le rendez-vous est proposé ; la personne le reçoit par e-mail.")
        )
    return redirect("accompaniment:group", slug=slug, group_slug=group_slug)


@require_POST
def accept(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """Accept to accompany the project: the group becomes one of the organisation's."""
    _found, initiative = access.request_to_answer(request, slug, group_slug)
    try:
        founding_actions.accept_accompaniment(initiative, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Vous accompagnez maintenant ce groupe. La personne à l'initiative est prévenue."),
        )
    return redirect("accompaniment:group", slug=slug, group_slug=group_slug)


@require_POST
def decline(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """Decline the request, with a word for the initiator."""
    found, initiative = access.request_to_answer(request, slug, group_slug)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _group_page(request, found, decline_form=form)
    try:
        founding_actions.decline_accompaniment(
            initiative, form.cleaned_data["message"], by=signed_in(request)
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Votre réponse est partie, avec votre message."))
    return redirect("accompaniment:group", slug=slug, group_slug=group_slug)


@require_POST
def add_note(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """A private note for the organisation's coordinators."""
    found = access.group_for_coordinator(request, slug, group_slug)
    if found.initiative is None:
        messages.error(request, _("Les notes accompagnent un projet de groupe."))
        return redirect("accompaniment:group", slug=slug, group_slug=group_slug)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _group_page(request, found, note_form=form)
    actions.add_note(
        found.initiative, found.organisation, form.cleaned_data["text"], by=signed_in(request)
    )
    messages.success(request, _("Votre note est enregistrée."))
    return redirect("accompaniment:group", slug=slug, group_slug=group_slug)


@require_POST
def answer_support(
    request: HttpRequest, slug: str, group_slug: str, request_id: int
) -> HttpResponse:
    """Answer a support request; the person who asked gets the answer by e-mail."""
    found, support = access.support_request_for_coordinator(request, slug, group_slug, request_id)
    form = SupportAnswerForm(request.POST, prefix=f"support-{support.pk}")
    if not form.is_valid():
        return _group_page(request, found, answered=(support.pk, form))
    try:
        actions.answer_support_request(
            support,
            form.cleaned_data["answer"],
            by=signed_in(request),
            given=form.cleaned_data["given"],
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Votre réponse est envoyée au groupe."))
    return redirect("accompaniment:group", slug=slug, group_slug=group_slug)


@require_POST
def close_support(
    request: HttpRequest, slug: str, group_slug: str, request_id: int
) -> HttpResponse:
    """Close a support request: nothing more to do on it."""
    _found, support = access.support_request_for_coordinator(request, slug, group_slug, request_id)
    if support.status != SupportRequest.Status.CLOSED:
        actions.close_support_request(support, by=signed_in(request))
        messages.success(request, _("La demande est close."))
    return redirect("accompaniment:group", slug=slug, group_slug=group_slug)


@require_POST
def open_review(request: HttpRequest, slug: str, group_slug: str, review_id: int) -> HttpResponse:
    """Open the review's questionnaire to the group's members and facilitators."""
    _found, review = access.review_for_coordinator(request, slug, group_slug, review_id)
    try:
        actions.open_review(review, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Le questionnaire est ouvert. Les membres du groupe sont invités à y répondre."),
        )
    return redirect("accompaniment:group", slug=slug, group_slug=group_slug)


@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, slug: str, group_slug: str, review_id: int) -> HttpResponse:
    """A review's answers without names, and the meeting note that closes it."""
    found, review = access.review_for_coordinator(request, slug, group_slug, review_id)
    form = ReviewNoteForm(request.POST or None, initial={"note": review.coordinator_note})
    if request.method == "POST":
        if review.status == Review.Status.DONE:
            messages.error(request, _("Ce bilan est déjà fait."))
            return redirect(
                "accompaniment:review_detail", slug=slug, group_slug=group_slug, review_id=review.pk
            )
        if form.is_valid():
            actions.complete_review(review, form.cleaned_data["note"], by=signed_in(request))
            messages.success(request, _("Le bilan est fait. Merci pour ce compte rendu."))
            return redirect("accompaniment:group", slug=slug, group_slug=group_slug)
    return render(
        request,
        "accompaniment/review_detail.html",
        {
            "organisation": found.organisation,
            "group": found.group,
            "review": review,
            "results": round_results(review),
            "minimum": MIN_ANSWERS_FOR_FIGURES,
            "form": form,
        },
    )


# The members' side ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def support(request: HttpRequest, slug: str) -> HttpResponse:
    """The group asks its organisation for something: a question, a room, materials…"""
    mine = access.membership_with_organisation(request, slug)
    organisation = mine.group.organisation
    assert organisation is not None
    form = SupportRequestForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.ask_for_support(
                mine,
                form.cleaned_data["kind"],
                form.cleaned_data["message"],
                offer=form.cleaned_data["offer"],
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _(
                    "Votre demande est envoyée à l'organisation. "
                    "Sa réponse vous arrivera par e-mail."
                ),
            )
        return redirect("accompaniment:support", slug=slug)
    return render(
        request,
        "accompaniment/support.html",
        {
            "group": mine.group,
            "organisation": mine.group.organisation,
            "form": form,
            "offers": organisation.group_offers.filter(is_active=True),
            "requests": mine.group.support_requests.select_related("offer"),
        },
    )


# Themes ------------------------------------------------------------------------------------


def _themes_page(
    request: HttpRequest,
    organisation: Any,
    *,
    new_form: NewThemeForm | None = None,
    answered: tuple[int, ProposedThemeForm] | None = None,
) -> HttpResponse:
    waiting = [
        (
            theme,
            answered[1]
            if answered and answered[0] == theme.pk
            else ProposedThemeForm(prefix=f"theme-{theme.pk}", initial={"name_en": theme.name_en}),
        )
        for theme in access.proposed_themes(organisation)
    ]
    return render(
        request,
        "accompaniment/themes.html",
        {
            "organisation": organisation,
            "waiting": waiting,
            "new_form": new_form or NewThemeForm(),
            "added": organisation.themes_added.order_by("name_fr"),
        },
    )


@require_http_methods(["GET", "POST"])
def themes(request: HttpRequest, slug: str) -> HttpResponse:
    """The themes the organisation added for everyone, the ones its projects proposed, and a
    form to add one."""
    organisation = access.coordination(request, slug)
    if request.method == "POST":
        form = NewThemeForm(request.POST)
        if not form.is_valid():
            return _themes_page(request, organisation, new_form=form)
        theme = directory_actions.add_theme(
            form.cleaned_data["name_fr"].strip(),
            form.cleaned_data["name_en"].strip(),
            form.cleaned_data["domain"],
            organisation=organisation,
        )
        messages.success(
            request,
            _("« %(name)s » est proposée à tout le monde.") % {"name": theme.name_fr},
        )
        return redirect("accompaniment:themes", slug=slug)
    return _themes_page(request, organisation)


@require_POST
def proposed_theme(request: HttpRequest, slug: str, theme_id: int) -> HttpResponse:
    """Accept a theme an initiator proposed, or give their group an existing one instead."""
    organisation, theme = access.proposed_theme_for_coordinator(request, slug, theme_id)
    form = ProposedThemeForm(request.POST, prefix=f"theme-{theme.pk}")
    if not form.is_valid():
        return _themes_page(request, organisation, answered=(theme.pk, form))
    try:
        if form.cleaned_data["decision"] == "accept":
            directory_actions.accept_theme(
                theme,
                name_en=form.cleaned_data["name_en"].strip(),
                domain=form.cleaned_data["domain"],
                organisation=organisation,
            )
            said = _("« %(name)s » est ajoutée à la liste de tous.")
        else:
            directory_actions.replace_theme(theme, form.cleaned_data["instead"])
            said = _("Le groupe prend la thématique existante à la place de « %(name)s ».")
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, said % {"name": theme.name_fr})
    return redirect("accompaniment:themes", slug=slug)


# Offers ------------------------------------------------------------------------------------


OFFERS_PERIOD = dt.timedelta(days=365)


def _offers_page(
    request: HttpRequest, organisation: Any, form: OfferForm | None = None
) -> HttpResponse:
    since = timezone.now() - OFFERS_PERIOD
    return render(
        request,
        "accompaniment/offers.html",
        {
            "organisation": organisation,
            "form": form or OfferForm(),
            "year": actions.given_over(organisation, since),
            "since": since,
            "coordinates": access.coordinates(request, organisation),
        },
    )


@require_http_methods(["GET", "POST"])
def offers(request: HttpRequest, slug: str) -> HttpResponse:
    """What the organisation offers its groups, a form to add to it, and what was given over
    the last twelve months."""
    organisation = access.offer_keepers(request, slug)
    if request.method == "POST":
        form = OfferForm(request.POST, instance=Offer(organisation=organisation))
        if not form.is_valid():
            return _offers_page(request, organisation, form)
        offer = actions.save_offer(form.save(commit=False), by=signed_in(request))
        messages.success(request, _("« %(title)s » est proposée aux groupes.") % {"title": offer})
        return redirect("accompaniment:offers", slug=slug)
    return _offers_page(request, organisation)


@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest, slug: str, offer_id: int) -> HttpResponse:
    """Change one offer, or stop proposing it (it stays in the year's figures)."""
    organisation, found = access.offer_for_keeper(request, slug, offer_id)
    form = OfferForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        actions.save_offer(form.save(commit=False), by=signed_in(request))
        messages.success(request, _("L'offre est enregistrée."))
        return redirect("accompaniment:offers", slug=slug)
    return render(
        request,
        "accompaniment/offer.html",
        {"organisation": organisation, "offer": found, "form": form},
    )
