"""The independent parts and their MILP (parts.py): the split, the groups and the bound."""

import numpy as np
import pytest
from hypothesis import given, settings

from entraide.formation import Constraints, Person, distance_km, parts
from entraide.formation.problem import build
from entraide.formation.tests.test_solver import PROFILE, at, brute_force, instances


def test_parts_are_the_connected_parts_of_the_complete_reach_graph() -> None:
    # A chain a-b-c (1.5 km steps: a and c are 3 km apart, linked only through b), and a
    # pair far away.
    people = [at("a", 0), at("b", 1.5), at("c", 3.0), at("d", 50), at("e", 50.5)]
    problem = build(people, Constraints(min_size=2, max_size=3))
    found = parts.full_parts(problem, np.arange(len(people)))
    assert sorted(sorted(part.tolist()) for part in found) == [[0, 1, 2], [3, 4]]
    assert parts.full_parts(problem, np.zeros(0, dtype=np.intp)) == []


@settings(PROFILE)
@given(instances())
def test_each_part_s_groups_and_bound_against_brute_force(
    instance: tuple[list[Person], Constraints],
) -> None:
    people, rules = instance
    problem = build(people, rules)
    placeable = np.flatnonzero(problem.placeable)
    best_count, best_total = brute_force(people, rules)
    found_count, found_total, bound, lp_bound = 0, 0.0, 0.0, 0.0
    for part in parts.full_parts(problem, placeable):
        # Start from nobody placed: the first stage must find the fewest left out.
        answer = parts.solve_part(problem, part, len(part), np.inf, node_limit=1_000, rel_gap=0)
        assert answer.proven
        groups = answer.groups or []
        found_count += sum(len(members) for _, members in groups)
        found_total += sum(distance_km(people[m], people[h]) for h, ms in groups for m in ms)
        bound += answer.bound
        lp = parts.solve_part(problem, part, answer.unplaced, np.inf, 1_000, max_pairs=0)
        lp_bound += lp.bound
    assert found_count == best_count
    assert found_total == pytest.approx(best_total, abs=1e-7)
    # Certified: never above the optimum, and the MILP's is at least the LP's.
    assert lp_bound <= bound + 1e-9 <= best_total + 2e-9
    assert bound == pytest.approx(best_total, abs=1e-5)
