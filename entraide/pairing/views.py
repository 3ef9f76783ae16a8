"""The programmes' pages: the public page of a programme, applying and asking for a peer,
"Mes démarches d'entraide individuelle", and the organisation team's pages (programmes,
applications with the interview, decision and trainings, debriefs, requests)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.lib.refusals import Refused
from entraide.pairing import access, actions
from entraide.pairing.forms import (
    ApplicationForm,
    DebriefDoneForm,
    DebriefForm,
    DecisionForm,
    InterviewForm,
    ModuleForm,
    NotesForm,
    PeerRequestForm,
    ProgrammeForm,
    TrainingForm,
)
from entraide.pairing.models import (
    DEBRIEF_DUE_AFTER,
    Change,
    Debrief,
    PeerApplication,
    PeerRequest,
    Programme,
    Verdict,
)

# The public side ----------------------------------------------------------------------------


@login_not_required
@require_safe
def programme(request: HttpRequest, programme_id: int) -> HttpResponse:
    """What the programme is, and how to apply as a peer supporter or ask for a peer."""
    found = access.public_programme(programme_id)
    return render(
        request,
        "pairing/programme.html",
        {
            "programme": found,
            "modules": list(found.modules.all()),
            "themes": list(found.themes.all()),
            "application": access.active_application_of(request.user, found),
            "peer_request": access.active_request_of(request.user, found),
            "is_team": access.runs_programmes(request.user, found.organisation),
        },
    )


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, programme_id: int) -> HttpResponse:
    found = access.public_programme(programme_id)
    person = signed_in(request)
    existing = access.active_application_of(person, found)
    if existing is not None:
        return redirect("pairing:my_application", application_id=existing.pk)
    form = ApplicationForm(request.POST or None, programme=found)
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.apply(found, person, form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Merci ! Votre candidature est envoyée. L'équipe du programme vous écrira."),
            )
            return redirect("pairing:my_application", application_id=application.pk)
    return render(request, "pairing/apply.html", {"programme": found, "form": form})


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, programme_id: int) -> HttpResponse:
    found = access.public_programme(programme_id)
    person = signed_in(request)
    existing = access.active_request_of(person, found)
    if existing is not None:
        return redirect("pairing:my_request", peer_request_id=existing.pk)
    if found.is_line:
        messages.info(
            request,
            _(
                "Pour une ligne d'écoute, pas besoin de demande : la présentation dit comment "
                "l'appeler."
            ),
        )
        return redirect("pairing:programme", programme_id=found.pk)
    form = PeerRequestForm(request.POST or None, programme=found)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.ask_for_peer(
                found, person, form.cleaned_data | {"intake_answers": form.intake_answers()}
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Votre demande est envoyée. L'équipe du programme cherche un pair pour vous."),
            )
            return redirect("pairing:my_request", peer_request_id=made.pk)
    return render(request, "pairing/ask.html", {"programme": found, "form": form})


# The person's own side ---------------------------------------------------------------------


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """ "Mes démarches d'entraide individuelle": my applications and my requests."""
    person = signed_in(request)
    return render(
        request,
        "pairing/mine.html",
        {
            "applications": list(access.own_applications(person)),
            "requests": list(access.own_requests(person)),
        },
    )


@require_safe
def my_application(request: HttpRequest, application_id: int) -> HttpResponse:
    """My application: where it stands, the interview, the decision, my trainings; once
    accepted, asking for a debrief. Never the interview notes."""
    application = access.own_application(request, application_id)
    return render(
        request,
        "pairing/my_application.html",
        {
            "application": application,
            "programme": application.programme,
            "trainings": list(application.trainings.select_related("module")),
            "missing": application.missing_modules(),
            "debriefs": list(application.debriefs.all()[:10]),
            "debrief_form": DebriefForm(),
        },
    )


@require_POST
def withdraw_application(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.own_application(request, application_id)
    actions.withdraw_application(application)
    messages.success(request, _("Votre candidature est retirée. Merci de nous l'avoir dit."))
    return redirect("pairing:my_application", application_id=application.pk)


@require_POST
def ask_debrief(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.own_application(request, application_id)
    form = DebriefForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Votre mot est trop long : 1 000 signes au plus."))
    else:
        try:
            actions.ask_debrief(application, form.cleaned_data["word"])
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Votre demande est envoyée. L'équipe vous propose un moment bientôt.")
            )
    return redirect("pairing:my_application", application_id=application.pk)


@require_safe
def my_request(request: HttpRequest, peer_request_id: int) -> HttpResponse:
    found = access.own_request(request, peer_request_id)
    return render(
        request,
        "pairing/my_request.html",
        {"peer_request": found, "programme": found.programme},
    )


@require_POST
def withdraw_request(request: HttpRequest, peer_request_id: int) -> HttpResponse:
    found = access.own_request(request, peer_request_id)
    actions.withdraw_request(found)
    messages.success(
        request, _("Votre demande est retirée. Vous pouvez revenir quand vous voulez.")
    )
    return redirect("pairing:my_request", peer_request_id=found.pk)


# The organisation's team ------------------------------------------------------------------------


@require_safe
def team_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.team_organisation(request, slug)
    return render(
        request,
        "pairing/team_list.html",
        {"organisation": organisation, "programmes": list(organisation.programmes.all())},
    )


@require_http_methods(["GET", "POST"])
def team_new(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.team_organisation(request, slug)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = actions.create_programme(organisation, form.cleaned_data, by=signed_in(request))
        messages.success(request, _("Le programme est créé."))
        return redirect("pairing:team_detail", slug=slug, programme_id=made.pk)
    return render(
        request,
        "pairing/programme_form.html",
        {"organisation": organisation, "form": form, "programme": None},
    )


@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, slug: str, programme_id: int) -> HttpResponse:
    found = access.team_programme(request, slug, programme_id)
    form = ProgrammeForm(request.POST or None, initial=ProgrammeForm.initial_of(found))
    if request.method == "POST" and form.is_valid():
        actions.change_programme(found, form.cleaned_data)
        messages.success(request, _("Le programme est à jour."))
        return redirect("pairing:team_detail", slug=slug, programme_id=found.pk)
    return render(
        request,
        "pairing/programme_form.html",
        {"organisation": found.organisation, "form": form, "programme": found},
    )


@dataclass
class Volunteer:
    application: PeerApplication
    ready: bool
    last_debrief: Debrief | None
    needs_debrief: bool


def volunteers_of(found: Programme) -> list[Volunteer]:
    """The accepted volunteers, with whether they are ready and their last debrief held; those
    who had none for `DEBRIEF_DUE_AFTER` (counted from their acceptance when they never had
    one) are flagged. A debrief asked for and not yet held does not count: it is listed apart,
    as waiting."""
    accepted = list(
        found.applications.filter(status=PeerApplication.Status.ACCEPTED)
        .select_related("user")
        .prefetch_related(
            "trainings",
            Prefetch(
                "debriefs",
                queryset=Debrief.objects.filter(done_on__isnull=False).order_by("-done_on"),
            ),
        )
    )
    required = {m.pk for m in found.modules.all() if m.is_required}
    since = timezone.localdate() - DEBRIEF_DUE_AFTER
    rows = []
    for application in accepted:
        held = list(application.debriefs.all())
        last = held[0] if held else None
        if last is not None and last.done_on is not None:
            reference: dt.date | None = last.done_on
        elif application.decided_at is not None:
            reference = timezone.localdate(application.decided_at)
        else:
            reference = None
        rows.append(
            Volunteer(
                application=application,
                ready=required <= {t.module_id for t in application.trainings.all()},
                last_debrief=last,
                needs_debrief=reference is None or reference < since,
            )
        )
    return rows


@require_safe
def team_detail(request: HttpRequest, slug: str, programme_id: int) -> HttpResponse:
    """The programme for its team: applications waiting, volunteers and their debriefs,
    requests for a peer, training modules."""
    found = access.team_programme(request, slug, programme_id)
    return render(
        request,
        "pairing/team_detail.html",
        {
            "organisation": found.organisation,
            "programme": found,
            "open_applications": list(
                found.applications.filter(status__in=PeerApplication.OPEN).select_related("user")
            ),
            "volunteers": volunteers_of(found),
            "debriefs": list(
                Debrief.objects.filter(application__programme=found, done_on__isnull=True)
                .select_related("application__user")
                .order_by("asked_at")
            ),
            "requests": list(
                found.requests.filter(status=PeerRequest.Status.WAITING).select_related("theme")
            ),
            "past_applications": list(
                found.applications.filter(
                    status__in=[PeerApplication.Status.DECLINED, PeerApplication.Status.WITHDRAWN]
                ).select_related("user")[:50]
            ),
            "modules": list(found.modules.all()),
            "changes_to_do": found.changes.filter(status=Change.Status.ADOPTED).count(),
            "module_form": ModuleForm(),
            "due_weeks": DEBRIEF_DUE_AFTER.days // 7,
        },
    )


@require_POST
def team_module(request: HttpRequest, slug: str, programme_id: int) -> HttpResponse:
    found = access.team_programme(request, slug, programme_id)
    form = ModuleForm(request.POST)
    if form.is_valid():
        actions.add_module(found, form.cleaned_data)
        messages.success(request, _("Le module de formation est ajouté."))
    else:
        messages.error(request, _("Donnez un nom au module (120 signes au plus)."))
    return redirect("pairing:team_detail", slug=slug, programme_id=found.pk)


def _to_application(slug: str, application: PeerApplication) -> HttpResponse:
    """Back to the application's page, where the team acted."""
    return redirect(
        "pairing:team_application",
        slug=slug,
        programme_id=application.programme_id,
        application_id=application.pk,
    )


