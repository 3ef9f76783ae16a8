"""Calendars: a private subscription address per person, and one meeting as a file."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from entraide.accounts.access import signed_in
from entraide.directory import access as directory_access
from entraide.meetings import access
from entraide.meetings.access import meeting_for
from entraide.meetings.calendars import actions, ical
from entraide.meetings.calendars.forms import CalendarAddressForm
from entraide.meetings.models import CalendarToken, Meeting
from entraide.membership import access as membership_access

CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class Address:
    """One of my calendar addresses as the page shows it; `url` is empty until created."""

    scope: str
    title: str
    url: str = ""

    @property
    def webcal(self) -> str:
        """The same address for phones: opening it offers to subscribe."""
        return "webcal://" + self.url.split("://", 1)[1] if self.url else ""

    @classmethod
    def of(cls, scope: str, title: str, token: CalendarToken | None) -> "Address":
        return cls(scope, title, actions.feed_url(token) if token else "")


@login_not_required
@never_cache
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription feed: no login (calendar apps cannot log in), the secret is the key.

    It shows only the groups its owner is still active in: after leaving a group, its meetings
    disappear from their phone at the next refresh.
    """
    address = access.calendar_address(token)
    owner = address.user
    with translation.override(owner.preferred_language):
        name = address.group.name if address.group is not None else _("Mes groupes d'entraide")
        body = ical.feed_calendar(name, ical.feed_memberships(address))
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    # The address is a secret: no search engine, no shared cache.
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """My private calendar addresses (all my groups; this group), to create or revoke."""
    mine = membership_access.own_membership(request, slug)
    group = mine.group
    person = signed_in(request)
    form = CalendarAddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scoped = group if form.cleaned_data["scope"] == "group" else None
        if form.cleaned_data["action"] == "create":
            actions.create_token(person, scoped)
            messages.success(
                request,
                _("Votre adresse d'agenda est prête. Ajoutez-la à votre téléphone ci-dessous."),
            )
        else:
            actions.revoke_tokens(person, scoped)
            messages.success(
                request,
                _(
                    "L'adresse ne fonctionne plus. Les agendas qui l'utilisaient ne recevront "
                    "plus les rencontres."
                ),
            )
        return redirect("meetings:calendar", slug=group.slug)
    tokens = actions.active_tokens(person, group)
    addresses = [
        Address.of(scope, title, tokens.get(scope))
        for scope, title in [
            ("group", _("Les rencontres de ce groupe")),
            ("all", _("Les rencontres de tous mes groupes")),
        ]
    ]
    coming = group.meetings.filter(
        status=Meeting.Status.SCHEDULED, ends_at__gte=timezone.now()
    ).order_by("starts_at")[:5]
    return render(
        request,
        "meetings/calendar.html",
        {
            "mine": mine,
            "group": group,
            "form": form,
            "addresses": addresses,
            "coming": coming,
        },
    )


@require_safe
def meeting_ics(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """One meeting as a file to open with one's calendar."""
    meeting, mine = meeting_for(request, slug, meeting_id)
    response = HttpResponse(ical.meeting_calendar(meeting, mine), content_type=CONTENT_TYPE)
    day = timezone.localtime(meeting.starts_at, meeting.group.time_zone)
    response["Content-Disposition"] = (
        f'attachment; filename="{meeting.group.slug}-{day:%Y-%m-%d}.ics"'
    )
    return response


@login_not_required
@require_safe
def public_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """A published group's rhythm, for anyone to add to a calendar before joining: dates and
    times only, never a place, a link or a member (`ical.public_calendar`)."""
    group = directory_access.public_group(slug)
    response = HttpResponse(ical.public_calendar(group), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{group.slug}.ics"'
    return response
