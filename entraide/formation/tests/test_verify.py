"""The independent verifier finds every kind of broken proposal."""

import pytest

from entraide.formation import (
    NOBODY_WITHIN_REACH,
    Constraints,
    Group,
    Person,
    Solution,
    Unplaced,
    distance_km,
    verify,
)

# Four people 100 m apart along a meridian (0.0009° of latitude is about 100 m), one far away.
PEOPLE = [
    Person("a", 48.0, 2.0, frozenset({"fr"}), frozenset({"deuil"})),
    Person("b", 48.0009, 2.0, frozenset({"fr", "en"}), frozenset({"deuil"})),
    Person("c", 48.0018, 2.0, frozenset({"en"}), frozenset({"deuil", "jeu"})),
    Person("far", 49.0, 2.0),
]
RULES = Constraints(min_size=2, max_size=3, max_km=1.0)


def solution(groups: list[Group], unplaced: list[Unplaced]) -> Solution:
    by_id = {p.id: p for p in PEOPLE}
    total = sum(
        distance_km(by_id[m], by_id[g.host]) for g in groups for m in g.members if m in by_id
    )
    return Solution(groups=groups, unplaced=unplaced, total_km=total, lower_bound_km=0.0)


def test_sound_solution_has_no_problem() -> None:
    sound = solution([Group("b", ["b", "a", "c"])], [Unplaced("far", NOBODY_WITHIN_REACH)])
    assert verify(PEOPLE, RULES, sound) == []


@pytest.mark.parametrize(
    ("groups", "unplaced", "rules", "expected"),
    [
        ([Group("a", ["a", "b", "c"])], [], RULES, "neither placed nor unplaced"),
        ([Group("a", ["a", "b", "c", "far"])], [], RULES, "4 members, outside [2, 3]"),
        ([Group("a", ["a"])], [], RULES, "1 members"),
        ([Group("a", ["b", "c"])], [], RULES, "the host is not a member"),
        ([Group("a", ["a", "zed"])], [], RULES, "unknown id 'zed'"),
        ([Group("a", ["a", "b"]), Group("c", ["c", "b"])], [], RULES, "more than once"),
        ([Group("a", ["a", "far"])], [], RULES, "more than 1.0 km"),
        (
            [Group("b", ["b", "a", "c"])],
            [],
            Constraints(2, 3, 1.0, same_language=True),
            "no language",
        ),
        ([Group("b", ["b", "a", "c"])], [], Constraints(2, 3, 1.0, same_theme=False), "neither"),
        ([Group("a", ["a", "b"]), Group("c", ["c", "far"])], [], RULES, "more than 1.0 km"),
    ],
)
def test_problems_are_found(
    groups: list[Group], unplaced: list[Unplaced], rules: Constraints, expected: str
) -> None:
    problems = verify(PEOPLE, rules, solution(groups, unplaced))
    assert any(expected in problem for problem in problems), problems


def test_shared_theme_and_language_are_checked() -> None:
    group = [Group("b", ["b", "a", "c"])]
    rest = [Unplaced("far", NOBODY_WITHIN_REACH)]
    assert verify(PEOPLE, Constraints(2, 3, 1.0, same_theme=True), solution(group, rest)) == []
    pair = [Group("a", ["a", "b"])]
    rest = [Unplaced("c", NOBODY_WITHIN_REACH), Unplaced("far", NOBODY_WITHIN_REACH)]
    assert verify(PEOPLE, Constraints(2, 3, 1.0, True, True), solution(pair, rest)) == []


def test_wrong_totals_and_reasons_are_found() -> None:
    sound = solution([Group("b", ["b", "a", "c"])], [Unplaced("far", "because")])
    sound.total_km += 1
    sound.lower_bound_km = sound.total_km + 1
    problems = verify(PEOPLE, RULES, sound)
    assert any("unknown reason 'because'" in p for p in problems)
    assert any("total_km is" in p for p in problems)
    assert any("lower_bound_km" in p for p in problems)
