"""The circle's rules alone, as plain Python: order, the least heard first, passing, hands."""

import threading

import pytest

from entraide.circles.rules import Action, Kind, Mode, State, apply, gini
from entraide.lib.refusals import Refused

ALICE, BOB, CHLOE, DAN = 1, 2, 3, 4


def act(state: State, kind: Kind, by: int, now: float = 0.0, **fields: object) -> State:
    return apply(state, Action(kind=kind, by=by, **fields), now)  # type: ignore[arg-type]


def lead(state: State, kind: Kind, now: float = 0.0, **fields: object) -> State:
    return act(state, kind, ALICE, now, leads=True, **fields)


def circle_of(*people: int) -> State:
    state = State()
    for person in people:
        state = act(state, Kind.JOIN, person, person=person)
    return state


def test_a_round_goes_around_the_circle_in_the_order_people_sat_down() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE), Kind.START_ROUND)
    seen = []
    for now in (10.0, 20.0, 30.0):
        seen.append(state.floor)
        state = lead(state, Kind.NEXT, now)

    assert seen == [ALICE, BOB, CHLOE]
    # After the opening round, the floor is open.
    assert state.mode == Mode.OPEN and state.floor is None


def test_a_round_may_start_with_anyone_and_goes_on_around_the_circle() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE), Kind.START_ROUND, person=BOB)

    assert state.order == [BOB, CHLOE, ALICE]


def test_a_member_may_pass_their_turn_and_it_is_not_counted_as_a_turn() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE), Kind.START_ROUND, person=BOB)

    state = act(state, Kind.PASS, BOB, 5.0, person=BOB)

    assert state.floor == CHLOE
    bob = state.voice(BOB)
    assert bob is not None and (bob.turns, bob.seconds) == (0, 0)


def test_speaking_in_a_round_counts_the_time_from_when_one_starts() -> None:
    state = lead(circle_of(ALICE, BOB), Kind.START_ROUND, person=BOB)
    state = act(state, Kind.SPEAK, BOB, 100.0, person=BOB)

    state = act(state, Kind.DONE, BOB, 190.0, person=BOB)

    bob = state.voice(BOB)
    assert bob is not None and (bob.turns, bob.seconds) == (1, 90)
    assert state.floor == ALICE and not state.speaking


def test_only_the_person_whose_turn_it_is_speaks_or_passes() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE), Kind.START_ROUND, person=BOB)

    with pytest.raises(Refused) as refused:
        act(state, Kind.PASS, CHLOE, person=CHLOE)

    assert refused.value.code == "not_your_turn"


def test_nobody_but_the_facilitator_or_timekeeper_moves_on() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE), Kind.START_ROUND)

    for kind in (Kind.NEXT, Kind.START_ROUND, Kind.OPEN_FLOOR, Kind.CLOSE):
        with pytest.raises(Refused) as refused:
            act(state, kind, BOB)
        assert refused.value.code == "not_allowed"


def test_the_open_floor_gives_priority_to_whoever_spoke_least() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE, DAN), Kind.OPEN_FLOOR)
    # Bob speaks two minutes, Chloé one.
    state = lead(state, Kind.GIVE, 0.0, person=BOB)
    state = lead(state, Kind.GIVE, 120.0, person=CHLOE)
    state = lead(state, Kind.NEXT, 180.0)
    # Bob raises his hand first, then Chloé, then Dan who has not spoken yet.
    state = act(state, Kind.RAISE, BOB, 200.0, person=BOB)
    state = act(state, Kind.RAISE, CHLOE, 201.0, person=CHLOE)
    state = act(state, Kind.RAISE, DAN, 202.0, person=DAN)

    assert [v.person for v in state.queue()] == [DAN, CHLOE, BOB]
    state = lead(state, Kind.NEXT, 203.0)
    assert state.floor == DAN and state.speaking


def test_with_equal_time_fewer_turns_then_the_earlier_hand_come_first() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE, DAN), Kind.OPEN_FLOOR)
    # Bob speaks twice for 30 s in all, Chloé once for 30 s: equal time, Chloé fewer turns.
    state = lead(state, Kind.GIVE, 0.0, person=BOB)
    state = lead(state, Kind.GIVE, 10.0, person=BOB)
    state = lead(state, Kind.GIVE, 30.0, person=CHLOE)
    state = lead(state, Kind.NEXT, 60.0)
    state = act(state, Kind.RAISE, BOB, 61.0, person=BOB)
    state = act(state, Kind.RAISE, CHLOE, 62.0, person=CHLOE)
    state = act(state, Kind.RAISE, ALICE, 63.0, person=ALICE)
    state = act(state, Kind.RAISE, DAN, 64.0, person=DAN)

    assert [v.person for v in state.queue()] == [ALICE, DAN, CHLOE, BOB]


def test_anyone_may_lower_their_own_hand_but_not_someone_else_s() -> None:
    state = act(circle_of(ALICE, BOB, CHLOE), Kind.RAISE, BOB, person=BOB)

    with pytest.raises(Refused):
        act(state, Kind.LOWER, CHLOE, person=BOB)
    lowered = act(state, Kind.LOWER, BOB, person=BOB)

    assert lowered.queue() == []


