"""Exact answers for small connected parts of the instance, by dynamic programming on subsets.

A part of at most EXACT_LIMIT people is solved over every possible grouping: each subset of
allowed size gets its best host (every member within reach, a label shared by all), and the
best split of every subset is built from the smaller ones. Lexicographic, as the whole solver:
most people placed, then least distance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

EXACT_LIMIT = 9


def best_grouping(
    people: Sequence[int],
    distance: Callable[[int, int], float],
    labels: Sequence[frozenset[int]],
    min_size: int,
    max_size: int,
    max_km: float,
) -> list[tuple[int, int, list[int]]]:
    """Return the optimal groups of `people` as (host, label, members) with global indices."""
    count = len(people)
    km = [[distance(a, b) for b in people] for a in people]
    groups_with: list[list[tuple[int, float, int, int]]] = [[] for _ in range(count)]
    for mask in range(1, 1 << count):
        members = [m for m in range(count) if mask >> m & 1]
        if not min_size <= len(members) <= max_size:
            continue
        shared = frozenset.intersection(*(labels[people[m]] for m in members))
        if not shared:
            continue
        best: tuple[float, int] | None = None
        for host in members:
            if all(km[m][host] <= max_km for m in members):
                cost = sum(km[m][host] for m in members)
                if best is None or cost < best[0]:
                    best = (cost, host)
        if best is not None:
            groups_with[members[0]].append((mask, best[0], best[1], min(shared)))

    # value[mask] = (placed, -distance) of the best grouping of the people in mask.
    value: list[tuple[int, float]] = [(0, 0.0)] * (1 << count)
    choice: list[tuple[int, float, int, int] | None] = [None] * (1 << count)
    for mask in range(1, 1 << count):
        lowest = (mask & -mask).bit_length() - 1
        value[mask] = value[mask & ~(1 << lowest)]
        for group in groups_with[lowest]:
            subset = group[0]
            if subset & ~mask:
                continue
            rest = value[mask & ~subset]
            candidate = (rest[0] + subset.bit_count(), rest[1] - group[1])
            if candidate > value[mask]:
                value[mask], choice[mask] = candidate, group
    result: list[tuple[int, int, list[int]]] = []
    mask = (1 << count) - 1
    while mask:
        picked = choice[mask]
        if picked is None:
            # The lowest person of this subset is best left out.
            mask &= ~(mask & -mask)
            continue
        subset, _, host, label = picked
        members = [people[m] for m in range(count) if subset >> m & 1]
        result.append((people[host], label, members))
        mask &= ~subset
    return result
