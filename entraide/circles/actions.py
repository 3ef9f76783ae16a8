"""Every change to a circle, in one place: open it, act in it, set the turn length.

Each change locks the circle's row (select_for_update on PostgreSQL; on SQLite the write
transaction is taken at BEGIN IMMEDIATE), reads the state, applies the rules and writes the
state back with a version one higher. Two actions at the same moment are thus applied one
after the other, never on the same old state. The caller then sends the returned news to the
circle's channel group (`fanout`): the database is the truth, the channel layer the messenger.
"""

import datetime as dt
import time
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from entraide.circles import rules
from entraide.circles.access import Seat, may_sit
from entraide.circles.models import Circle
from entraide.lib.refusals import Refused
from entraide.meetings.models import Meeting
from entraide.membership.models import Membership

DEFAULT_TURN_MINUTES = 3


def open_circle(seat: Seat, *, turn_minutes: int | None = None) -> Circle:
    """Open the meeting's circle (once); the one who opens it sits in it.

    Without a length, the group keeps the one it chose for its last circle.
    """
    if not seat.opens:
        raise Refused(code="not_allowed")
    if seat.meeting.is_cancelled:
        raise Refused(code="cancelled")
    if turn_minutes is None:
        last = (
            Circle.objects.filter(meeting__group=seat.meeting.group)
            .order_by("-opened_at")
            .values_list("turn_minutes", flat=True)
            .first()
        )
        turn_minutes = last or DEFAULT_TURN_MINUTES
    with transaction.atomic():
        circle, created = Circle.objects.select_for_update().get_or_create(
            meeting=seat.meeting, defaults={"turn_minutes": turn_minutes}
        )
        if not created:
            raise Refused(code="already_open" if not circle.is_closed else "closed")
        state = rules.apply(
            rules.State(),
            rules.Action(rules.Kind.JOIN, by=seat.person, person=seat.person),
            time.time(),
        )
        circle.state = state.to_json()
        circle.version = state.version
        circle.save(update_fields=["state", "version"])
    return circle


def act(
    seat: Seat,
    kind: rules.Kind,
    *,
    person: int | None = None,
    turn: int | None = None,
    now: float | None = None,
) -> Circle:
    """Apply one action to the meeting's circle, under the row's lock; Refused if not allowed."""
    if person is not None and person != seat.person and not _may_sit(seat.meeting, person):
        raise Refused(code="not_in_circle")
    with transaction.atomic():
        circle = _locked(seat.meeting)
        state = rules.State.from_json(circle.state)
        action = rules.Action(kind, by=seat.person, leads=seat.leads, person=person, turn=turn)
        if kind == rules.Kind.CLOSE and not seat.opens:
            raise Refused(code="not_allowed")
        new = rules.apply(state, action, time.time() if now is None else now)
        if kind == rules.Kind.JOIN:
            cache.delete(_names_key(seat.meeting))
        if new.closed:
            _keep_only_aggregates(circle, new)
        else:
            circle.state = new.to_json()
            circle.version = new.version
            circle.save(update_fields=["state", "version"])
    return circle


def perform(
    seat: Seat,
    action: str,
    *,
    person: int | None = None,
    turn: int | None = None,
    minutes: int | None = None,
) -> Circle:
    """One action as a form or a socket message names it (see forms.ActionForm)."""
    if action == "open":
        return open_circle(seat, turn_minutes=minutes)
    if action == "turn_length":
        if minutes is None:
            raise Refused(code="unknown")
        return set_turn_length(seat, minutes)
    kind = rules.Kind(action)
    if person is None and kind not in rules.LEADING:
        person = seat.person
    return act(seat, kind, person=person, turn=turn)


def set_turn_length(seat: Seat, minutes: int) -> Circle:
    if not seat.leads:
        raise Refused(code="not_allowed")
    with transaction.atomic():
        circle = _locked(seat.meeting)
        state = rules.State.from_json(circle.state)
        state.version += 1
        circle.turn_minutes = minutes
        circle.state = state.to_json()
        circle.version = state.version
        circle.save(update_fields=["turn_minutes", "state", "version"])
    return circle


