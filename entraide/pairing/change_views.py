"""Shared leadership (part 7): the programme's space for its volunteers — its figures and the
changes they propose and adopt by consent — and the team's view of those changes."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.lib.refusals import Refused
from entraide.pairing import access
from entraide.pairing import change_actions as actions
from entraide.pairing.figures import programme_figures
from entraide.pairing.forms import ChangeAnswerForm, ChangeDoneForm, ChangeForm
from entraide.pairing.models import Change, ChangeAnswer, Programme

# Closed changes stay listed, the latest first, up to this many.
LISTED = 30


def _changes(programme: Programme) -> dict[str, list[Change]]:
    """The changes waiting for answers, those waiting for the team, and the latest closed."""
    live = list(
        programme.changes.filter(
            status__in=[Change.Status.OPEN, Change.Status.ADOPTED]
        ).select_related("author")
    )
    closed = programme.changes.filter(
        status__in=[Change.Status.DONE, Change.Status.WITHDRAWN]
    ).select_related("author")
    return {
        "open_changes": [c for c in live if c.status == Change.Status.OPEN],
        "adopted_changes": [c for c in live if c.status == Change.Status.ADOPTED],
        "closed_changes": list(closed[:LISTED]),
    }


def _change_context(change: Change) -> dict[str, Any]:
    consents, volunteers, objections = actions.tally(change)
    return {
        "change": change,
        "programme": change.programme,
        "organisation": change.programme.organisation,
        "consents": consents,
        "volunteers": volunteers,
        "objections": objections,
    }


# The volunteers' side -------------------------------------------------------------------------


@require_safe
def together(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Notre programme, ensemble: its figures and the changes proposed."""
    volunteer = access.volunteering(request, programme_id)
    programme = volunteer.programme
    return render(
        request,
        "pairing/together/together.html",
        {
            "application": volunteer,
            "programme": programme,
            "sections": programme_figures(programme),
            **_changes(programme),
        },
    )


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, programme_id: int) -> HttpResponse:
    volunteer = access.volunteering(request, programme_id)
    form = ChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = actions.propose(volunteer, form.cleaned_data)
        if change.status == Change.Status.ADOPTED:
            messages.success(
                request, _("Vous êtes seul·e bénévole : votre proposition est adoptée.")
            )
        else:
            messages.success(
                request,
                _("Votre proposition est envoyée aux autres bénévoles, qui donnent leur avis."),
            )
        return redirect("pairing:change", programme_id=programme_id, change_id=change.pk)
    return render(
        request,
        "pairing/together/propose.html",
        {"programme": volunteer.programme, "form": form, "change": None},
    )


@require_safe
def change(request: HttpRequest, programme_id: int, change_id: int) -> HttpResponse:
    """A proposal: its text, where the consent stands, the objections with their reasons, and
    my answer."""
    found = access.volunteer_change(request, programme_id, change_id)
    me = signed_in(request)
    mine = found.answers.filter(user=me).first()
    initial = {"decision": mine.decision, "reason": mine.reason} if mine else {}
    return render(
        request,
        "pairing/together/change.html",
        {
            **_change_context(found),
            "my_answer": mine,
            "is_author": found.author_id == me.pk,
            "form": ChangeAnswerForm(initial=initial),
        },
    )


@require_POST
def answer(request: HttpRequest, programme_id: int, change_id: int) -> HttpResponse:
    found = access.volunteer_change(request, programme_id, change_id)
    volunteer = access.volunteering(request, programme_id)
    form = ChangeAnswerForm(request.POST)
    if form.is_valid():
        try:
            actions.answer(
                found, volunteer, form.cleaned_data["decision"], form.cleaned_data["reason"]
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            found.refresh_from_db(fields=["status"])
            if found.status == Change.Status.ADOPTED:
                messages.success(
                    request, _("Chaque bénévole a consenti : le changement est adopté.")
                )
            elif form.cleaned_data["decision"] == ChangeAnswer.Decision.OBJECT:
                messages.success(
                    request, _("Votre objection est notée ; la personne qui propose est prévenue.")
                )
            else:
                messages.success(request, _("Votre consentement est noté. Merci."))
        return redirect("pairing:change", programme_id=programme_id, change_id=change_id)
    me = signed_in(request)
    return render(
        request,
        "pairing/together/change.html",
        {
            **_change_context(found),
            "my_answer": found.answers.filter(user=me).first(),
            "is_author": found.author_id == me.pk,
            "form": form,
        },
        status=400,
    )


def _own(request: HttpRequest, programme_id: int, change_id: int) -> Change:
    """A change I proposed, still open; 404 for anyone else (the page shows them nothing to
    amend or withdraw)."""
    found = access.volunteer_change(request, programme_id, change_id)
    if found.author_id != signed_in(request).pk or not found.is_open:
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
def amend(request: HttpRequest, programme_id: int, change_id: int) -> HttpResponse:
    found = _own(request, programme_id, change_id)
    initial = {"topic": found.topic, "title": found.title, "text": found.text}
    form = ChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.amend(found, form.cleaned_data, by=signed_in(request))
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Votre proposition est réécrite : chaque bénévole est invité à répondre."),
            )
        return redirect("pairing:change", programme_id=programme_id, change_id=change_id)
    return render(
        request,
        "pairing/together/propose.html",
        {"programme": found.programme, "form": form, "change": found},
    )


@require_POST
def withdraw(request: HttpRequest, programme_id: int, change_id: int) -> HttpResponse:
    found = _own(request, programme_id, change_id)
    try:
        actions.withdraw(found, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Votre proposition est retirée."))
    return redirect("pairing:together", programme_id=programme_id)


# The team's side ------------------------------------------------------------------------------


@require_safe
def team_changes(request: HttpRequest, slug: str, programme_id: int) -> HttpResponse:
    """What the volunteers see of the programme, and the changes they propose."""
    programme = access.team_programme(request, slug, programme_id)
    return render(
        request,
        "pairing/together/team_changes.html",
        {
            "organisation": programme.organisation,
            "programme": programme,
            "sections": programme_figures(programme),
            **_changes(programme),
        },
    )


@require_http_methods(["GET", "POST"])
def team_change(request: HttpRequest, slug: str, programme_id: int, change_id: int) -> HttpResponse:
    """One change; once adopted, the team says what it did of it."""
    found = access.team_change(request, slug, programme_id, change_id)
    form = ChangeDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.put_into_practice(found, form.cleaned_data["note"], by=signed_in(request))
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("C'est noté : les bénévoles sont prévenus."))
        return redirect(
            "pairing:team_change", slug=slug, programme_id=programme_id, change_id=change_id
        )
    return render(
        request,
        "pairing/together/team_change.html",
        {**_change_context(found), "form": form},
        status=400 if form.is_bound else 200,
    )
