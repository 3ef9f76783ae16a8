"""The circle's pages: one for each person's own device, one for a shared device on the table.

Both work without JavaScript: the page shows the circle as it is, and each button is a plain
form that posts one action and comes back. With JavaScript (static/circles/circle.js) the same
forms go through the circle's socket and the page follows every change as it happens.
"""

import time
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from entraide.circles import access, actions, fanout, rules
from entraide.circles.access import Seat
from entraide.circles.balance import balance
from entraide.circles.forms import ActionForm
from entraide.circles.models import Circle
from entraide.circles.texts import refusal
from entraide.lib.refusals import Refused


@dataclass(frozen=True)
class Person:
    """Someone in the circle as the page shows them."""

    id: int
    name: str
    hand_up: bool
    at_floor: bool
    speaking: bool
    me: bool


def socket_path(seat: Seat) -> str:
    return f"/ws/mes-groupes/{seat.meeting.group.slug}/rencontres/{seat.meeting.pk}/cercle/"


def _minutes_and_seconds(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def live_context(seat: Seat, circle: Circle | None, *, shared: bool) -> dict[str, Any]:
    """Everything the live part of the page shows, for this person."""
    now = time.time()
    context: dict[str, Any] = {
        "seat": seat,
        "circle": circle,
        "shared": shared,
        "now": now,
        "socket": socket_path(seat),
        "version": circle.version if circle else 0,
    }
    if circle is None:
        return context
    if circle.is_closed:
        shares = [share["seconds"] for share in circle.voices]
        context["balance"] = balance(shares)
        context["turns"] = sum(share["turns"] for share in circle.voices)
        context["spoken"] = _minutes_and_seconds(sum(shares))
        return context
    state = rules.State.from_json(circle.state)
    names = actions.names_in(seat.meeting)
    nobody = _("Une personne")

    def name(person: int | None) -> str:
        return names.get(person, nobody) if person is not None else ""

    present = [v for v in state.voices if v.present]
    people = [
        Person(
            id=v.person,
            name=name(v.person),
            hand_up=v.hand_up,
            at_floor=state.floor == v.person,
            speaking=state.floor == v.person and state.speaking,
            me=v.person == seat.person,
        )
        for v in present
    ]
    mine = state.voice(seat.person)
    in_circle = mine is not None and mine.present
    elapsed = round(now - state.since) if state.since is not None else 0
    turn_seconds = circle.turn_minutes * 60
    counted = [v for v in state.voices if v.present or v.seconds > 0]
    spoken = state.seconds_now(now)
    mine_index = next((i for i, v in enumerate(counted) if v.person == seat.person), None)
    in_round = state.mode != rules.Mode.OPEN
    floor_name = name(state.floor)
    if state.floor is None:
        announce = _("Personne n'a la parole.")
    elif state.speaking:
        announce = _("%(name)s a la parole.") % {"name": floor_name}
    else:
        announce = _("C'est au tour de %(name)s : parler ou passer.") % {"name": floor_name}
    context.update(
        {
            "state": state,
            "mode": state.mode.value,
            "in_round": in_round,
            "people": people,
            "in_circle": in_circle,
            "my_hand_up": in_circle and mine is not None and mine.hand_up,
            "my_turn": in_circle and state.floor == seat.person,
            "floor_name": floor_name,
            "announce": announce,
            "elapsed": _minutes_and_seconds(max(0, elapsed)),
            "over": state.speaking and elapsed > turn_seconds,
            "turn_seconds": turn_seconds,
            "queue": [name(v.person) for v in state.queue()],
            "round_done": [name(p) for p in state.round_done()],
            "round_left": [name(p) for p in state.round_left()],
            "balance": balance(
                [spoken[v.person] for v in counted],
                mine_index,
                names=[name(v.person) for v in counted],
            ),
            "to_add": [
                m for m in access.may_sit(seat.meeting) if m.user_id not in {p.id for p in people}
            ]
            if shared
            else [],
        }
    )
    return context


def _page(request: HttpRequest, seat: Seat, *, shared: bool, status: int = 200) -> HttpResponse:
    circle = access.circle_at(seat)
    context = live_context(seat, circle, shared=shared) | {
        "group": seat.meeting.group,
        "meeting": seat.meeting,
    }
    if request.GET.get("fragment"):
        return render(request, "circles/circle.html#live", context, status=status)
    return render(request, "circles/circle.html", context, status=status)


@require_http_methods(["GET", "POST"])
def circle(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The circle on my own device; posting here takes one action in it."""
    seat = access.seat(request, slug, meeting_id)
    if request.method != "POST":
        return _page(request, seat, shared=False)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, refusal("invalid"))
        return _page(request, seat, shared=False, status=400)
    data = form.cleaned_data
    back = redirect(
        "circles:shared" if data["shared"] and seat.leads else "circles:circle",
        slug=slug,
        meeting_id=meeting_id,
    )
    try:
        changed = actions.perform(
            seat,
            data["action"],
            person=data["person"],
            turn=data["turn"],
            minutes=data["minutes"],
        )
    except Refused as refused:
        messages.error(request, refusal(refused.code))
        return back
    fanout.send_now(seat.meeting.pk, actions.news(changed, seat.meeting))
    return back


@require_safe
def shared(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The circle on one device for the whole table, held by whoever leads the meeting."""
    seat = access.leading_seat(request, slug, meeting_id)
    return _page(request, seat, shared=True)