# A circle nobody closed is closed this long after its meeting ended, keeping only aggregates.
FORGOTTEN_AFTER = dt.timedelta(hours=6)


def close_forgotten_circles(now: dt.datetime | None = None) -> int:
    """Close the circles left open well after their meeting, as if closed at its end.

    An open circle holds the ids of the people in it; once the meeting is over only the
    aggregates may stay. A turn still running counts until the meeting's planned end. Returns
    how many circles were closed.
    """
    now = now or timezone.now()
    closed = 0
    forgotten = Circle.objects.filter(
        closed_at__isnull=True, meeting__ends_at__lt=now - FORGOTTEN_AFTER
    ).values_list("pk", flat=True)
    for pk in list(forgotten):
        with transaction.atomic():
            circle = (
                Circle.objects.select_for_update()
                .select_related("meeting")
                .filter(pk=pk, closed_at__isnull=True)
                .first()
            )
            if circle is None:
                continue
            state = rules.State.from_json(circle.state)
            end = circle.meeting.ends_at.timestamp()
            new = rules.apply(state, rules.Action(rules.Kind.CLOSE, by=0, leads=True), end)
            _keep_only_aggregates(circle, new)
            closed += 1
    return closed


def _locked(meeting: Meeting) -> Circle:
    circle = Circle.objects.select_for_update().filter(meeting=meeting).first()
    if circle is None:
        raise Refused(code="not_open")
    if circle.is_closed:
        raise Refused(code="closed")
    return circle


def _may_sit(meeting: Meeting, person: int) -> bool:
    return any(m.user_id == person for m in may_sit(meeting))


def _keep_only_aggregates(circle: Circle, state: rules.State) -> None:
    """The meeting is over: keep how the time was shared, never who said what, nor names."""
    shares = sorted(
        ({"turns": v.turns, "seconds": v.seconds} for v in state.voices),
        key=lambda share: (-share["seconds"], -share["turns"]),
    )
    circle.voices = shares
    circle.balance = round(rules.gini([share["seconds"] for share in shares]), 3)
    circle.state = {}
    circle.version = state.version
    circle.closed_at = timezone.now()
    circle.save(update_fields=["voices", "balance", "state", "version", "closed_at"])


NAMES_SECONDS = 30


def _names_key(meeting: Meeting) -> str:
    return f"circle-names-{meeting.pk}"


def names_in(meeting: Meeting) -> dict[int, str]:
    """The display names of the group's active people (first names or pseudonyms).

    Kept a few seconds in the cache: every action tells every device, and names seldom change;
    someone joining the circle clears it, so a newcomer is named at once.
    """
    names: dict[int, str] | None = cache.get(_names_key(meeting))
    if names is None:
        names = dict(
            Membership.objects.filter(
                group_id=meeting.group_id, status=Membership.Status.ACTIVE
            ).values_list("user_id", "user__display_name")
        )
        cache.set(_names_key(meeting), names, NAMES_SECONDS)
    return names


def news(circle: Circle | None, meeting: Meeting, now: float | None = None) -> dict[str, Any]:
    """What every device of the circle is told after a change, and on (re)connecting."""
    now = time.time() if now is None else now
    if circle is None:
        return {"type": "state", "open": False, "version": 0, "now": now}
    base = {
        "type": "state",
        "open": True,
        "closed": circle.is_closed,
        "version": circle.version,
        "turn_seconds": circle.turn_minutes * 60,
        "now": now,
    }
    if circle.is_closed:
        return base | {"balance": circle.balance, "voices": circle.voices}
    state = rules.State.from_json(circle.state)
    names = names_in(meeting)

    def someone(person: int) -> dict[str, Any]:
        return {"id": person, "name": names.get(person, "")}

    return base | {
        "turn": state.turn,
        "mode": state.mode.value,
        "floor": someone(state.floor) | {"speaking": state.speaking, "since": state.since}
        if state.floor is not None
        else None,
        "queue": [someone(v.person) for v in state.queue()],
        "round_done": [someone(p) for p in state.round_done()],
        "round_left": [someone(p) for p in state.round_left()],
        "present": [someone(v.person) for v in state.voices if v.present],
    }
