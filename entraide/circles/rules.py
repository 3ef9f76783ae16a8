"""The talking circle's rules: who has the floor, who waits, who spoke how long. No Django here.

Seed 000 asks that nobody take control of the group and that everyone may speak, or choose not
to. The circle has three modes:

- an opening **round** (and a **closing** one): the floor goes around the circle in order;
  each person, when their turn comes, speaks or passes; passing is one tap and is never
  counted nor shown apart from speaking;
- the **open floor**: people raise a hand; the queue puts first whoever has spoken least so far
  (seconds, then turns, then who raised their hand first).

Only a person who leads the meeting (its facilitator or its timekeeper) moves on, gives the
floor or changes the mode; anyone may raise, lower their own hand, speak or pass when it is
their turn, and end their own turn. On a shared device the one who leads acts for each person.

Every change happens on the server, one at a time (the Django layer holds a lock on the
circle's row). An action that moves the floor carries the turn it was made against (`turn`):
if the floor has moved since, it is refused as stale instead of moving it twice, so two
facilitators tapping "next" at once never skip anybody. Raising or lowering a hand needs no
such check: it means the same whatever happened meanwhile.

Times are seconds since the epoch, given by the caller, so the rules can be tested without
waiting.

A refused action raises `lib.refusals.Refused` with a `code` and no words: the page and the
WebSocket put the code in words (`texts.refusal`), each in the language of the one who asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from entraide.lib.refusals import Refused


class Mode(StrEnum):
    ROUND = "round"
    OPEN = "open"
    CLOSING = "closing"


class Kind(StrEnum):
    JOIN = "join"
    LEAVE = "leave"
    START_ROUND = "start_round"
    START_CLOSING = "start_closing"
    OPEN_FLOOR = "open_floor"
    SPEAK = "speak"
    PASS = "pass"  # noqa: S105 (passing one's turn, not a password)
    DONE = "done"
    NEXT = "next"
    RAISE = "raise"
    LOWER = "lower"
    GIVE = "give"
    CLOSE = "close"


# Actions that only the people who lead the meeting may take.
LEADING = frozenset(
    {Kind.START_ROUND, Kind.START_CLOSING, Kind.OPEN_FLOOR, Kind.NEXT, Kind.GIVE, Kind.CLOSE}
)
# Actions that move the floor: they are refused when the floor has moved since they were made.
MOVES_THE_FLOOR = frozenset(
    {
        Kind.START_ROUND,
        Kind.START_CLOSING,
        Kind.OPEN_FLOOR,
        Kind.SPEAK,
        Kind.PASS,
        Kind.DONE,
        Kind.NEXT,
        Kind.GIVE,
    }
)


@dataclass(frozen=True)
class Action:
    """What someone asks: `by` acts, for `person` (themselves, or anyone when `by` leads)."""

    kind: Kind
    by: int
    leads: bool = False
    person: int | None = None
    # The turn the action was made against; None when the server orders it without a check.
    turn: int | None = None


@dataclass
class Voice:
    """One person in the circle, with what they have said so far (how long, never what)."""

    person: int
    turns: int = 0
    seconds: int = 0
    hand_since: float | None = None
    # Someone who left keeps their share of the time in the balance, out of the rounds.
    present: bool = True

    @property
    def hand_up(self) -> bool:
        return self.hand_since is not None


@dataclass
class State:
    mode: Mode = Mode.OPEN
    version: int = 0
    # Increases each time the floor changes hands: what floor-moving actions are checked against.
    turn: int = 0
    # Everyone in the circle, in the order they sat down: the order of a round.
    voices: list[Voice] = field(default_factory=list)
    # The current round: its order, and the index of the person whose turn it is.
    order: list[int] = field(default_factory=list)
    position: int = 0
    floor: int | None = None
    # When the person at the floor started speaking; None while a round offers them the floor.
    since: float | None = None
    closed: bool = False

    # -- reading ---------------------------------------------------------------------------

    def voice(self, person: int) -> Voice | None:
        return next((v for v in self.voices if v.person == person), None)

    @property
    def speaking(self) -> bool:
        return self.floor is not None and self.since is not None

    def queue(self) -> list[Voice]:
        """Raised hands, the least heard first: seconds, then turns, then the earliest hand."""
        hands = [v for v in self.voices if v.hand_since is not None]
        return sorted(hands, key=lambda v: (v.seconds, v.turns, v.hand_since, v.person))

    def seconds_now(self, now: float) -> dict[int, int]:
        """Everyone's speaking time, counting the current speaker's turn so far."""
        spoken = {v.person: v.seconds for v in self.voices}
        if self.speaking and self.floor in spoken and self.since is not None:
            spoken[self.floor] += _elapsed(self.since, now)
        return spoken

    def round_left(self) -> list[int]:
        """Who is still to have their turn in the current round, after the one at the floor."""
        if self.mode == Mode.OPEN:
            return []
        return self.order[self.position + 1 :]

    def round_done(self) -> list[int]:
        if self.mode == Mode.OPEN:
            return []
        return self.order[: self.position]

    # -- storing ---------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode.value,
            "version": self.version,
            "turn": self.turn,
            "voices": [
                {
                    "person": v.person,
                    "turns": v.turns,
                    "seconds": v.seconds,
                    "hand": v.hand_since,
                    "present": v.present,
                }
                for v in self.voices
            ],
            "order": list(self.order),
            "position": self.position,
            "floor": self.floor,
            "since": self.since,
            "closed": self.closed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        if not data:
            return cls()
        return cls(
            mode=Mode(data["mode"]),
            version=int(data["version"]),
            turn=int(data["turn"]),
            voices=[
                Voice(
                    person=int(v["person"]),
                    turns=int(v["turns"]),
                    seconds=int(v["seconds"]),
                    hand_since=v["hand"],
                    present=bool(v["present"]),
                )
                for v in data["voices"]
            ],
            order=[int(p) for p in data["order"]],
            position=int(data["position"]),
            floor=data["floor"],
            since=data["since"],
            closed=bool(data["closed"]),
        )


def _elapsed(since: float, now: float) -> int:
    return max(0, round(now - since))


def apply(state: State, action: Action, now: float) -> State:
    """The state after the action; raises Refused, leaving `state` as it was, when not allowed.

    The state is copied first: a refused action never leaves half a change behind.
    """
    new = State.from_json(state.to_json())
    _check(new, action)
    _HANDLERS[action.kind](new, action, now)
    new.version += 1
    return new


def _check(state: State, action: Action) -> None:
    if state.closed:
        raise Refused(code="closed")
    if action.kind in LEADING and not action.leads:
        raise Refused(code="not_allowed")
    person = action.person
    if action.kind not in LEADING and person is None:
        raise Refused(code="unknown")
    if person is not None and person != action.by and not action.leads:
        # Acting for someone else is for the people who lead (a shared device on the table).
        raise Refused(code="not_allowed")
    if action.kind in MOVES_THE_FLOOR and action.turn is not None and action.turn != state.turn:
        raise Refused(code="stale")


def _person(state: State, action: Action) -> Voice:
    voice = state.voice(action.person) if action.person is not None else None
    if voice is None or not voice.present:
        raise Refused(code="not_in_circle")
    return voice


def _end_turn(state: State, now: float, *, counted: bool) -> None:
    """The person at the floor stops; a turn they spoke in counts, a pass does not."""
    if state.floor is not None and state.since is not None and counted:
        voice = state.voice(state.floor)
        if voice is not None:
            voice.turns += 1
            voice.seconds += _elapsed(state.since, now)
    state.floor = None
    state.since = None
    state.turn += 1


def _offer_next_in_round(state: State) -> None:
    """The next person of the round is offered the floor; after the last one, the round ends."""
    state.position += 1
    if state.position < len(state.order):
        state.floor = state.order[state.position]
        return
    # The opening round leads into the open floor; the closing round waits for the close.
    if state.mode == Mode.ROUND:
        state.mode = Mode.OPEN
        state.order = []
        state.position = 0


def _move_on(state: State, now: float, *, counted: bool) -> None:
    _end_turn(state, now, counted=counted)
    if state.mode == Mode.OPEN:
        queue = state.queue()
        if queue:
            _give(state, queue[0], now)
    else:
        _offer_next_in_round(state)


def _give(state: State, voice: Voice, now: float) -> None:
    voice.hand_since = None
    state.floor = voice.person
    state.since = now


def _join(state: State, action: Action, now: float) -> None:
    assert action.person is not None
    voice = state.voice(action.person)
    if voice is not None and voice.present:
        raise Refused(code="already")
    if voice is None:
        state.voices.append(Voice(person=action.person))
    else:
        voice.present = True
    # Someone who arrives during a round has their turn at its end.
    in_a_round = state.mode != Mode.OPEN and state.position < len(state.order)
    if in_a_round and action.person not in state.order[state.position :]:
        state.order.append(action.person)


def _leave(state: State, action: Action, now: float) -> None:
    voice = _person(state, action)
    if state.floor == voice.person:
        _move_on(state, now, counted=state.speaking)
    waiting = state.order[state.position + 1 :] if state.mode != Mode.OPEN else []
    if voice.person in waiting:
        state.order.remove(voice.person)
    voice.hand_since = None
    voice.present = False


def _start(state: State, action: Action, now: float, mode: Mode) -> None:
    people = [v.person for v in state.voices if v.present]
    if not people:
        raise Refused(code="empty")
    _end_turn(state, now, counted=True)
    if action.person is not None:
        # The round may start with anyone, then goes on around the circle.
        if action.person not in people:
            raise Refused(code="not_in_circle")
        start = people.index(action.person)
        people = people[start:] + people[:start]
    state.mode = mode
    state.order = people
    state.position = 0
    state.floor = people[0]


def _start_round(state: State, action: Action, now: float) -> None:
    _start(state, action, now, Mode.ROUND)


def _start_closing(state: State, action: Action, now: float) -> None:
    _start(state, action, now, Mode.CLOSING)


def _open_floor(state: State, action: Action, now: float) -> None:
    _end_turn(state, now, counted=True)
    state.mode = Mode.OPEN
    state.order = []
    state.position = 0


def _holder(state: State, action: Action) -> Voice:
    voice = _person(state, action)
    if state.floor != voice.person:
        raise Refused(code="not_your_turn")
    return voice


def _speak(state: State, action: Action, now: float) -> None:
    _holder(state, action)
    if state.speaking:
        raise Refused(code="already")
    state.since = now


def _pass(state: State, action: Action, now: float) -> None:
    _holder(state, action)
    _move_on(state, now, counted=False)


def _done(state: State, action: Action, now: float) -> None:
    _holder(state, action)
    _move_on(state, now, counted=True)


def _next(state: State, action: Action, now: float) -> None:
    if state.floor is None and not (state.mode == Mode.OPEN and state.queue()):
        raise Refused(code="nobody")
    _move_on(state, now, counted=True)


def _raise(state: State, action: Action, now: float) -> None:
    voice = _person(state, action)
    if voice.hand_up or state.floor == voice.person:
        raise Refused(code="already")
    voice.hand_since = now


def _lower(state: State, action: Action, now: float) -> None:
    voice = _person(state, action)
    if not voice.hand_up:
        raise Refused(code="already")
    voice.hand_since = None


def _give_floor(state: State, action: Action, now: float) -> None:
    voice = _person(state, action)
    if state.mode != Mode.OPEN:
        raise Refused(code="round")
    _end_turn(state, now, counted=True)
    _give(state, voice, now)


def _close(state: State, action: Action, now: float) -> None:
    _end_turn(state, now, counted=True)
    for voice in state.voices:
        voice.hand_since = None
    state.order = []
    state.position = 0
    state.closed = True


_HANDLERS = {
    Kind.JOIN: _join,
    Kind.LEAVE: _leave,
    Kind.START_ROUND: _start_round,
    Kind.START_CLOSING: _start_closing,
    Kind.OPEN_FLOOR: _open_floor,
    Kind.SPEAK: _speak,
    Kind.PASS: _pass,
    Kind.DONE: _done,
    Kind.NEXT: _next,
    Kind.RAISE: _raise,
    Kind.LOWER: _lower,
    Kind.GIVE: _give_floor,
    Kind.CLOSE: _close,
}


def gini(values: list[int] | list[float]) -> float:
    """The Gini coefficient of speaking times: 0 when all share equally, near 1 when one holds
    the floor. Those who passed count, with 0: the right not to speak is part of the picture."""
    n = len(values)
    total = sum(values)
    if n < 2 or total <= 0:
        return 0.0
    ordered = sorted(values)
    weighted = sum((i + 1) * x for i, x in enumerate(ordered))
    return (2 * weighted) / (n * total) - (n + 1) / n