def application_page(
    request: HttpRequest, application: PeerApplication, **forms: Any
) -> HttpResponse:
    found = application.programme
    zone = found.time_zone
    initial_interview: dict[str, Any] = {}
    if application.interview_at:
        local = timezone.localtime(application.interview_at, zone)
        initial_interview = {
            "date": local.date(),
            "time": local.time(),
            "mode": application.interview_mode,
        }
    context = {
        "organisation": found.organisation,
        "programme": found,
        "application": application,
        "trainings": list(application.trainings.select_related("module")),
        "missing": application.missing_modules(),
        "debriefs": list(application.debriefs.all()),
        "interview_form": InterviewForm(zone=zone, initial=initial_interview, prefix="interview"),
        "notes_form": NotesForm(initial={"notes": application.interview_notes}),
        "decision_form": DecisionForm(criteria=found.criteria),
        "training_form": TrainingForm(
            programme=found, initial={"done_on": timezone.localdate()}, prefix="training"
        ),
        "today": timezone.localdate(),
        "verdicts": dict(Verdict.choices),
        "zone": zone,
    } | forms
    return render(request, "pairing/team_application.html", context)


@require_safe
def team_application(
    request: HttpRequest, slug: str, programme_id: int, application_id: int
) -> HttpResponse:
    application = access.team_application(request, slug, programme_id, application_id)
    return application_page(request, application)


