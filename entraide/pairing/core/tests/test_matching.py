"""The matching core's rules, one by one, on small problems written out by hand."""

import math
from typing import Any

import pytest

from entraide.pairing.core.matching import (
    Choice,
    Matching,
    Peer,
    Problem,
    ProblemError,
    Seeker,
    as_json,
    best,
    blocking_pairs,
    check,
    parse,
    stable,
    total_score,
    violations,
)


def seeker(id: str, *choices: str | tuple[str, float]) -> Seeker:
    return Seeker(id, tuple(_choice(c) for c in choices))


def peer(id: str, capacity: int, *choices: str | tuple[str, float]) -> Peer:
    return Peer(id, capacity, tuple(_choice(c) for c in choices))


def _choice(choice: str | tuple[str, float]) -> Choice:
    return Choice(choice, 0.0) if isinstance(choice, str) else Choice(*choice)


def problem(seekers: list[Seeker], peers: list[Peer]) -> Problem:
    return Problem(tuple(seekers), tuple(peers))


def test_a_pair_is_possible_only_when_each_lists_the_other() -> None:
    one_sided = problem(
        [seeker("s1", "p1"), seeker("s2")],
        [peer("p1", 2, "s2")],
    )
    assert stable(one_sided) == Matching(pairs=(), unmatched=("s1", "s2"))
    assert best(one_sided) == Matching(pairs=(), unmatched=("s1", "s2"))
    assert blocking_pairs(one_sided, stable(one_sided)) == []


def test_seekers_get_their_first_choices_when_peers_disagree() -> None:
    # Each peer prefers the seeker who prefers the other peer: two stable matchings, and
    # seekers proposing get the one they prefer.
    crossed = problem(
        [seeker("s1", "p1", "p2"), seeker("s2", "p2", "p1")],
        [peer("p1", 1, "s2", "s1"), peer("p2", 1, "s1", "s2")],
    )
    assert stable(crossed).pairs == (("s1", "p1"), ("s2", "p2"))
    peer_optimal = Matching(pairs=(("s1", "p2"), ("s2", "p1")), unmatched=())
    assert blocking_pairs(crossed, peer_optimal) == []


def test_a_peer_keeps_the_seekers_it_prefers_up_to_its_capacity() -> None:
    crowded = problem(
        [seeker("s1", "p1", "p2"), seeker("s2", "p1", "p2"), seeker("s3", "p1")],
        [peer("p1", 2, "s3", "s1", "s2"), peer("p2", 1, "s2", "s1")],
    )
    assert stable(crowded) == Matching(
        pairs=(("s1", "p1"), ("s2", "p2"), ("s3", "p1")), unmatched=()
    )


def test_a_seeker_let_go_moves_on_to_their_next_choice() -> None:
    chain = problem(
        [seeker("s1", "p1", "p2", "p3"), seeker("s2", "p1"), seeker("s3", "p2")],
        [peer("p1", 1, "s2", "s1"), peer("p2", 1, "s3", "s1"), peer("p3", 1, "s1")],
    )
    assert stable(chain).pairs == (("s1", "p3"), ("s2", "p1"), ("s3", "p2"))


def test_stable_follows_the_order_of_the_lists_not_the_scores() -> None:
    ordered = problem(
        [seeker("s1", ("p1", 0.1), ("p2", 0.9))],
        [peer("p1", 1, ("s1", 0.0)), peer("p2", 1, ("s1", 1.0))],
    )
    assert stable(ordered).pairs == (("s1", "p1"),)
    assert best(ordered).pairs == (("s1", "p2"),)


def test_best_matches_more_people_before_it_looks_at_scores() -> None:
    # Stable gives p1 to s1, who scores it highly, and leaves s2 alone; best pairs both.
    scarce = problem(
        [seeker("s1", ("p1", 10.0), ("p2", 0.0)), seeker("s2", ("p1", 0.0))],
        [peer("p1", 1, ("s1", 10.0), ("s2", 0.0)), peer("p2", 1, ("s1", 0.0))],
    )
    assert stable(scarce) == Matching(pairs=(("s1", "p1"),), unmatched=("s2",))
    assert best(scarce) == Matching(pairs=(("s1", "p2"), ("s2", "p1")), unmatched=())


def test_best_counts_both_peoples_scores() -> None:
    # s1 likes p1 a little more, but p2 likes s1 much more: the sum decides.
    both_sides = problem(
        [seeker("s1", ("p1", 0.6), ("p2", 0.5))],
        [peer("p1", 1, ("s1", 0.1)), peer("p2", 1, ("s1", 0.9))],
    )
    assert best(both_sides).pairs == (("s1", "p2"),)
    assert total_score(both_sides, best(both_sides)) == pytest.approx(1.4)


