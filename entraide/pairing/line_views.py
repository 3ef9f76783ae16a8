"""A listening line's rota: the team's weekly shifts and month page (propose, adjust,
publish, the log's totals), and the volunteers' "Mes permanences" (availability, swaps, the
shift log, a calendar address)."""

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from icalendar import Event

from entraide.accounts.access import signed_in
from entraide.lib.refusals import Refused
from entraide.meetings.calendars.ical import absolute, finish, new_calendar, uid_host
from entraide.pairing import access
from entraide.pairing import line_actions as actions
from entraide.pairing.line_forms import (
    AcceptSwapForm,
    AddToShiftForm,
    AvailabilityForm,
    LineShiftForm,
    ShiftLogForm,
)
from entraide.pairing.models import Programme, RotaMonth, ShiftAssignment


def _month(year: int, month: int) -> dt.date:
    """The month of the address; a month that no calendar has (13, or a number too big for a
    date) is a 404 like any address that leads nowhere."""
    try:
        return dt.date(year, month, 1)
    except (ValueError, OverflowError):
        raise Http404 from None


def _today(programme: Programme) -> dt.date:
    return timezone.now().astimezone(programme.time_zone).date()


# The team's side ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def team_line_shifts(request: HttpRequest, slug: str, programme_id: int) -> HttpResponse:
    """The line's weekly shifts, to add or remove, and the months of its rota."""
    programme = access.team_line(request, slug, programme_id)
    form = LineShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_shift(programme, **form.cleaned_data)
        messages.success(request, _("La permanence est ajoutée."))
        return redirect("pairing:team_line_shifts", slug, programme.pk)
    this_month = actions.month_of(_today(programme))
    return render(
        request,
        "pairing/line/shifts.html",
        {
            "organisation": programme.organisation,
            "programme": programme,
            "shifts": list(programme.line_shifts.all()),
            "form": form,
            "months": [this_month, actions.next_month(this_month)],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def team_line_shift_remove(
    request: HttpRequest, slug: str, programme_id: int, shift_id: int
) -> HttpResponse:
    shift = access.team_line_shift(request, slug, programme_id, shift_id)
    actions.remove_shift(shift)
    messages.success(request, _("La permanence est retirée."))
    return redirect("pairing:team_line_shifts", slug, programme_id)


@require_safe
def team_line_month(
    request: HttpRequest, slug: str, programme_id: int, year: int, month: int
) -> HttpResponse:
    """The month's rota, shift by shift, with its gaps in words, to propose, adjust, publish."""
    programme = access.team_line(request, slug, programme_id)
    rota = actions.rota_month(programme, _month(year, month))
    return render(request, "pairing/line/month.html", _month_context(programme, rota))


def _month_context(programme: Programme, rota: RotaMonth) -> dict[str, Any]:
    people = actions.volunteers(programme)
    held: dict[str, list[ShiftAssignment]] = defaultdict(list)
    for assignment in actions.assignments(rota):
        held[assignment.key].append(assignment)
    now = timezone.now()
    ready = [a for a in people if a.is_ready]
    rows = []
    for occurrence in actions.occurrences(programme, rota.month):
        on_it = held.get(occurrence.key, [])
        missing = occurrence.shift.wanted - len(on_it)
        rows.append(
            {
                "occurrence": occurrence,
                "assignments": on_it,
                "gap": actions.gap_words(missing) if missing > 0 else "",
                "ahead": occurrence.start > now,
                "form": AddToShiftForm(
                    initial={"occurrence": occurrence.key},
                    volunteers=ready,
                    auto_id=f"id_{occurrence.key.replace(':', '_')}_%s",
                ),
            }
        )
    offers = {a.pk: actions.offer_of(a, rota.month) for a in people}
    counts: dict[int, int] = defaultdict(int)
    for assignments in held.values():
        for assignment in assignments:
            counts[assignment.application_id] += 1
    return {
        "organisation": programme.organisation,
        "programme": programme,
        "rota": rota,
        "rows": rows,
        "gaps": sum(1 for row in rows if row["gap"]),
        "volunteers": [
            {"application": a, "offer": offers[a.pk], "count": counts[a.pk]} for a in people
        ],
        "totals": actions.totals(rota),
        "previous": actions.previous_month(rota.month),
        "next": actions.next_month(rota.month),
    }


def _to_month(slug: str, programme_id: int, year: int, month: int) -> HttpResponse:
    return redirect("pairing:team_line_month", slug, programme_id, year, month)


@require_POST
def team_line_propose(
    request: HttpRequest, slug: str, programme_id: int, year: int, month: int
) -> HttpResponse:
    programme = access.team_line(request, slug, programme_id)
    rota = actions.rota_month(programme, _month(year, month))
    proposed = actions.propose(rota)
    if proposed.gaps:
        messages.warning(
            request,
            _(
                "Voici le planning proposé. Certaines permanences restent incomplètes : voyez-les "
                "ci-dessous."
            ),
        )
    else:
        messages.success(request, _("Voici le planning proposé : chaque permanence est complète."))
    return _to_month(slug, programme_id, year, month)


@require_POST
def team_line_add(
    request: HttpRequest, slug: str, programme_id: int, year: int, month: int
) -> HttpResponse:
    programme = access.team_line(request, slug, programme_id)
    rota = actions.rota_month(programme, _month(year, month))
    form = AddToShiftForm(
        request.POST, volunteers=[a for a in actions.volunteers(programme) if a.is_accepted]
    )
    if not form.is_valid():
        messages.error(request, _("Choisissez une personne à ajouter."))
        return _to_month(slug, programme_id, year, month)
    try:
        actions.add_to_shift(rota, form.cleaned_data["occurrence"], form.cleaned_data["volunteer"])
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("La personne est ajoutée à la permanence."))
    return _to_month(slug, programme_id, year, month)


@require_POST
def team_line_remove(
    request: HttpRequest, slug: str, programme_id: int, assignment_id: int
) -> HttpResponse:
    assignment = access.team_assignment(request, slug, programme_id, assignment_id)
    actions.remove_from_shift(assignment)
    messages.success(request, _("La personne est retirée de la permanence."))
    month = assignment.rota.month
    return _to_month(slug, programme_id, month.year, month.month)


@require_POST
def team_line_publish(
    request: HttpRequest, slug: str, programme_id: int, year: int, month: int
) -> HttpResponse:
    programme = access.team_line(request, slug, programme_id)
    actions.publish(actions.rota_month(programme, _month(year, month)), by=signed_in(request))
    messages.success(
        request, _("Le planning est publié : chaque bénévole reçoit un message pour le voir.")
    )
    return _to_month(slug, programme_id, year, month)


# The volunteers' side -----------------------------------------------------------------------


@require_safe
def line_mine(request: HttpRequest, application_id: int) -> HttpResponse:
    """Mes permanences: my shifts, my availability, the shifts others offer, my log."""
    application = access.own_line_volunteer(request, application_id)
    programme = application.programme
    this_month = actions.month_of(_today(programme))
    months = [this_month, actions.next_month(this_month)]
    now = timezone.now()
    mine = list(
        ShiftAssignment.objects.filter(
            application=application,
            rota__published_at__isnull=False,
            day__gte=actions.previous_month(this_month),
        )
        .select_related("shift", "rota")
        .prefetch_related("swaps")
    )
    for held in mine:
        held.shift.programme = programme
    ahead = [held for held in mine if held.bounds()[0] > now]
    to_log = [held for held in mine if held.bounds()[0] <= now]
    choices = [(held.pk, f"{held.shift.label()} · {held.day:%d/%m}") for held in ahead]
    availability = []
    for month in months:
        offer = actions.offer_of(application, month)
        initial = (
            {"shifts": list(offer.shifts.all()), "max_shifts": offer.max_shifts}
            if offer
            else {"max_shifts": actions.default_max_shifts(application)}
        )
        availability.append(
            {
                "month": month,
                "given": offer is not None,
                "form": AvailabilityForm(
                    initial=initial, application=application, auto_id=f"id_{month:%Y%m}_%s"
                ),
            }
        )
    swaps = [
        {
            "swap": swap,
            "form": AcceptSwapForm(mine=choices, auto_id=f"id_swap{swap.pk}_%s"),
        }
        for swap in actions.open_swaps(programme, besides=application)
    ]
    return render(
        request,
        "pairing/line/mine.html",
        {
            "application": application,
            "programme": programme,
            "ahead": ahead,
            "offered": {
                swap.assignment_id: swap
                for held in ahead
                for swap in held.swaps.all()
                if swap.status == "open"
            },
            "to_log": [
                {
                    "assignment": held,
                    "form": ShiftLogForm(
                        initial={"calls": held.calls, "minutes": held.minutes},
                        auto_id=f"id_log{held.pk}_%s",
                    ),
                }
                for held in to_log
            ],
            "availability": availability,
            "swaps": swaps,
            "calendar_url": absolute(
                reverse("pairing:line_calendar", args=[actions.calendar_of(application).token])
            ),
        },
    )


def _to_mine(application_id: int) -> HttpResponse:
    return redirect("pairing:line_mine", application_id)


@require_POST
def line_availability(
    request: HttpRequest, application_id: int, year: int, month: int
) -> HttpResponse:
    application = access.own_line_volunteer(request, application_id)
    form = AvailabilityForm(request.POST, application=application)
    if form.is_valid():
        actions.give_availability(
            application,
            _month(year, month),
            form.cleaned_data["shifts"],
            form.cleaned_data["max_shifts"],
        )
        messages.success(request, _("Merci, vos disponibilités sont notées."))
    else:
        messages.error(request, _("Dites combien de permanences vous pouvez prendre, de 0 à 31."))
    return _to_mine(application_id)


@require_POST
def line_offer(request: HttpRequest, application_id: int, assignment_id: int) -> HttpResponse:
    assignment = access.own_assignment(request, application_id, assignment_id)
    try:
        actions.offer_swap(assignment)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _(
                "Votre permanence est proposée aux autres bénévoles. Elle reste la vôtre tant "
                "que personne ne la reprend."
            ),
        )
    return _to_mine(application_id)


