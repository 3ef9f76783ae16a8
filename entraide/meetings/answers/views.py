"""Saying whether one comes to a meeting, from its page; what that page shows of the answers."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entraide.accounts.access import signed_in
from entraide.lib.refusals import Refused
from entraide.meetings import access
from entraide.meetings.answers import actions
from entraide.meetings.answers.forms import AnswerForm
from entraide.meetings.models import Answer, Meeting
from entraide.membership.models import Membership


@require_POST
def answer(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Coming, maybe or not coming, from the meeting's page; back to it with what it means."""
    meeting, _mine = access.meeting_for(request, slug, meeting_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choisissez une réponse : je viens, peut-être ou je ne viens pas.")
        )
        return redirect("meetings:detail", slug=slug, meeting_id=meeting.pk)
    try:
        given = actions.answer(meeting, signed_in(request), form.cleaned_data["response"])
    except Refused as refusal:
        messages.error(request, str(refusal.message))
    else:
        messages.success(request, _said(given))
    return redirect("meetings:detail", slug=slug, meeting_id=meeting.pk)


def _said(given: Answer) -> str:
    if given.response == Answer.Response.MAYBE:
        return _(
            "C'est noté : peut-être. Une réponse « peut-être » ne garde pas de place ; "
            "dites « je viens » quand vous saurez."
        )
    if given.response == Answer.Response.NOT_COMING:
        return _("C'est noté : vous ne venez pas. Merci de l'avoir dit, à une prochaine fois.")
    if given.waiting:
        return _(
            "La rencontre est complète : vous êtes n° %(position)d sur la liste d'attente. "
            "Si une place se libère, elle est pour vous dans l'ordre et vous recevrez un e-mail."
        ) % {"position": actions.waiting_position(given)}
    return _("C'est noté : vous venez, une place vous est gardée.")


def answer_context(meeting: Meeting, mine: Membership) -> dict[str, Any]:
    """What the meeting page needs to show the answers and the form (answer_form.html)."""
    my_answer = Answer.objects.filter(meeting=meeting, user=mine.user).first()
    capacity = actions.capacity_of(meeting)
    answers = list(meeting.answers.select_related("user").order_by("answered_at", "pk"))
    taken = sum(1 for a in answers if a.response == Answer.Response.COMING and not a.waiting)
    return {
        "my_answer": my_answer,
        "my_position": actions.waiting_position(my_answer) if my_answer else None,
        "capacity": capacity,
        "seats_taken": taken,
        "seats_left": None if capacity is None else max(capacity - taken, 0),
        "waiting_count": sum(1 for a in answers if a.waiting),
        # Names are for members and facilitators only, like the member list (seed 003).
        "answers": answers if mine.sees_members else [],
        "answer_form": AnswerForm(initial={"response": my_answer.response if my_answer else None}),
        "answers_open": not meeting.is_cancelled and meeting.starts_at > timezone.now(),
    }
