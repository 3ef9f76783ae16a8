"""Large-neighbourhood search: re-solve a few neighbouring groups at once.

A neighbourhood is a group, the groups nearest to it (by host) that some member can reach, and
the free people within reach of them. Its people are re-grouped by the compact model
(compact.py: LP, then a small branch and bound) with at most as many left out as now, at
least distance; the new groups replace the old ones when they walk less. Local moves change
one or two groups at a time; this changes up to `GROUPS` at once.

Deterministic: the order of neighbourhoods comes from the seeded generator, the branch and
bound is bounded by a count of LPs (never a clock), and the neighbourhoods by budgets.
"""

from __future__ import annotations

import random

import numpy as np

from entraide.formation import compact
from entraide.formation.problem import Problem, components
from entraide.formation.search import EPSILON, Grouping

GROUPS = 4  # groups per neighbourhood, the seed group included
FREE = 6  # free people added at most
NODE_LIMIT = 25
# Connected parts of at most this many people are re-solved whole first, with more nodes.
PART_LIMIT = 30
PART_NODES = 300
# Placing a left-out person: the groups within their reach re-solved with one fewer left out.
PLACE_GROUPS = 8
PLACE_NODES = 60


def neighbourhood(grouping: Grouping, group: int, size: int, rng: random.Random) -> list[int]:
    """Return `group` and some of the nearest groups (by host) that its members can reach.

    The others are drawn from the 2 (size - 1) nearest, so that passes try new unions.
    """
    host = grouping.host[group]
    near: set[int] = set()
    for member in grouping.members[group]:
        for other in grouping.near[member]:
            target = grouping.group_of[other]
            if target >= 0 and target != group:
                near.add(target)
    ranked = sorted(near, key=lambda g: (grouping.distance(host, grouping.host[g]), g))
    ranked = ranked[: 2 * (size - 1)]
    if len(ranked) > size - 1:
        ranked = sorted(rng.sample(ranked, size - 1))
    return [group, *ranked]


def improve(
    grouping: Grouping,
    problem: Problem,
    rng: random.Random,
    budget: int,
    milp_budget: int,
    size: int = GROUPS,
    among: frozenset[int] | None = None,
) -> int:
    """Re-solve neighbourhoods until none improves or the budgets are spent; return gains.

    `budget` counts neighbourhoods (each costs an LP, a few ms); `milp_budget` those whose LP
    was fractional and promising, which need HiGHS's MILP (0.1-2 s each on dense towns).
    With `among`, only the neighbourhoods of groups hosted by those people are tried.
    """
    done: dict[tuple[int, ...], tuple[int, ...]] = {}
    gains = stale = 0
    while budget > 0:
        order = [
            g
            for g in range(len(grouping.host))
            if grouping.alive[g] and (among is None or grouping.host[g] in among)
        ]
        rng.shuffle(order)
        changed = False
        for group in order:
            if budget <= 0:
                break
            if not grouping.alive[group]:
                continue
            groups = neighbourhood(grouping, group, size, rng)
            key = tuple(sorted(groups))
            versions = tuple(grouping.version[g] for g in key) + tuple(
                len(grouping.members[g]) for g in key
            )
            if done.get(key) == versions:
                continue
            done[key] = versions
            budget -= 1
            node_limit = NODE_LIMIT if milp_budget > 0 else 0
            improved, used_milp = _resolve(grouping, problem, key, node_limit)
            milp_budget -= used_milp
            if improved:
                gains += 1
                changed = True
        if not changed:
            stale += 1
            if stale >= 3:
                break
        else:
            stale = 0
    return gains


def place_left_out(grouping: Grouping, problem: Problem, node_limit: int = PLACE_NODES) -> int:
    """Place left-out people by re-solving, for each, the groups around them at least walk.

    For a free person, the `PLACE_GROUPS` groups nearest to them (by host) among those of the
    people within two steps of reach, and the free people near them, are re-grouped by the
    compact model with one fewer left out than now. Only those groups change, and their walk
    is optimised: placing one more person costs about one more walk, never the walking of a
    whole town (which a "most placed" MILP on the whole part would throw away). Return how
    many were placed.
    """
    placed = 0
    for person in list(grouping.people):
        if grouping.group_of[person] >= 0 or not grouping.near[person]:
            continue
        # The groups of those within their reach, and of those within reach of these: a
        # person with one neighbour needs that neighbour to host, with others around them.
        near: set[int] = set()
        for other in grouping.near[person]:
            for second in [other, *grouping.near[other]]:
                group = grouping.group_of[second]
                if group >= 0:
                    near.add(group)
        if not near:
            continue
        ranked = sorted(near, key=lambda g: (grouping.distance(person, grouping.host[g]), g))
        groups = tuple(sorted(ranked[:PLACE_GROUPS]))
        if _resolve(grouping, problem, groups, node_limit, person)[0]:
            placed += 1
    return placed


def solve_small_parts(
    grouping: Grouping, problem: Problem, limit: int = PART_LIMIT, node_limit: int = PART_NODES
) -> None:
    """Re-solve, nearly exactly, each connected part of at most `limit` people at once."""
    _, part = components(problem)
    members: dict[int, list[int]] = {}
    for person in grouping.people:
        members.setdefault(int(part[person]), []).append(person)
    for people in members.values():
        groups = sorted({grouping.group_of[i] for i in people} - {-1})
        if len(people) <= limit and groups:
            _resolve(grouping, problem, tuple(groups), node_limit)


def _resolve(
    grouping: Grouping,
    problem: Problem,
    groups: tuple[int, ...],
    node_limit: int,
    newcomer: int = -1,
) -> tuple[bool, bool]:
    """Re-solve the union of `groups`; return (improved, whether the MILP was needed).

    With a `newcomer` (a free person), one more person must be placed than now, at least walk;
    otherwise as many as now, walking less.
    """
    members = [m for g in groups for m in grouping.members[g]]
    inside = set(members)
    free: list[int] = []
    if newcomer >= 0:
        inside.add(newcomer)
        free.append(newcomer)
    for member in members:
        for other in grouping.near[member]:
            if len(free) >= FREE:
                break
            if grouping.group_of[other] < 0 and other not in inside and other in grouping.pool:
                inside.add(other)
                free.append(other)
    people = np.array(sorted(inside), dtype=np.intp)
    current = sum(grouping.cost[m] for m in members)
    # The MILP places as many as now (it could place more, but does not aim at it): only a
    # grouping that walks less is of use.
    more = newcomer >= 0
    new_groups, used_milp = compact.best_groups(
        problem, people, len(free) - more, node_limit, np.inf if more else current - EPSILON
    )
    if new_groups is None:
        return False, used_milp
    placed = sum(len(chosen) for _, chosen in new_groups)
    total = sum(grouping.distance(m, host) for host, chosen in new_groups for m in chosen)
    if more:
        if placed <= len(members):
            return False, used_milp
    elif placed < len(members) or (placed == len(members) and total >= current - EPSILON):
        return False, used_milp
    for group in groups:
        grouping.close_group(group)
    for host, chosen in new_groups:
        grouping.open_group(host, chosen)
    return True, used_milp