def test_the_facilitator_may_lower_a_hand_and_act_for_someone_on_a_shared_device() -> None:
    state = act(circle_of(ALICE, BOB), Kind.RAISE, ALICE, leads=True, person=BOB)
    assert [v.person for v in state.queue()] == [BOB]

    state = lead(state, Kind.LOWER, person=BOB)

    assert state.queue() == []


def test_a_refused_action_leaves_the_state_as_it_was() -> None:
    state = lead(circle_of(ALICE, BOB), Kind.START_ROUND)
    before = state.to_json()

    with pytest.raises(Refused):
        act(state, Kind.NEXT, BOB)

    assert state.to_json() == before


def test_two_facilitators_moving_on_at_once_never_skip_anybody() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE, DAN), Kind.START_ROUND)
    seen_turn = state.turn

    state = lead(state, Kind.NEXT, 1.0, turn=seen_turn)
    with pytest.raises(Refused) as refused:
        lead(state, Kind.NEXT, 1.0, turn=seen_turn)

    assert refused.value.code == "stale"
    assert state.floor == BOB


def test_a_hand_raised_meanwhile_does_not_make_moving_on_stale() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE), Kind.START_ROUND)
    seen_turn = state.turn
    state = act(state, Kind.RAISE, CHLOE, person=CHLOE)

    state = lead(state, Kind.NEXT, 1.0, turn=seen_turn)

    assert state.floor == BOB


def test_concurrent_actions_ordered_by_a_lock_never_corrupt_the_queue() -> None:
    """Many threads act at once, each against the turn it saw; a lock orders them, as the
    circle's row lock does on the server. Every person ends with their hand in the queue once,
    and moving on happened exactly once per turn seen."""
    people = list(range(1, 21))
    box = {"state": lead(circle_of(*people), Kind.OPEN_FLOOR)}
    lock = threading.Lock()
    refused: list[str] = []
    start = threading.Barrier(len(people) + 4)

    def raise_hand(person: int) -> None:
        start.wait()
        with lock:
            box["state"] = act(box["state"], Kind.RAISE, person, 1.0, person=person)

    def move_on(seen_turn: int) -> None:
        start.wait()
        with lock:
            try:
                box["state"] = lead(box["state"], Kind.NEXT, 2.0, turn=seen_turn)
            except Refused as error:
                refused.append(error.code)

    turn = box["state"].turn
    threads = [threading.Thread(target=raise_hand, args=(p,)) for p in people]
    threads += [threading.Thread(target=move_on, args=(turn,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    final = box["state"]
    hands = [v.person for v in final.queue()]
    at_the_floor = [final.floor] if final.floor is not None else []
    # Exactly one "next" went through (or none found a hand yet and said so), the others were
    # refused as stale; nobody is both waiting and speaking, nobody is lost.
    assert len(hands) == len(set(hands))
    assert sorted(hands + at_the_floor) == people
    assert refused.count("stale") + refused.count("nobody") == 4 - len(at_the_floor)
    assert final.version == len(people) + 1 + len(people) + len(at_the_floor)


def test_someone_who_arrives_during_a_round_has_their_turn_at_its_end() -> None:
    state = lead(circle_of(ALICE, BOB), Kind.START_ROUND)

    state = act(state, Kind.JOIN, CHLOE, person=CHLOE)

    assert state.order == [ALICE, BOB, CHLOE]


def test_someone_who_leaves_keeps_their_time_in_the_balance_but_leaves_the_round() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE), Kind.OPEN_FLOOR)
    state = lead(state, Kind.GIVE, 0.0, person=BOB)
    state = lead(state, Kind.NEXT, 60.0)
    state = act(state, Kind.LEAVE, BOB, person=BOB)

    state = lead(state, Kind.START_ROUND)

    assert state.order == [ALICE, CHLOE]
    assert state.seconds_now(100.0)[BOB] == 60


def test_the_closing_round_waits_for_the_facilitator_to_close() -> None:
    state = lead(circle_of(ALICE, BOB), Kind.START_CLOSING)
    state = lead(state, Kind.NEXT, 1.0)
    state = lead(state, Kind.NEXT, 2.0)

    assert state.mode == Mode.CLOSING and state.floor is None
    state = lead(state, Kind.CLOSE, 3.0)
    assert state.closed
    with pytest.raises(Refused):
        act(state, Kind.RAISE, BOB, person=BOB)


def test_the_state_survives_a_trip_through_json() -> None:
    state = lead(circle_of(ALICE, BOB, CHLOE), Kind.START_ROUND)
    state = act(state, Kind.RAISE, CHLOE, 3.5, person=CHLOE)

    assert State.from_json(state.to_json()) == state


def test_the_balance_index_is_zero_when_shared_and_grows_when_one_voice_fills_the_room() -> None:
    assert gini([60, 60, 60, 60]) == 0
    assert gini([]) == 0
    assert gini([0, 0, 0]) == 0
    assert gini([0, 0, 0, 300]) == pytest.approx(0.75)
    assert 0 < gini([50, 60, 70, 80]) < 0.15
