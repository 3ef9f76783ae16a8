"""Shared roles: who does what at a meeting, and the roles I am willing to take in turn.

Observers (seed 003: they come to listen first) read the roles; members and facilitators offer
to take them; facilitators assign them, with a fair rotation suggested.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.lib.refusals import Refused
from entraide.meetings import access
from entraide.meetings.fields import upcoming
from entraide.meetings.models import RoleAssignment
from entraide.meetings.roles import actions
from entraide.meetings.roles.forms import OffersForm, RolesForm


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
            role: actions.volunteers_for(meeting.group, role) for role in actions.ROTATING_ROLES
        }
        rotation = actions.suggest_rotation(meeting)
        suggestion = {role: person for role, person in rotation.items() if person is not None}
        initial = {
            role: str(person.pk)
            for role, person in {**rotation, **assigned}.items()
            if person is not None and role in actions.ROTATING_ROLES
        }
        form = RolesForm(request.POST or None, volunteers=volunteers, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                actions.assign_roles(meeting, form.assignments(), by=mine)
            except Refused as refusal:
                form.add_error(None, str(refusal.message))
            else:
                messages.success(request, _("Les rôles sont enregistrés. Tout le groupe les voit."))
                return redirect("meetings:roles", slug=slug, meeting_id=meeting.pk)
    rows = [
        (actions.role_label(role), assigned.get(role), suggestion.get(role))
        for role in actions.ROTATING_ROLES
    ]
    return render(
        request,
        "meetings/roles.html",
        {"group": mine.group, "meeting": meeting, "mine": mine, "rows": rows, "form": form},
    )


@require_http_methods(["GET", "POST"])
def volunteer(request: HttpRequest, slug: str) -> HttpResponse:
    """The roles I am willing to take in turn; and who does what at the next meeting."""
    mine = access.member_side(request, slug)
    form = OffersForm(request.POST or None, initial={"roles": sorted(actions.offers_of(mine))})
    if request.method == "POST" and form.is_valid():
        actions.set_offers(mine, form.cleaned_data["roles"])
        messages.success(request, _("C'est noté. Merci de partager les tâches du groupe."))
        return redirect("meetings:volunteer", slug=slug)
    next_meeting = upcoming(mine.group.meetings)[:1]
    coming = next_meeting[0] if next_meeting else None
    assigned = {a.role: a.user for a in coming.roles.select_related("user")} if coming else {}
    return render(
        request,
        "meetings/volunteer.html",
        {
            "group": mine.group,
            "form": form,
            "coming": coming,
            "rows": [
                (actions.role_label(role), assigned.get(role)) for role in actions.ROTATING_ROLES
            ],
        },
    )
