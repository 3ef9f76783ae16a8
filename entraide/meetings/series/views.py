"""The group's meetings: the list, one meeting, the usual rhythm, exceptions and hosting.

Everyone active in the group sees the meetings; the address and the link follow
access.sees_the_place. Facilitators set the rhythm, add, move or cancel a meeting. Hosting at
home in turn is answered here too (`host`), from the meeting's page that it shows again when a
form is wrong; its rules and forms are in `meetings.hosts`.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.directory.models import SupportGroup
from entraide.meetings import access
from entraide.meetings.answers.views import answer_context
from entraide.meetings.display import shown, usual_place
from entraide.meetings.hosts import actions as host_actions
from entraide.meetings.hosts.forms import HostConfirmForm, SuggestHostForm
from entraide.meetings.models import Meeting, Venue
from entraide.meetings.series import actions
from entraide.meetings.series.forms import AddMeetingForm, DetailsForm, SeriesForm, WhenForm
from entraide.membership import access as membership_access
from entraide.membership.models import Membership

PAST_SHOWN = 3


@require_safe
def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    """The coming meetings, and the last few, in the group's time zone."""
    mine = membership_access.own_membership(request, slug)
    group = mine.group
    now = timezone.now()
    every = group.meetings.select_related("series", "host")
    upcoming = list(every.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    past = list(every.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:PAST_SHOWN])
    return render(
        request,
        "meetings/list.html",
        {
            "group": group,
            "mine": mine,
            "series": group.active_series(),
            "upcoming": [shown(m, mine) for m in upcoming],
            "past": [shown(m, mine) for m in reversed(past)],
        },
    )


def _initial_from_directory(group: SupportGroup) -> dict[str, Any]:
    """A first series from what the directory says of the group, to change as needed."""
    venues = {
        SupportGroup.Format.IN_PERSON: Venue.FIXED,
        SupportGroup.Format.ONLINE: Venue.ONLINE,
        SupportGroup.Format.HYBRID: Venue.HYBRID,
    }
    known = group.frequency != SupportGroup.Frequency.IRREGULAR
    return {
        "rhythm": group.frequency if known else "",
        "weekday": group.weekday,
        "nth": group.week_of_month,
        "day": group.day_of_month,
        "starts_on": timezone.localdate(timezone=group.time_zone),
        "start_time": group.start_time,
        "end_time": group.end_time,
        "venue": venues.get(SupportGroup.Format(group.format), Venue.FIXED),
        "place": group.meeting_place,
    }


@require_http_methods(["GET", "POST"])
def series(request: HttpRequest, slug: str) -> HttpResponse:
    """The usual rhythm and place; saving it plans the coming meetings."""
    mine = membership_access.facilitation(request, slug)
    group = mine.group
    current = group.active_series()
    form = SeriesForm(
        request.POST or None,
        series=current,
        initial=None if current else _initial_from_directory(group),
    )
    if request.method == "POST" and form.is_valid():
        actions.save_series(group, form.cleaned_data, by=mine)
        messages.success(
            request,
            _("Le rythme est enregistré et les prochaines rencontres sont prévues."),
        )
        return redirect("meetings:list", slug=slug)
    return render(
        request, "meetings/series.html", {"group": group, "form": form, "current": current}
    )


