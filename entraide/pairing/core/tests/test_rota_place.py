"""A coordinator's adjustment: `place` adds one assignment, within the rules."""

import pytest

from entraide.pairing.core.rota import RotaError, Volunteer, check, place, rota_of
from entraide.pairing.core.tests.test_rota import shift, volunteer


def test_place_adds_an_assignment_and_updates_the_gaps() -> None:
    shifts = [shift("a", 0, wanted=2)]
    people = [volunteer("ann", "a")]

    placed = place(rota_of(shifts, []), shifts, people, ("a", "ann"))

    assert placed.assignments == (("a", "ann"),)
    assert placed.gaps == (("a", 1),)
    assert check(shifts, people, placed) == []


@pytest.mark.parametrize(
    ("people", "start", "pair", "code"),
    [
        ([volunteer("ann", "a", trained=False)], [], ("a", "ann"), "not_trained"),
        ([volunteer("ann", "b")], [], ("a", "ann"), "not_available"),
        ([volunteer("ann", "a b", max_shifts=1)], [("b", "ann")], ("a", "ann"), "over_offer"),
        ([volunteer("ann", "a c")], [("c", "ann")], ("a", "ann"), "overlap"),
        ([volunteer("ann", "a"), volunteer("bo", "a")], [("a", "bo")], ("a", "ann"), "over_wanted"),
        ([volunteer("ann", "a")], [("a", "ann")], ("a", "ann"), "twice"),
    ],
)
def test_place_refuses_what_breaks_a_rule_with_its_code(
    people: list[Volunteer], start: list[tuple[str, str]], pair: tuple[str, str], code: str
) -> None:
    shifts = [shift("a", 0, wanted=1), shift("b", 10, wanted=1), shift("c", 2, wanted=1)]

    with pytest.raises(RotaError) as refused:
        place(rota_of(shifts, start), shifts, people, pair)

    assert refused.value.code == code
