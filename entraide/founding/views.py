"""The initiator's guided path: start a project, follow it stage by stage, run its first meetings.

Facilitators of the group-to-be act; its members and observers, and the people who registered
interest, follow a read-only version. Everyone else gets the same 404 as for a page that does
not exist (access.py).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.directory.models import SupportGroup
from entraide.founding import access, actions
from entraide.founding.access import Participation
from entraide.founding.forms import (
    AccompanimentForm,
    EmailInterestForm,
    GoBackForm,
    GroupForm,
    InterestForm,
    InterviewForm,
    SessionForm,
    SlotAnswerForm,
)
from entraide.founding.models import Initiative, Interest
from entraide.lib.refusals import Refused
from entraide.meetings.answers.actions import seated
from entraide.membership.models import Membership

Stage = Initiative.Stage


def in_progress(person: Any) -> list[Initiative]:
    """The projects a person takes part in that are not autonomous yet, unpublished ones too."""
    return list(
        Initiative.objects.filter(
            group__memberships__user=person,
            group__memberships__status=Membership.Status.ACTIVE,
        )
        .exclude(stage=Stage.AUTONOMOUS)
        .select_related("group")
        .order_by("group__name")
    )


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Créer un groupe: the four steps explained, then the group-to-be and the interview."""
    person = signed_in(request)
    data = request.POST if request.method == "POST" else None
    group_form = GroupForm(data)
    interview_form = InterviewForm(data)
    if request.method == "POST" and group_form.is_valid() and interview_form.is_valid():
        group = group_form.save(commit=False)
        initiative = actions.start_initiative(
            person,
            group,
            group_form.theme_ids(),
            interview_form.cleaned_data,
            new_theme=group_form.cleaned_data["new_theme"],
        )
        messages.success(
            request,
            _(
                "Votre projet de groupe est enregistré. Il n'est visible que de vous "
                "tant que vous ne passez pas à l'étape suivante."
            ),
        )
        return redirect("founding:overview", slug=initiative.group.slug)
    return render(
        request,
        "founding/start.html",
        {
            "group_form": group_form,
            "interview_form": interview_form,
            "projects": in_progress(person),
        },
    )


def stages_of(initiative: Initiative) -> list[dict[str, Any]]:
    """The five stages in order, each marked done, current or to come."""
    current = initiative.stage_number
    return [
        {
            "number": number,
            "label": label,
            "done": number < current,
            "current": number == current,
        }
        for number, (_value, label) in enumerate(Stage.choices, start=1)
    ]


def render_overview(
    request: HttpRequest, mine: Participation, back_form: GoBackForm | None = None
) -> HttpResponse:
    initiative = mine.initiative
    context: dict[str, Any] = {
        "mine": mine,
        "initiative": initiative,
        "group": initiative.group,
        "stages": stages_of(initiative),
        "stage_count": len(Stage.choices),
    }
    if mine.is_member:
        context.update(
            {
                "blockers": actions.blockers(initiative),
                "can_advance": initiative.stage not in (Stage.CHARTER, Stage.AUTONOMOUS),
                "can_go_back": initiative.stage not in (Stage.INTERVIEW, Stage.AUTONOMOUS),
                "people_count": actions.people_count(initiative),
                "history": initiative.stage_changes.select_related("by").order_by("-at", "-pk"),
                "back_form": back_form or GoBackForm(),
            }
        )
    return render(request, "founding/overview.html", context)