@require_POST
def line_accept(request: HttpRequest, application_id: int, swap_id: int) -> HttpResponse:
    swap = access.line_swap(request, application_id, swap_id)
    taker = access.own_line_volunteer(request, application_id)
    mine = list(
        ShiftAssignment.objects.filter(application=taker, rota=swap.assignment.rota).values_list(
            "pk", "pk"
        )
    )
    form = AcceptSwapForm(request.POST, mine=[(pk, str(pk)) for pk, _pk in mine])
    if not form.is_valid():
        messages.error(request, _("Choisissez une de vos permanences du même mois, ou rien."))
        return _to_mine(application_id)
    chosen = form.cleaned_data["exchanged"]
    exchanged = (
        ShiftAssignment.objects.select_related("shift__programme__organisation").get(pk=chosen)
        if chosen
        else None
    )
    try:
        actions.accept_swap(swap, taker, exchanged)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("C'est fait : la permanence est à vous. Vous recevez un message.")
        )
    return _to_mine(application_id)


@require_POST
def line_withdraw_swap(request: HttpRequest, application_id: int, swap_id: int) -> HttpResponse:
    """I take back a shift I offered, while nobody has taken it."""
    application = access.own_line_volunteer(request, application_id)
    swap = access.line_swap(request, application_id, swap_id)
    if swap.offered_by_id != application.pk:
        raise Http404
    actions.withdraw_swap(swap)
    messages.success(request, _("Votre permanence n'est plus proposée : elle reste la vôtre."))
    return _to_mine(application_id)


