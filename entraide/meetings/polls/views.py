"""Choosing a date together: the group's polls, one poll with its answers, turning a date into a
meeting. Everyone active in the group reads; members and facilitators answer and propose;
facilitators and the poll's author choose."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.meetings import access
from entraide.meetings.models import DatePoll
from entraide.meetings.polls import actions
from entraide.meetings.polls.forms import FIRST_ROWS, MAX_OPTIONS, AnswerForm, ChooseForm, PollForm
from entraide.membership import access as membership_access
from entraide.membership.models import Membership


def poll_of(mine: Membership, poll_id: int) -> DatePoll:
    """A poll of the group this membership belongs to; 404 otherwise."""
    try:
        return DatePoll.objects.select_related("group", "meeting", "created_by").get(
            pk=poll_id, group=mine.group
        )
    except DatePoll.DoesNotExist:
        raise Http404 from None


def may_choose(mine: Membership, poll: DatePoll) -> bool:
    return mine.sees_members and (mine.is_facilitator or poll.created_by_id == mine.user_id)


def rows_asked(request: HttpRequest) -> int:
    """How many empty date rows to show: more when the person asked for more."""
    try:
        rows = int(request.POST.get("rows", FIRST_ROWS))
    except ValueError:
        rows = FIRST_ROWS
    return MAX_OPTIONS if "more" in request.POST else rows


@require_http_methods(["GET", "POST"])
def polls(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's date polls, open then closed; members and facilitators may start one."""
    if request.method == "POST":
        mine = access.member_side(request, slug)
    else:
        mine = membership_access.own_membership(request, slug)
    group = mine.group
    data = request.POST if request.method == "POST" else None
    form = (
        PollForm(data, zone=group.time_zone, rows=rows_asked(request))
        if mine.sees_members
        else None
    )
    if form is not None and request.method == "POST" and "more" not in request.POST:
        if form.is_valid():
            poll = actions.start_poll(
                mine,
                title=form.cleaned_data["title"],
                duration_minutes=form.cleaned_data["duration_minutes"],
                starts=form.cleaned_data["starts"],
            )
            messages.success(
                request, _("Le sondage est ouvert. Vous pouvez donner vos réponses tout de suite.")
            )
            return redirect("meetings:poll", slug=group.slug, poll_id=poll.pk)
    elif form is not None and "more" in request.POST:
        # Asking for more rows is not a submission: show the rows without any error.
        form.errors.clear()
    all_polls = group.date_polls.select_related("meeting").prefetch_related("options")
    return render(
        request,
        "meetings/polls.html",
        {
            "group": group,
            "mine": mine,
            "form": form,
            "open_polls": all_polls.filter(status=DatePoll.Status.OPEN).order_by("-created_at"),
            "closed_polls": all_polls.filter(status=DatePoll.Status.CLOSED).order_by("-created_at"),
            "max_options": MAX_OPTIONS,
        },
    )


@require_http_methods(["GET", "POST"])
def poll(request: HttpRequest, slug: str, poll_id: int) -> HttpResponse:
    """One poll: each date with who answered what, the best one highlighted, and my answers."""
    if request.method == "POST":
        mine = access.member_side(request, slug)
    else:
        mine = membership_access.own_membership(request, slug)
    found = poll_of(mine, poll_id)
    options = list(found.options.all())
    form = None
    if mine.sees_members and found.status == DatePoll.Status.OPEN:
        form = AnswerForm(
            request.POST if request.method == "POST" else None,
            options=options,
            mine=actions.my_answers(found, mine.user),
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Ce sondage est clos : les réponses ne changent plus."))
            return redirect("meetings:poll", slug=slug, poll_id=found.pk)
        if form.is_valid():
            if actions.answer(found, mine.user, form.choices()):
                messages.success(request, _("Merci, vos réponses sont enregistrées."))
            else:
                messages.error(request, _("Ce sondage est clos : les réponses ne changent plus."))
            return redirect("meetings:poll", slug=slug, poll_id=found.pk)
    result = actions.results(found)
    answer_rows = (
        [(option, form[f"option_{option.pk}"]) for option in options] if form is not None else []
    )
    return render(
        request,
        "meetings/poll.html",
        {
            "group": mine.group,
            "mine": mine,
            "poll": found,
            "results": result,
            "form": form,
            "answer_rows": answer_rows,
            "may_choose": may_choose(mine, found) and found.status == DatePoll.Status.OPEN,
        },
    )


@require_POST
def choose(request: HttpRequest, slug: str, poll_id: int) -> HttpResponse:
    """A facilitator or the poll's author turns a date into a meeting; the poll closes."""
    mine = access.member_side(request, slug)
    found = poll_of(mine, poll_id)
    if not may_choose(mine, found):
        raise Http404
    if found.status != DatePoll.Status.OPEN:
        messages.info(request, _("Ce sondage est déjà clos : la date a été choisie."))
        return redirect("meetings:poll", slug=slug, poll_id=found.pk)
    form = ChooseForm(request.POST, poll=found)
    if not form.is_valid():
        for error in form["option"].errors:
            messages.error(request, str(error))
        return redirect("meetings:poll", slug=slug, poll_id=found.pk)
    meeting = actions.choose(found, form.cleaned_data["option"], by=mine)
    if meeting is None:
        messages.info(request, _("Ce sondage est déjà clos : la date a été choisie."))
    else:
        messages.success(
            request,
            _("La rencontre est prévue. Les membres du groupe sont prévenus par e-mail."),
        )
    return redirect("meetings:poll", slug=slug, poll_id=found.pk)
