"""The workshops' pages: the public list and page (register, withdraw, the calendar file),
"Mes ateliers", and the organisation team's list, form, registrations and attendance sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.lib.refusals import Refused
from entraide.workshops import access, actions, ical
from entraide.workshops.forms import AttendanceForm, WorkshopForm
from entraide.workshops.models import Workshop

CONTENT_TYPE = "text/calendar; charset=utf-8"

# The public side ----------------------------------------------------------------------------


@login_not_required
@require_safe
def workshop_list(request: HttpRequest) -> HttpResponse:
    """The coming workshops of every organisation, soonest first."""
    return render(
        request,
        "workshops/list.html",
        {"workshops": access.upcoming().order_by("starts_at", "pk")[:100]},
    )


@login_not_required
@require_safe
def detail(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """A workshop's page: anyone reads what it is; registered people read where, and the
    link once they have a seat."""
    workshop = access.public_workshop(workshop_id)
    user = request.user
    mine = access.registration_of(user, workshop)
    now = timezone.now()
    return render(
        request,
        "workshops/detail.html",
        {
            "workshop": workshop,
            "mine": mine,
            "position": actions.waiting_position(mine) if mine is not None else None,
            "seats_left": max(0, workshop.capacity - workshop.registrations.seated().count()),
            "waiting": workshop.registrations.waiting().count(),
            "open": not workshop.is_cancelled and workshop.starts_at > now,
            "for_me": isinstance(user, User) and access.in_audience(user, workshop),
            "is_team": access.runs_workshops(user, workshop.organisation),
        },
    )


@require_POST
def register(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.public_workshop(workshop_id)
    try:
        mine = actions.register(workshop, signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if mine.waiting:
            messages.success(
                request,
                _(
                    "L'atelier est complet : vous êtes sur la liste d'attente. Si une place se "
                    "libère pour vous, vous recevrez un e-mail."
                ),
            )
        else:
            messages.success(request, _("Vous êtes inscrit·e. Une place vous attend."))
    return redirect("workshops:detail", workshop_id=workshop.pk)


@require_POST
def withdraw(request: HttpRequest, workshop_id: int) -> HttpResponse:
    mine = access.own_registration(request, workshop_id)
    try:
        actions.withdraw(mine)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Vous êtes désinscrit·e. Merci de l'avoir dit : la place ira à quelqu'un.")
        )
    return redirect("workshops:detail", workshop_id=workshop_id)


@require_safe
def workshop_ics(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """The workshop as a file for one's calendar, for the people registered."""
    mine = access.own_registration(request, workshop_id)
    workshop = mine.workshop
    response = HttpResponse(ical.workshop_calendar(workshop, mine), content_type=CONTENT_TYPE)
    day = timezone.localtime(workshop.starts_at, workshop.time_zone)
    response["Content-Disposition"] = (
        f'attachment; filename="atelier-{workshop.pk}-{day:%Y-%m-%d}.ics"'
    )
    return response


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """ "Mes ateliers": the workshops I registered for, to come and past."""
    now = timezone.now()
    registrations = list(access.own_registrations(request))
    return render(
        request,
        "workshops/mine.html",
        {
            "coming": [r for r in registrations if r.workshop.ends_at > now],
            "past": [r for r in registrations if r.workshop.ends_at <= now][::-1],
        },
    )


# The organisation's team ------------------------------------------------------------------------


@require_safe
def team_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.team_organisation(request, slug)
    now = timezone.now()
    active = Q(registrations__cancelled_at__isnull=True)
    rows = list(
        organisation.workshops.annotate(
            seated=Count("registrations", filter=active & Q(registrations__waiting=False)),
            in_line=Count("registrations", filter=active & Q(registrations__waiting=True)),
        ).order_by("starts_at", "pk")
    )
    return render(
        request,
        "workshops/team_list.html",
        {
            "organisation": organisation,
            "coming": [w for w in rows if w.ends_at > now],
            "past": [w for w in rows if w.ends_at <= now][::-1],
        },
    )


@require_http_methods(["GET", "POST"])
def team_new(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.team_organisation(request, slug)
    zone = Workshop(organisation=organisation).time_zone
    form = WorkshopForm(request.POST or None, zone=zone)
    if request.method == "POST" and form.is_valid():
        workshop = actions.publish(organisation, form.cleaned_data, by=signed_in(request))
        messages.success(request, _("L'atelier est publié."))
        return redirect("workshops:team_detail", slug=organisation.slug, workshop_id=workshop.pk)
    return render(
        request,
        "workshops/form.html",
        {"organisation": organisation, "form": form, "workshop": None, "zone": zone},
    )


@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, slug: str, workshop_id: int) -> HttpResponse:
    workshop = access.team_workshop(request, slug, workshop_id)
    zone = workshop.time_zone
    form = WorkshopForm(request.POST or None, zone=zone, initial=WorkshopForm.initial_of(workshop))
    if request.method == "POST" and form.is_valid():
        try:
            actions.change(workshop, form.cleaned_data, by=signed_in(request))
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("L'atelier est à jour."))
            return redirect("workshops:team_detail", slug=slug, workshop_id=workshop.pk)
    return render(
        request,
        "workshops/form.html",
        {"organisation": workshop.organisation, "form": form, "workshop": workshop, "zone": zone},
    )


@require_safe
def team_detail(request: HttpRequest, slug: str, workshop_id: int) -> HttpResponse:
    """The registrations, the waiting list, and once it has begun, the attendance sheet."""
    workshop = access.team_workshop(request, slug, workshop_id)
    seated = list(
        workshop.registrations.seated().select_related("user").order_by("registered_at", "pk")
    )
    return render(
        request,
        "workshops/team_detail.html",
        {
            "organisation": workshop.organisation,
            "workshop": workshop,
            "seated": seated,
            "waiting": list(workshop.registrations.waiting().select_related("user")),
            "started": workshop.starts_at <= timezone.now(),
            "attendance": AttendanceForm(seated=seated),
            "came": sum(1 for r in seated if r.attended),
        },
    )


@require_POST
def team_cancel(request: HttpRequest, slug: str, workshop_id: int) -> HttpResponse:
    workshop = access.team_workshop(request, slug, workshop_id)
    try:
        actions.cancel(workshop, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("L'atelier est annulé. Les personnes inscrites reçoivent un e-mail.")
        )
    return redirect("workshops:team_detail", slug=slug, workshop_id=workshop.pk)


@require_POST
def team_attendance(request: HttpRequest, slug: str, workshop_id: int) -> HttpResponse:
    workshop = access.team_workshop(request, slug, workshop_id)
    seated = list(workshop.registrations.seated().select_related("user"))
    form = AttendanceForm(request.POST, seated=seated)
    if form.is_valid():
        try:
            actions.note_attendance(workshop, form.marks(), by=signed_in(request))
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Les présences sont notées."))
    else:
        messages.error(
            request, _("Choisissez pour chaque personne : présent·e, absent·e ou pas noté.")
        )
    return redirect("workshops:team_detail", slug=slug, workshop_id=workshop.pk)
