"""My meeting reminders for a group: some days before, some hours before, or none."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entraide.meetings.reminders import actions
from entraide.meetings.reminders.forms import RemindersForm
from entraide.membership import access as membership_access


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
        actions.set_reminders(
            mine,
            days_before=form.cleaned_data["days_before"],
            hours_before=form.cleaned_data["hours_before"],
        )
        messages.success(request, _("Vos rappels sont enregistrés."))
        return redirect("meetings:reminders", slug=slug)
    return render(request, "meetings/reminders.html", {"group": mine.group, "form": form})