def test_best_maximises_pairs_even_with_negative_scores() -> None:
    reluctant = problem(
        [seeker("s1", ("p1", -5.0)), seeker("s2", ("p1", -1.0))],
        [peer("p1", 2, ("s1", -5.0), ("s2", -1.0))],
    )
    assert best(reluctant).pairs == (("s1", "p1"), ("s2", "p1"))


def test_best_respects_each_peers_capacity() -> None:
    full = problem(
        [seeker(f"s{k}", ("p1", 1.0)) for k in range(4)],
        [peer("p1", 3, *((f"s{k}", float(k)) for k in range(4)))],
    )
    matching = best(full)
    assert matching.pairs == (("s1", "p1"), ("s2", "p1"), ("s3", "p1"))
    assert matching.unmatched == ("s0",)


def test_people_without_anyone_to_accept_are_left_unmatched_and_sorted() -> None:
    lonely = problem([seeker("b"), seeker("a"), seeker("c", "p")], [peer("p", 1, "c")])
    for solve in (stable, best):
        assert solve(lonely) == Matching(pairs=(("c", "p"),), unmatched=("a", "b"))
    empty = problem([], [])
    assert stable(empty) == best(empty) == Matching(pairs=(), unmatched=())


def test_blocking_pairs_names_who_would_rather_be_together() -> None:
    crossed = problem(
        [seeker("s1", "p1", "p2"), seeker("s2", "p2", "p1")],
        [peer("p1", 1, "s1", "s2"), peer("p2", 2, "s2", "s1")],
    )
    swapped = Matching(pairs=(("s1", "p2"), ("s2", "p1")), unmatched=())
    assert blocking_pairs(crossed, swapped) == [("s1", "p1"), ("s2", "p2")]
    # A peer with a free place wants any seeker it lists.
    alone = Matching(pairs=(("s2", "p2"),), unmatched=("s1",))
    assert blocking_pairs(crossed, alone) == [("s1", "p1"), ("s1", "p2")]


@pytest.mark.parametrize(
    ("matching", "problem_found"),
    [
        (Matching((("s1", "p1"), ("s2", "p1")), ()), "'p1' has 2 seekers for 1"),
        (Matching((("s1", "p2"),), ("s2",)), "not mutually acceptable"),
        (Matching((("s1", "p1"),), ()), "'s2' appears 0 times"),
        (Matching((("s1", "p1"),), ("s1", "s2")), "'s1' appears 2 times"),
        (Matching((("s1", "p9"),), ("s2",)), "names someone unknown"),
        (Matching((), ("s1", "s2", "s9")), "unknown unmatched seeker 's9'"),
    ],
)
def test_a_matching_that_breaks_a_rule_is_refused(matching: Matching, problem_found: str) -> None:
    small = problem(
        [seeker("s1", "p1", "p2"), seeker("s2", "p1")],
        [peer("p1", 1, "s1", "s2"), peer("p2", 1, "s2")],
    )
    assert any(problem_found in line for line in violations(small, matching))
    with pytest.raises(ProblemError, match="not a matching of this problem"):
        blocking_pairs(small, matching)


def good_input() -> dict[str, Any]:
    return {
        "seekers": [
            {"id": "s1", "choices": [{"peer": "p1", "score": 0.9}, {"peer": "p2", "score": 1}]},
            {"id": "s2", "choices": []},
        ],
        "peers": [
            {"id": "p1", "capacity": 2, "choices": [{"seeker": "s1", "score": 0.7}]},
            {"id": "p2", "capacity": 1, "choices": [{"seeker": "s2", "score": -0.5}]},
        ],
    }


def test_parse_reads_the_json_shape_of_the_issue() -> None:
    parsed = parse(good_input())
    assert parsed == Problem(
        seekers=(
            Seeker("s1", (Choice("p1", 0.9), Choice("p2", 1.0))),
            Seeker("s2", ()),
        ),
        peers=(
            Peer("p1", 2, (Choice("s1", 0.7),)),
            Peer("p2", 1, (Choice("s2", -0.5),)),
        ),
    )
    assert as_json(stable(parsed)) == {
        "pairs": [{"seeker": "s1", "peer": "p1"}],
        "unmatched": ["s2"],
    }


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    for key in path[:-1]:
        data = data[key]  # type: ignore[index]
    data[path[-1]] = value  # type: ignore[index]