@require_safe
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Where are we: the five stages, what is missing, the way forward and the history."""
    return render_overview(request, access.participation(request, slug))


@require_http_methods(["GET", "POST"])
def interview(request: HttpRequest, slug: str) -> HttpResponse:
    """The motivation interview, saved as it stands: it may take several evenings."""
    initiative = access.running(request, slug)
    form = InterviewForm(request.POST or None, instance=Initiative.objects.get(pk=initiative.pk))
    if request.method == "POST" and form.is_valid():
        actions.update_interview(initiative, form.cleaned_data)
        messages.success(request, _("Vos réponses sont enregistrées."))
        if request.POST.get("next") == "overview":
            return redirect("founding:overview", slug=slug)
        return redirect("founding:interview", slug=slug)
    return render(
        request,
        "founding/interview.html",
        {"initiative": initiative, "group": initiative.group, "form": form},
    )


@require_http_methods(["GET", "POST"])
def edit_group(request: HttpRequest, slug: str) -> HttpResponse:
    """What the public will see of the group-to-be."""
    initiative = access.running(request, slug)
    # The form works on its own copy, so that a refused change never shows as the group's name.
    form = GroupForm(
        request.POST or None, instance=SupportGroup.objects.get(pk=initiative.group_id)
    )
    if request.method == "POST" and form.is_valid():
        actions.update_group(
            form.save(commit=False), form.theme_ids(), form.cleaned_data["new_theme"]
        )
        messages.success(request, _("La présentation du groupe est enregistrée."))
        return redirect("founding:overview", slug=slug)
    return render(
        request,
        "founding/edit_group.html",
        {"initiative": initiative, "group": initiative.group, "form": form},
    )


@require_http_methods(["GET", "POST"])
def accompaniment(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask an organisation to accompany the project, or go on without one."""
    initiative = access.running(request, slug)
    person = signed_in(request)
    may_ask = initiative.accompaniment in (
        Initiative.Accompaniment.NONE,
        Initiative.Accompaniment.DECLINED,
    )
    form = AccompanimentForm(request.POST if request.method == "POST" and may_ask else None)
    slot_form = SlotAnswerForm(
        request.POST if request.method == "POST" and "slot" in request.POST else None,
        initial={
            "answer": initiative.interview_slot_answer,
            "note": initiative.interview_slot_answer_note,
        },
    )
    if request.method == "POST":
        if "slot" in request.POST:
            if slot_form.is_valid():
                try:
                    actions.answer_interview_slot(
                        initiative,
                        slot_form.cleaned_data["answer"],
                        slot_form.cleaned_data["note"],
                        by=person,
                    )
                except Refused as refusal:
                    messages.error(request, refusal.message)
                else:
                    messages.success(
                        request, _("Votre réponse est envoyée aux coordinateur·rices.")
                    )
                return redirect("founding:accompaniment", slug=slug)
        elif "withdraw" in request.POST:
            if not may_ask:
                actions.withdraw_accompaniment(initiative, by=person)
                messages.success(
                    request,
                    _("C'est noté : vous continuez sans organisation, c'est tout à fait possible."),
                )
            return redirect("founding:accompaniment", slug=slug)
        if may_ask and form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                actions.request_accompaniment(
                    initiative, organisation, form.cleaned_data["message"], by=person
                )
            except Refused as refusal:
                messages.error(request, refusal.message)
                return redirect("founding:accompaniment", slug=slug)
            if actions.coordinators_of(organisation):
                said = _(
                    "Votre demande est envoyée à %(organisation)s. Ses coordinateur·rices vous "
                    "répondront par e-mail."
                )
            else:
                said = _(
                    "Votre demande est envoyée à l'adresse de contact de %(organisation)s, qui "
                    "n'a pas encore d'équipe sur Entraide. L'organisation vous répondra par "
                    "e-mail."
                )
            messages.success(request, said % {"organisation": organisation.name})
            return redirect("founding:accompaniment", slug=slug)
    return render(
        request,
        "founding/accompaniment.html",
        {
            "initiative": initiative,
            "group": initiative.group,
            "form": form,
            "slot_form": slot_form,
            "may_ask": may_ask,
        },
    )


@require_POST
def stage(request: HttpRequest, slug: str) -> HttpResponse:
    """Move on to the next stage when nothing is missing, or go back with a reason."""
    initiative = access.running(request, slug)
    person = signed_in(request)
    if request.POST.get("direction") == "back":
        form = GoBackForm(request.POST)
        if not form.is_valid():
            # Shown again with what was typed, rather than lost in a redirect.
            return render_overview(request, access.participation(request, slug), form)
        try:
            moved = actions.go_back(initiative, form.cleaned_data["reason"], by=person)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Vous êtes revenu·e à l'étape %(number)s : %(stage)s.")
                % {"number": moved.stage_number, "stage": moved.get_stage_display()},
            )
        return redirect("founding:overview", slug=slug)
    try:
        moved = actions.advance(initiative, by=person)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        text = _("Vous passez à l'étape %(number)s : %(stage)s.") % {
            "number": moved.stage_number,
            "stage": moved.get_stage_display(),
        }
        if moved.stage == Stage.RECRUITMENT:
            text += " " + _(
                "Le groupe apparaît maintenant dans l'annuaire comme « en création », "
                "avec un bouton « Ça m'intéresse »."
            )
        elif moved.stage == Stage.FOUNDING:
            text += " " + _("Les trois premières rencontres sont prêtes : donnez-leur une date.")
        messages.success(request, text)
    return redirect("founding:overview", slug=slug)


