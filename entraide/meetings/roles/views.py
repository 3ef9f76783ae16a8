"""Around a meeting: agenda, roles, attendance, gentle follow-up, topics and outside speakers.

Observers (seed 003: they come to listen first) read the agenda, the roles and the topics, and
may propose a topic (seed 003, step 7); members and facilitators take roles and vote;
facilitators edit the agenda, assign roles, take attendance and plan topics.
"""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.meetings import access, life
from entraide.meetings.agendas import suggested_agenda
from entraide.meetings.life_forms import (
    AgendaForm,
    AttendanceForm,
    OffersForm,
    PlanTopicForm,
    RolesForm,
    SpeakerForm,
    TopicForm,
    upcoming,
)
from entraide.meetings.models import FollowUp, Meeting, RoleAssignment, Speaker, Topic, TopicVote
from entraide.membership import access as membership_access
from entraide.membership.models import Membership


def _takes_part(mine: Membership) -> bool:
    return mine.is_active and mine.role in life.TAKING_PART


@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The meeting's agenda: pre-filled from seed 000 until the facilitators write their own."""
    meeting, mine = access.meeting_for(request, slug, meeting_id)
    suggested = suggested_agenda(meeting)
    form = None
    if mine.is_facilitator:
        form = AgendaForm(request.POST or None, initial={"agenda": meeting.agenda or suggested})
        if request.method == "POST" and form.is_valid():
            life.set_agenda(meeting, form.cleaned_data["agenda"], by=mine)
            messages.success(request, _("Le déroulé est enregistré."))
            return redirect("meetings:agenda", slug=slug, meeting_id=meeting.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "meetings/life_agenda.html",
        {
            "group": mine.group,
            "meeting": meeting,
            "mine": mine,
            "text": meeting.agenda or suggested,
            "is_suggestion": not meeting.agenda,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def roles(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Who does what at this meeting; the facilitators assign, with a fair rotation suggested."""
    meeting, mine = access.meeting_for(request, slug, meeting_id)
    if request.method == "POST" and not mine.is_facilitator:
        raise Http404
    assigned = {
        assignment.role: assignment.user
        for assignment in RoleAssignment.objects.filter(meeting=meeting).select_related("user")
    }
    form = None
    suggestion: dict[str, object] = {}
    if mine.is_facilitator:
        volunteers = {
            role: life.volunteers_for(meeting.group, role) for role in life.ROTATING_ROLES
        }
        rotation = life.suggest_rotation(meeting)
        suggestion = {role: person for role, person in rotation.items() if person is not None}
        initial = {
            role: str(person.pk)
            for role, person in {**rotation, **assigned}.items()
            if person is not None and role in life.ROTATING_ROLES
        }
        form = RolesForm(request.POST or None, volunteers=volunteers, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                life.assign_roles(meeting, form.assignments(), by=mine)
            except life.NotAVolunteer:
                form.add_error(None, _("On ne donne un rôle qu'à qui l'a choisi."))
            else:
                messages.success(request, _("Les rôles sont enregistrés. Tout le groupe les voit."))
                return redirect("meetings:roles", slug=slug, meeting_id=meeting.pk)
    rows = [
        (life.role_label(role), assigned.get(role), suggestion.get(role))
        for role in life.ROTATING_ROLES
    ]
    return render(
        request,
        "meetings/life_roles.html",
        {"group": mine.group, "meeting": meeting, "mine": mine, "rows": rows, "form": form},
    )


@require_http_methods(["GET", "POST"])
def volunteer(request: HttpRequest, slug: str) -> HttpResponse:
    """The roles I am willing to take in turn; and who does what at the next meeting."""
    mine = access.member_side(request, slug)
    form = OffersForm(request.POST or None, initial={"roles": sorted(life.offers_of(mine))})
    if request.method == "POST" and form.is_valid():
        life.set_offers(mine, form.cleaned_data["roles"])
        messages.success(request, _("C'est noté. Merci de partager les tâches du groupe."))
        return redirect("meetings:volunteer", slug=slug)
    next_meeting = upcoming(mine.group.meetings)[:1]
    coming = next_meeting[0] if next_meeting else None
    assigned = {a.role: a.user for a in coming.roles.select_related("user")} if coming else {}
    return render(
        request,
        "meetings/life_volunteer.html",
        {
            "group": mine.group,
            "form": form,
            "coming": coming,
            "rows": [(life.role_label(role), assigned.get(role)) for role in life.ROTATING_ROLES],
        },
    )


@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Who came, and the decisions taken; absent members get a gentle check-in."""
    meeting, mine = access.meeting_to_run(request, slug, meeting_id)
    is_open = life.attendance_open(meeting)
    people = life.attendees(meeting)
    presence = dict(meeting.presences.values_list("user_id", "present"))
    form = AttendanceForm(
        request.POST or None,
        people=people,
        presence=presence,
        initial={"note": meeting.note},
    )
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("Les présences se notent une fois la rencontre commencée."))
            return redirect("meetings:attendance", slug=slug, meeting_id=meeting.pk)
        if form.is_valid():
            created = life.take_attendance(
                meeting, form.presence(), form.cleaned_data["note"], by=mine
            )
            if created:
                messages.success(
                    request,
                    _(
                        "Les présences sont notées. Une personne volontaire est invitée à prendre "
                        "des nouvelles de qui n'a pas pu venir."
                    ),
                )
            else:
                messages.success(request, _("Les présences sont notées."))
            return redirect("meetings:attendance", slug=slug, meeting_id=meeting.pk)
    return render(
        request,
        "meetings/life_attendance.html",
        {"group": mine.group, "meeting": meeting, "form": form, "is_open": is_open},
    )


def _open_follow_ups(mine: Membership) -> list[FollowUp]:
    """The group's open check-ins, except any about me: nobody sees their own."""
    return list(
        FollowUp.objects.filter(meeting__group=mine.group, status=FollowUp.Status.WAITING)
        .exclude(member=mine.user)
        .select_related("meeting", "meeting__group", "member", "volunteer")
        .order_by("meeting__starts_at", "member__display_name")
    )


@require_safe
def follow_ups(request: HttpRequest, slug: str) -> HttpResponse:
    """Check-ins waiting to be done, with a suggested message that never reproaches."""
    mine = access.member_side(request, slug)
    rows = [
        (follow_up, life.suggested_message(follow_up), life.may_close(follow_up, mine))
        for follow_up in _open_follow_ups(mine)
    ]
    return render(request, "meetings/life_follow_ups.html", {"group": mine.group, "rows": rows})


@require_POST
def follow_up(request: HttpRequest, slug: str, follow_up_id: int) -> HttpResponse:
    """The volunteer (or a facilitator) says they checked in."""
    mine = access.member_side(request, slug)
    found = next((f for f in _open_follow_ups(mine) if f.pk == follow_up_id), None)
    if found is None or not life.may_close(found, mine):
        raise Http404
    life.close_follow_up(found, by=mine)
    messages.success(request, _("Merci d'avoir pris de ses nouvelles."))
    return redirect("meetings:follow_ups", slug=slug)


def _topic_of(mine: Membership, topic_id: int) -> Topic:
    try:
        return Topic.objects.get(pk=topic_id, group=mine.group)
    except Topic.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def topics(request: HttpRequest, slug: str) -> HttpResponse:
    """Topics for coming meetings, most wanted first; facilitators plan them."""
    mine = membership_access.own_membership(request, slug)
    group = mine.group
    meetings = upcoming(group.meetings)
    form = TopicForm()
    if request.method == "POST":
        action = request.POST.get("action", "propose")
        if action == "propose":
            form = TopicForm(request.POST)
            if form.is_valid():
                life.propose_topic(mine, form.cleaned_data["title"], form.cleaned_data["detail"])
                messages.success(request, _("Merci pour ce sujet : le groupe peut voter pour lui."))
                return redirect("meetings:topics", slug=slug)
        elif action in ("plan", "done") and mine.is_facilitator:
            topic = _topic_of(mine, _int(request.POST.get("topic")))
            if action == "done":
                life.topic_done(topic, by=mine)
                messages.success(request, _("Le sujet est noté comme abordé."))
                return redirect("meetings:topics", slug=slug)
            plan = PlanTopicForm(request.POST, meetings=meetings, prefix=f"t{topic.pk}")
            if plan.is_valid():
                life.plan_topic(topic, plan.chosen(), by=mine)
                messages.success(request, _("C'est noté."))
            else:
                messages.error(request, _("Choisissez une des prochaines rencontres."))
            return redirect("meetings:topics", slug=slug)
        else:
            raise Http404
    listed = (
        Topic.objects.filter(group=group)
        .exclude(status=Topic.Status.DONE)
        .annotate(
            vote_count=Count("votes"),
            voted=Exists(TopicVote.objects.filter(topic=OuterRef("pk"), user=mine.user)),
        )
        .select_related("meeting", "meeting__group", "proposed_by")
        .order_by("-vote_count", "created_at", "pk")
    )
    done = Topic.objects.filter(group=group, status=Topic.Status.DONE).order_by("-created_at")[:20]
    rows = [
        (
            topic,
            PlanTopicForm(
                initial={"meeting": str(topic.meeting_id or "")},
                meetings=meetings,
                prefix=f"t{topic.pk}",
            )
            if mine.is_facilitator
            else None,
        )
        for topic in listed
    ]
    return render(
        request,
        "meetings/life_topics.html",
        {
            "group": group,
            "mine": mine,
            "form": form,
            "rows": rows,
            "done": done,
            "may_vote": _takes_part(mine),
        },
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise Http404 from None


@require_POST
def vote(request: HttpRequest, slug: str, topic_id: int) -> HttpResponse:
    """One vote per person and topic; the same button takes it back."""
    mine = access.member_side(request, slug)
    topic = _topic_of(mine, topic_id)
    if topic.status == Topic.Status.DONE:
        raise Http404
    life.vote(topic, mine, wants=request.POST.get("vote") != "withdraw")
    return redirect("meetings:topics", slug=slug)


def _speaker_handler(request: HttpRequest, slug: str) -> Membership:
    mine = access.member_side(request, slug)
    if not life.handles_speakers(mine):
        raise Http404
    return mine


@require_http_methods(["GET", "POST"])
def speakers(request: HttpRequest, slug: str) -> HttpResponse:
    """Outside speakers (seed 000: e.g. a health professional), followed by the speakers role."""
    mine = access.member_side(request, slug)
    handles = life.handles_speakers(mine)
    form = None
    if handles:
        form = SpeakerForm(
            request.POST or None,
            instance=Speaker(group=mine.group),
            meetings=upcoming(mine.group.meetings),
        )
        if request.method == "POST" and form.is_valid():
            life.save_speaker(form.instance, by=mine)
            messages.success(request, _("L'intervenant·e est ajouté·e."))
            return redirect("meetings:speakers", slug=slug)
    elif request.method == "POST":
        raise Http404
    listed = (
        Speaker.objects.filter(group=mine.group)
        .select_related("meeting", "meeting__group", "handled_by")
        .order_by("status", "name")
    )
    return render(
        request,
        "meetings/life_speakers.html",
        {"group": mine.group, "form": form, "speakers": listed, "handles": handles},
    )


@require_http_methods(["GET", "POST"])
def speaker(request: HttpRequest, slug: str, speaker_id: int) -> HttpResponse:
    """Follow one speaker: to ask, asked, confirmed or declined, came."""
    mine = _speaker_handler(request, slug)
    try:
        found = Speaker.objects.select_related("meeting").get(pk=speaker_id, group=mine.group)
    except Speaker.DoesNotExist:
        raise Http404 from None
    meetings: list[Meeting] = upcoming(mine.group.meetings)
    if found.meeting is not None and found.meeting not in meetings:
        meetings.insert(0, found.meeting)
    form = SpeakerForm(request.POST or None, instance=found, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        life.save_speaker(form.instance, by=mine)
        messages.success(request, _("C'est enregistré."))
        return redirect("meetings:speakers", slug=slug)
    return render(
        request, "meetings/life_speaker.html", {"group": mine.group, "form": form, "speaker": found}
    )