@require_POST
def line_calendar_renew(request: HttpRequest, application_id: int) -> HttpResponse:
    """A new calendar address; the old one stops working at once."""
    application = access.own_line_volunteer(request, application_id)
    actions.renew_calendar(application)
    messages.success(
        request,
        _("Votre adresse d'agenda est changée. Ajoutez la nouvelle à votre agenda."),
    )
    return _to_mine(application_id)


@require_POST
def line_log(request: HttpRequest, application_id: int, assignment_id: int) -> HttpResponse:
    assignment = access.own_assignment(request, application_id, assignment_id)
    form = ShiftLogForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Notez un nombre d'appels et une durée totale en minutes, en chiffres.")
        )
        return _to_mine(application_id)
    try:
        actions.log_shift(assignment, form.cleaned_data["calls"], form.cleaned_data["minutes"])
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Merci, la permanence est notée."))
    return _to_mine(application_id)


@login_not_required
@never_cache
@require_safe
def line_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """My shifts as a calendar feed: no login (calendar apps cannot), the secret is the key."""
    application = access.line_calendar(token)
    programme = application.programme
    with translation.override(application.user.preferred_language):
        calendar = new_calendar(programme.name)
        held = ShiftAssignment.objects.filter(
            application=application, rota__published_at__isnull=False
        ).select_related("shift")
        page = absolute(reverse("pairing:line_mine", args=[application.pk]))
        for assignment in held:
            assignment.shift.programme = programme
            start, end = assignment.bounds()
            event = Event()
            event.add("uid", f"line-shift-{assignment.pk}@{uid_host()}")
            event.add("dtstamp", timezone.now())
            event.add("summary", _("Permanence : %(line)s") % {"line": programme.name})
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("description", _("Mes permanences : %(url)s") % {"url": page})
            calendar.add_component(event)
        body = finish(calendar)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response
