"""Attendance and the gentle follow-up: who came, and checking in on whoever did not.

Facilitators note who came once the meeting has started, and the decisions taken; members and
facilitators see the check-ins waiting (never one about themselves) and close the ones asked
of them.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.lib.refusals import Refused
from entraide.meetings import access
from entraide.meetings.attendance import actions
from entraide.meetings.attendance.forms import AttendanceForm
from entraide.meetings.models import FollowUp
from entraide.membership.models import Membership


@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Who came, and the decisions taken; absent members get a gentle check-in."""
    meeting, mine = access.meeting_to_run(request, slug, meeting_id)
    is_open = actions.attendance_open(meeting)
    people = actions.attendees(meeting)
    presence = dict(meeting.presences.values_list("user_id", "present"))
    form = AttendanceForm(
        request.POST or None,
        people=people,
        presence=presence,
        initial={"note": meeting.note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.take_attendance(
                meeting, form.presence(), form.cleaned_data["note"], by=mine
            )
        except Refused as refusal:
            messages.error(request, str(refusal.message))
            return redirect("meetings:attendance", slug=slug, meeting_id=meeting.pk)
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
        "meetings/attendance.html",
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
        (follow_up, actions.suggested_message(follow_up), actions.may_close(follow_up, mine))
        for follow_up in _open_follow_ups(mine)
    ]
    return render(request, "meetings/follow_ups.html", {"group": mine.group, "rows": rows})


@require_POST
def follow_up(request: HttpRequest, slug: str, follow_up_id: int) -> HttpResponse:
    """The volunteer (or a facilitator) says they checked in."""
    mine = access.member_side(request, slug)
    found = next((f for f in _open_follow_ups(mine) if f.pk == follow_up_id), None)
    if found is None or not actions.may_close(found, mine):
        raise Http404
    actions.close_follow_up(found, by=mine)
    messages.success(request, _("Merci d'avoir pris de ses nouvelles."))
    return redirect("meetings:follow_ups", slug=slug)
