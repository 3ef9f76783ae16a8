"""A meeting's agenda: everyone in the group reads it, the facilitators write it."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.meetings import access
from entraide.meetings.agendas import actions
from entraide.meetings.agendas.forms import AgendaForm


@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The meeting's agenda: pre-filled from seed 000 until the facilitators write their own."""
    meeting, mine = access.meeting_for(request, slug, meeting_id)
    suggested = actions.suggested_agenda(meeting)
    form = None
    if mine.is_facilitator:
        form = AgendaForm(request.POST or None, initial={"agenda": meeting.agenda or suggested})
        if request.method == "POST" and form.is_valid():
            actions.set_agenda(meeting, form.cleaned_data["agenda"], by=mine)
            messages.success(request, _("Le déroulé est enregistré."))
            return redirect("meetings:agenda", slug=slug, meeting_id=meeting.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "meetings/agenda.html",
        {
            "group": mine.group,
            "meeting": meeting,
            "mine": mine,
            "text": meeting.agenda or suggested,
            "is_suggestion": not meeting.agenda,
            "form": form,
        },
    )
