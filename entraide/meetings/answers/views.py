"""Saying whether one comes to a meeting, and choosing one's reminders."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.accounts.access import signed_in
from entraide.meetings import access, answers
from entraide.meetings import reminders as meeting_reminders
from entraide.meetings.answer_forms import AnswerForm, RemindersForm
from entraide.meetings.models import Answer
from entraide.membership import access as membership_access


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
        given = answers.answer(meeting, signed_in(request), form.cleaned_data["response"])
    except answers.AnswerRefused as refused:
        messages.error(request, refused.message)
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
        ) % {"position": answers.waiting_position(given)}
    return _("C'est noté : vous venez, une place vous est gardée.")


@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest, slug: str) -> HttpResponse:
    """My meeting reminders for this group: some days before, some hours before, or none."""
    mine = membership_access.own_membership(request, slug)
    form = RemindersForm(
        request.POST or None,
        initial={
            "days_before": mine.remind_days_before,
            "hours_before": mine.remind_hours_before,
        },
    )
    if request.method == "POST" and form.is_valid():
        meeting_reminders.set_reminders(
            mine,
            days_before=form.cleaned_data["days_before"],
            hours_before=form.cleaned_data["hours_before"],
        )
        messages.success(request, _("Vos rappels sont enregistrés."))
        return redirect("meetings:reminders", slug=slug)
    return render(request, "meetings/reminders.html", {"group": mine.group, "form": form})
