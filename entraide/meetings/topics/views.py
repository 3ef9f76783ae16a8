"""Topics and votes, and outside speakers.

Everyone active reads the topics and may propose one (observers too, seed 003, step 7);
members and facilitators vote; facilitators plan them. Outside speakers are followed by whoever
took the speakers role, and by the facilitators.
"""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.meetings import access
from entraide.meetings.fields import upcoming
from entraide.meetings.models import Meeting, Speaker, Topic, TopicVote
from entraide.meetings.topics import actions
from entraide.meetings.topics.forms import PlanTopicForm, SpeakerForm, TopicForm
from entraide.membership import access as membership_access
from entraide.membership.models import Membership


def _takes_part(mine: Membership) -> bool:
    return mine.is_active and mine.role in access.TAKING_PART


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
                actions.propose_topic(mine, form.cleaned_data["title"], form.cleaned_data["detail"])
                messages.success(request, _("Merci pour ce sujet : le groupe peut voter pour lui."))
                return redirect("meetings:topics", slug=slug)
        elif action in ("plan", "done") and mine.is_facilitator:
            topic = _topic_of(mine, _int(request.POST.get("topic")))
            if action == "done":
                actions.topic_done(topic, by=mine)
                messages.success(request, _("Le sujet est noté comme abordé."))
                return redirect("meetings:topics", slug=slug)
            plan = PlanTopicForm(request.POST, meetings=meetings, prefix=f"t{topic.pk}")
            if plan.is_valid():
                actions.plan_topic(topic, plan.chosen(), by=mine)
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
        "meetings/topics.html",
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
    actions.vote(topic, mine, wants=request.POST.get("vote") != "withdraw")
    return redirect("meetings:topics", slug=slug)


def _speaker_handler(request: HttpRequest, slug: str) -> Membership:
    mine = access.member_side(request, slug)
    if not actions.handles_speakers(mine):
        raise Http404
    return mine


@require_http_methods(["GET", "POST"])
def speakers(request: HttpRequest, slug: str) -> HttpResponse:
    """Outside speakers (seed 000: e.g. a health professional), followed by the speakers role."""
    mine = access.member_side(request, slug)
    handles = actions.handles_speakers(mine)
    form = None
    if handles:
        form = SpeakerForm(
            request.POST or None,
            instance=Speaker(group=mine.group),
            meetings=upcoming(mine.group.meetings),
        )
        if request.method == "POST" and form.is_valid():
            actions.save_speaker(form.instance, by=mine)
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
        "meetings/speakers.html",
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
        actions.save_speaker(form.instance, by=mine)
        messages.success(request, _("C'est enregistré."))
        return redirect("meetings:speakers", slug=slug)
    return render(
        request, "meetings/speaker.html", {"group": mine.group, "form": form, "speaker": found}
    )
