"""The LP multipliers and the large-neighbourhood search (compact.py, lns.py)."""

import random
import time

import numpy as np
import pytest
from hypothesis import given, settings

from entraide.formation import Constraints, Person, compact, distance_km, lns, verify
from entraide.formation.bound import Relaxation
from entraide.formation.problem import build
from entraide.formation.search import Grouping
from entraide.formation.solver import _solution
from entraide.formation.tests.test_solver import PROFILE, at, brute_force, instances


@settings(PROFILE)
@given(instances())
def test_lp_bound_and_milp_against_brute_force(
    instance: tuple[list[Person], Constraints],
) -> None:
    people, rules = instance
    problem = build(people, rules)
    best_count, best_total = brute_force(people, rules)
    placeable = np.flatnonzero(problem.placeable)
    unplaced = len(placeable) - best_count
    if not len(placeable):
        return
    lam = compact.lp_multipliers(problem, placeable, unplaced)
    assert lam is not None
    full = np.zeros(problem.size)
    full[placeable] = lam
    # Certified on the complete lists: never above the optimum.
    assert Relaxation(problem).certified(full, unplaced) <= best_total + 1e-9
    # The MILP over every placeable person, as many placed as the optimum: the optimum.
    groups, _ = compact.best_groups(problem, placeable, unplaced, node_limit=10_000)
    assert groups is not None
    total = sum(distance_km(people[m], people[host]) for host, members in groups for m in members)
    assert sum(len(members) for _, members in groups) == best_count
    assert total == pytest.approx(best_total, abs=1e-7)


@pytest.mark.parametrize("same_language", [False, True])
def test_lns_never_worsens_and_keeps_the_constraints(same_language: bool) -> None:
    rng = random.Random(7)
    people = [
        at(
            str(k),
            rng.uniform(0, 4),
            rng.uniform(0, 4),
            languages=frozenset({"fr"} if k % 4 else {"fr", "br"}),
        )
        for k in range(50)
    ]
    rules = Constraints(same_language=same_language)
    problem = build(people, rules)
    grouping = Grouping(problem, np.flatnonzero(problem.placeable).tolist())
    grouping.place_free()
    before = (grouping.placed(), grouping.total())
    gains = lns.improve(grouping, problem, random.Random(0), budget=60, milp_budget=2)
    after = (grouping.placed(), grouping.total())
    assert after[0] >= before[0]
    if after[0] == before[0]:
        assert after[1] <= before[1] + 1e-9
        assert gains == 0 or after[1] < before[1]
    solution = _solution(
        people, problem, grouping.groups(), 0.0, time.perf_counter(), lambda _: None
    )
    assert verify(people, rules, solution) == []