@require_POST
def team_interview(
    request: HttpRequest, slug: str, programme_id: int, application_id: int
) -> HttpResponse:
    application = access.team_application(request, slug, programme_id, application_id)
    form = InterviewForm(request.POST, zone=application.programme.time_zone, prefix="interview")
    if form.is_valid():
        try:
            actions.schedule_interview(
                application,
                form.cleaned_data["when"],
                form.cleaned_data["mode"],
                by=signed_in(request),
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("L'entretien est prévu. La personne reçoit un e-mail."))
            return _to_application(slug, application)
    return application_page(request, application, interview_form=form)


@require_POST
def team_notes(
    request: HttpRequest, slug: str, programme_id: int, application_id: int
) -> HttpResponse:
    application = access.team_application(request, slug, programme_id, application_id)
    form = NotesForm(request.POST)
    if form.is_valid():
        actions.write_notes(application, form.cleaned_data["notes"])
        messages.success(request, _("Les notes sont enregistrées."))
        return _to_application(slug, application)
    return application_page(request, application, notes_form=form)


@require_POST
def team_decide(
    request: HttpRequest, slug: str, programme_id: int, application_id: int
) -> HttpResponse:
    application = access.team_application(request, slug, programme_id, application_id)
    form = DecisionForm(request.POST, criteria=application.programme.criteria)
    if form.is_valid():
        try:
            actions.decide(
                application,
                form.cleaned_data["outcome"],
                form.assessment(),
                form.cleaned_data["message"],
                by=signed_in(request),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, _("La décision est enregistrée. La personne reçoit votre message.")
            )
            return _to_application(slug, application)
    return application_page(request, application, decision_form=form)


@require_POST
def team_training(
    request: HttpRequest, slug: str, programme_id: int, application_id: int
) -> HttpResponse:
    application = access.team_application(request, slug, programme_id, application_id)
    form = TrainingForm(request.POST, programme=application.programme, prefix="training")
    if form.is_valid():
        try:
            actions.record_training(
                application,
                form.cleaned_data["module"],
                form.cleaned_data["done_on"],
                form.cleaned_data["trainer"],
                by=signed_in(request),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("La formation est notée."))
            return _to_application(slug, application)
    return application_page(request, application, training_form=form)


@require_POST
def team_debrief_done(
    request: HttpRequest, slug: str, programme_id: int, application_id: int, debrief_id: int
) -> HttpResponse:
    debrief = access.team_debrief(request, slug, programme_id, application_id, debrief_id)
    form = DebriefDoneForm(request.POST)
    if form.is_valid():
        actions.debrief_done(debrief, form.cleaned_data["done_on"], by=signed_in(request))
        messages.success(request, _("Le temps d'échange est noté comme fait."))
    else:
        messages.error(request, _("Choisissez la date du temps d'échange : aujourd'hui ou avant."))
    return redirect(
        "pairing:team_application",
        slug=slug,
        programme_id=programme_id,
        application_id=application_id,
    )


@require_safe
def team_request(
    request: HttpRequest, slug: str, programme_id: int, peer_request_id: int
) -> HttpResponse:
    found = access.team_request(request, slug, programme_id, peer_request_id)
    return render(
        request,
        "pairing/team_request.html",
        {
            "organisation": found.programme.organisation,
            "programme": found.programme,
            "peer_request": found,
        },
    )