@require_http_methods(["GET", "POST"])
def add_meeting(request: HttpRequest, slug: str) -> HttpResponse:
    """An extra meeting, outside the usual rhythm."""
    mine = membership_access.facilitation(request, slug)
    group = mine.group
    place, link = usual_place(group)
    form = AddMeetingForm(
        request.POST or None, zone=group.time_zone, initial={"place": place, "online_link": link}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = actions.add_meeting(
            group,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            online_link=data["online_link"],
            capacity=data["capacity"],
            by=mine,
        )
        messages.success(request, _("La rencontre est ajoutée et les membres sont prévenus."))
        return redirect("meetings:detail", slug=slug, meeting_id=added.pk)
    return render(request, "meetings/add.html", {"group": group, "form": form})


def _meeting_page(
    request: HttpRequest,
    found: Meeting,
    mine: Membership,
    *,
    confirm_form: HostConfirmForm | None = None,
    suggest_form: SuggestHostForm | None = None,
    status: int = 200,
) -> HttpResponse:
    seen = shown(found, mine)
    is_my_turn = found.host_id == mine.user_id and not found.is_cancelled
    is_past = found.ends_at < timezone.now()
    # Hosting at home: the person asked answers, a facilitator asks; only on a coming meeting.
    hosting = seen.is_rotation and mine.sees_members and not is_past and not found.is_cancelled
    hosts = host_actions.possible_hosts(found.group) if hosting and mine.is_facilitator else []
    return render(
        request,
        "meetings/meeting.html",
        {
            "group": found.group,
            "mine": mine,
            "meeting": found,
            "shown": seen,
            "is_my_turn": is_my_turn,
            "is_past": is_past,
            "hosting": hosting,
            "fair_order": host_actions.hosts_in_fair_order(found) if hosts else [],
            "confirm_form": confirm_form
            or HostConfirmForm(initial={"address": found.place if found.host_confirmed else ""}),
            "suggest_form": suggest_form or SuggestHostForm(hosts=hosts),
            **answer_context(found, mine),
        },
        status=status,
    )


@require_safe
def meeting(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """One meeting: when, where (for those who may know), who hosts, and the answers."""
    found, mine = access.meeting_for(request, slug, meeting_id)
    return _meeting_page(request, found, mine)


@require_http_methods(["GET", "POST"])
def edit_meeting(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Move, cancel (or take place after all), change the place or the number of places."""
    found, mine = access.meeting_to_run(request, slug, meeting_id)
    zone = found.group.time_zone
    when_initial = WhenForm.initial_for(found.starts_at, found.ends_at, zone)
    details_initial = {
        "place": found.place,
        "online_link": found.online_link,
        "capacity": found.capacity,
    }
    what = request.POST.get("what") if request.method == "POST" else None
    when_form = WhenForm(
        request.POST if what == "move" else None, zone=zone, initial=when_initial, prefix="when"
    )
    details_form = DetailsForm(
        request.POST if what == "details" else None, initial=details_initial, prefix="details"
    )
    if what == "cancel":
        actions.cancel_meeting(found, by=mine)
        messages.success(request, _("La rencontre est annulée et les membres sont prévenus."))
        return redirect("meetings:detail", slug=slug, meeting_id=found.pk)
    if what == "reinstate":
        actions.reinstate_meeting(found, by=mine)
        messages.success(request, _("La rencontre aura lieu et les membres sont prévenus."))
        return redirect("meetings:detail", slug=slug, meeting_id=found.pk)
    if what == "move" and when_form.is_valid():
        actions.move_meeting(
            found,
            starts_at=when_form.cleaned_data["starts_at"],
            ends_at=when_form.cleaned_data["ends_at"],
            by=mine,
        )
        messages.success(request, _("La rencontre est déplacée et les membres sont prévenus."))
        return redirect("meetings:detail", slug=slug, meeting_id=found.pk)
    if what == "details" and details_form.is_valid():
        data = details_form.cleaned_data
        actions.change_details(
            found,
            place=data["place"],
            online_link=data["online_link"],
            capacity=data["capacity"],
            by=mine,
        )
        messages.success(request, _("C'est enregistré."))
        return redirect("meetings:detail", slug=slug, meeting_id=found.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/edit.html",
        {
            "group": found.group,
            "meeting": found,
            "shown": shown(found, mine),
            "when_form": when_form,
            "details_form": details_form,
        },
        status=status,
    )


@require_POST
def host(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Hosting at home in turn, from the meeting's page: the person asked confirms with their
    address, or declines; a facilitator asks someone (the fairest by default). Others: 404."""
    found, mine = access.meeting_for(request, slug, meeting_id)
    person = signed_in(request)
    is_asked = found.host_id == person.pk and not found.is_cancelled and mine.sees_members
    if not (is_asked or mine.is_facilitator):
        raise Http404
    what = request.POST.get("what")
    back = redirect("meetings:detail", slug=slug, meeting_id=found.pk)
    if what in ("confirm", "decline") and not is_asked:
        raise Http404
    if what == "suggest" and not mine.is_facilitator:
        raise Http404
    if what == "confirm":
        confirm_form = HostConfirmForm(request.POST)
        if not confirm_form.is_valid():
            return _meeting_page(request, found, mine, confirm_form=confirm_form, status=400)
        host_actions.confirm_host(found, address=confirm_form.cleaned_data["address"], by=person)
        messages.success(
            request, _("Merci d'accueillir le groupe ! Les membres verront l'adresse.")
        )
        return back
    if what == "decline":
        next_host = host_actions.decline_host(found, by=person)
        if next_host is None:
            messages.success(
                request,
                _(
                    "C'est noté, merci de l'avoir dit. Les personnes qui animent le groupe "
                    "chercheront un autre lieu."
                ),
            )
        else:
            messages.success(
                request,
                _("C'est noté, merci de l'avoir dit. %(name)s est sollicité·e à votre place.")
                % {"name": next_host.display_name},
            )
        return back
    suggest_form = SuggestHostForm(request.POST, hosts=host_actions.possible_hosts(found.group))
    if what != "suggest" or not suggest_form.is_valid():
        return _meeting_page(request, found, mine, suggest_form=suggest_form, status=400)
    asked = host_actions.suggest_host(found, suggest_form.chosen(), by=mine)
    if asked is None:
        messages.error(request, _("Personne ne s'est encore proposé pour accueillir chez soi."))
    elif asked == person:
        messages.success(
            request, _("C'est noté : à vous d'accueillir. Confirmez avec votre adresse ci-dessous.")
        )
    else:
        messages.success(
            request,
            _(
                "%(name)s est sollicité·e pour accueillir : un e-mail le lui demande, et sa "
                "confirmation est attendue."
            )
            % {"name": asked.display_name},
        )
    return back