def _drop(data: dict[str, Any], path: tuple[str | int, ...]) -> None:
    for key in path[:-1]:
        data = data[key]  # type: ignore[index]
    del data[path[-1]]  # type: ignore[arg-type]


MISSING = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("seekers", 0, "choices", 0, "peer"), "p9", "seeker 's1' lists unknown peer 'p9'"),
        (("peers", 0, "choices", 0, "seeker"), "s9", "peer 'p1' lists unknown seeker 's9'"),
        (("peers", 0, "capacity"), 0, "peers[0].capacity: a capacity must be at least 1, got 0"),
        (("peers", 0, "capacity"), -3, "at least 1, got -3"),
        (("peers", 0, "capacity"), 1.5, "peers[0].capacity: expected a whole number"),
        (("peers", 0, "capacity"), "2", "expected a whole number of at least 1, got '2'"),
        (("peers", 0, "capacity"), True, "expected a whole number of at least 1, got true"),
        (("seekers", 0, "choices", 0, "score"), "0.9", "score: expected a number, got '0.9'"),
        (("seekers", 0, "choices", 0, "score"), True, "score: expected a number, got true"),
        (("seekers", 0, "choices", 0, "score"), None, "score: expected a number, got None"),
        (("peers", 0, "choices", 0, "score"), math.nan, "expected a finite number, got nan"),
        (("peers", 0, "choices", 0, "score"), math.inf, "expected a finite number, got inf"),
        (("peers", 0, "choices", 0, "score"), 10**400, "expected a finite number, got 1000"),
        (("seekers", 1, "id"), "s1", "duplicate seeker id 's1'"),
        (("peers", 1, "id"), "p1", "duplicate peer id 'p1'"),
        (("seekers", 0, "choices", 1, "peer"), "p1", "seeker 's1' lists peer 'p1' twice"),
        (("seekers", 0, "id"), "", "seekers[0].id: expected a non-empty string"),
        (("seekers", 0, "id"), 7, "seekers[0].id: expected a non-empty string, got 7"),
        (("seekers", 0, "id"), MISSING, "seekers[0]: missing field 'id'"),
        (("seekers", 0, "choices"), MISSING, "seekers[0]: missing field 'choices'"),
        (("peers", 1, "capacity"), MISSING, "peers[1]: missing field 'capacity'"),
        (("peers", 0, "choices", 0, "score"), MISSING, "choices[0]: missing field 'score'"),
        (("seekers", 0, "choices", 0, "seeker"), "s1", "choices[0]: unknown field 'seeker'"),
        (("seekers", 0, "choices"), {"peer": "p1"}, "seekers[0].choices: expected a list"),
        (("seekers", 1), ["s2"], "seekers[1]: expected an object with id, choices"),
        (("peers",), "p1", "peers: expected a list"),
        (("peers",), MISSING, "input: missing field 'peers'"),
    ],
)
def test_parse_names_the_first_mistake_in_one_line(
    path: tuple[str | int, ...], value: object, message: str
) -> None:
    data = good_input()
    if value is MISSING:
        _drop(data, path)
    else:
        _set(data, path, value)
    with pytest.raises(ProblemError) as refused:
        parse(data)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_parse_refuses_what_is_not_an_object() -> None:
    with pytest.raises(ProblemError, match="input: expected an object"):
        parse([1, 2])


def test_a_problem_built_in_python_is_checked_too() -> None:
    for wrong, message in [
        (problem([], [peer("p1", 0)]), "capacity must be at least 1"),
        (problem([seeker("s1", ("p1", math.nan))], [peer("p1", 1)]), "finite number"),
        (problem([seeker("s1", "p1")], []), "unknown peer 'p1'"),
        (problem([seeker("s1"), seeker("s1")], []), "duplicate seeker id"),
        (problem([Seeker(["s1"], ())], []), "a seeker's id: expected a non-empty string"),  # type: ignore[arg-type]
        (problem([seeker("s1", ("p1", True))], [peer("p1", 1)]), "expected a number, got true"),
    ]:
        with pytest.raises(ProblemError, match=message):
            check(wrong)
        with pytest.raises(ProblemError, match=message):
            stable(wrong)
        with pytest.raises(ProblemError, match=message):
            best(wrong)


def test_large_finite_scores_are_scores() -> None:
    large = problem(
        [seeker("s1", ("p1", 1e308)), seeker("s2", ("p1", 1e308))],
        [peer("p1", 1, ("s1", 1e308), ("s2", -1e308))],
    )
    check(large)
    assert best(large).pairs == (("s1", "p1"),)