@require_safe
def sessions(request: HttpRequest, slug: str) -> HttpResponse:
    """The three first meetings; for facilitators, also who to invite."""
    mine = access.participation(request, slug)
    if not mine.sees_sessions:
        raise Http404
    initiative = mine.initiative
    founding_sessions = sorted(
        initiative.sessions.select_related("meeting"), key=lambda session: session.order
    )
    interested = actions.interested_people(initiative) if mine.runs_it else []
    return render(
        request,
        "founding/sessions.html",
        {
            "mine": mine,
            "initiative": initiative,
            "group": initiative.group,
            "sessions": [
                {
                    "session": session,
                    "coming": seated(session.meeting) if session.meeting is not None else 0,
                }
                for session in founding_sessions
            ],
            "interested": interested,
            "waiting_count": sum(
                1 for row in interested if row["interest"].invited_at is None and not row["joined"]
            )
            + initiative.email_interests.filter(
                confirmed_at__isnull=False, invited_at__isnull=True
            ).count(),
            "by_email": (
                initiative.email_interests.filter(confirmed_at__isnull=False).count()
                if mine.runs_it
                else 0
            ),
            "may_join": (
                not mine.is_member
                and mine.interest is not None
                and mine.interest.invited_at is not None
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def session(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """One founding session: its date in the group's time zone, its place, agenda and notes."""
    founding_session, mine = access.session_to_edit(request, slug, kind)
    initiative = founding_session.initiative
    form = SessionForm(request.POST or None, session=founding_session)
    if request.method == "POST" and form.is_valid():
        actions.schedule_session(founding_session, form.fields_to_save(), by=mine)
        messages.success(
            request,
            _("« %(session)s » est enregistrée.") % {"session": founding_session},
        )
        return redirect("founding:sessions", slug=slug)
    return render(
        request,
        "founding/session.html",
        {
            "initiative": initiative,
            "group": initiative.group,
            "session": founding_session,
            "form": form,
        },
    )


@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite everyone who registered interest and was not invited yet."""
    initiative = access.running(request, slug)
    try:
        count = actions.invite_interested(initiative, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d personne est invitée aux premières rencontres.",
                    "%(count)d personnes sont invitées aux premières rencontres.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Tout le monde est déjà invité : personne de nouveau."))
    return redirect("founding:sessions", slug=slug)


@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """An invited person joins the group being founded, as a member."""
    mine = access.participation(request, slug)
    if mine.is_member:
        return redirect("founding:overview", slug=slug)
    if mine.interest is None or mine.interest.invited_at is None:
        raise Http404
    try:
        actions.join_as_founder(mine.initiative, signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("founding:sessions", slug=slug)
    messages.success(
        request,
        _(
            "Bienvenue dans le groupe « %(group)s » ! Vous en êtes maintenant membre "
            "fondateur·rice : vous suivez ici la création du groupe."
        )
        % {"group": mine.initiative.group.name},
    )
    return redirect("founding:overview", slug=slug)


@require_http_methods(["GET", "POST"])
def interest(request: HttpRequest, slug: str) -> HttpResponse:
    """Ça m'intéresse: count me in for a group being founded, or take it back."""
    initiative = access.recruiting(slug)
    group = initiative.group
    person = signed_in(request)
    if group.memberships.filter(user=person, status=Membership.Status.ACTIVE).exists():
        return redirect("founding:overview", slug=slug)
    current = Interest.objects.filter(initiative=initiative, user=person).first()
    if request.method == "POST" and "withdraw" in request.POST:
        actions.withdraw_interest(initiative, person)
        messages.success(
            request, _("C'est noté : vous n'êtes plus inscrit·e pour ce groupe en création.")
        )
        return redirect(group.get_absolute_url())
    initial = {"message": current.message} if current else None
    form = InterestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.register_interest(initiative, person, form.cleaned_data["message"])
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _(
                    "Merci ! Vous êtes inscrit·e. Vous recevrez une invitation par e-mail "
                    "aux premières rencontres du groupe."
                ),
            )
        return redirect(group.get_absolute_url())
    return render(
        request,
        "founding/interest.html",
        {
            "initiative": initiative,
            "group": group,
            "form": form,
            "current": current,
            "people_count": actions.people_count(initiative),
        },
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def email_interest(request: HttpRequest, slug: str) -> HttpResponse:
    """Be told by e-mail when the group starts, without creating an account."""
    initiative = access.recruiting(slug)
    form = EmailInterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.ask_to_be_told(
                initiative, form.cleaned_data["email"], translation.get_language() or ""
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect(initiative.group.get_absolute_url())
        return render(request, "founding/email_interest_sent.html", {"group": initiative.group})
    return render(
        request,
        "founding/email_interest.html",
        {"initiative": initiative, "group": initiative.group, "form": form},
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def email_interest_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation e-mail: confirm the address, or ask to be forgotten."""
    pending = access.email_interest(token)
    group = pending.initiative.group
    if request.method == "POST":
        if "forget" in request.POST:
            actions.forget_email_interest(pending)
            messages.success(
                request, _("C'est fait : votre adresse est effacée, nous ne vous écrirons plus.")
            )
            return redirect(group.get_absolute_url())
        actions.confirm_email_interest(pending)
        return redirect("founding:email_interest_link", token=token)
    return render(
        request, "founding/email_interest_link.html", {"pending": pending, "group": group}
    )
