"""Placing more people in sparse parts, where local moves get stuck, with a small MILP.

In a village chain, placing everyone may need every group to move at once. For a connected
part where the search left placeable people out, a MILP (scipy's HiGHS) over its group options
maximises the number placed; the local search then shortens the walks without unplacing.
A node limit, not a clock, bounds the work, so that answers stay deterministic.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from entraide.formation.problem import IntArray, Problem

# Parts up to this many people get the MILP; larger ones are left to the local search.
MAX_PEOPLE = 40
NODE_LIMIT = 200


def most_placed(problem: Problem, people: IntArray) -> list[tuple[int, list[int]]] | None:
    """Return groups (host, members) placing as many of `people` as possible, or None."""
    inside = np.zeros(problem.size, dtype=np.bool_)
    inside[people] = True
    options = np.flatnonzero(inside[problem.opt_host])
    if not len(options):
        return None
    index = {int(person): k for k, person in enumerate(people.tolist())}
    pairs = [
        (index[int(i)], k)
        for k, f in enumerate(options.tolist())
        for i in problem.cand[f].tolist()
        if i >= 0 and inside[i]
    ]
    n_options, n_pairs = len(options), len(pairs)
    variables = n_options + n_pairs
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for k, f in enumerate(options.tolist()):
        rows.append(index[int(problem.opt_host[f])])
        cols.append(k)
        values.append(1.0)
    for e, (i, k) in enumerate(pairs):
        rows += [i, len(people) + e]
        cols += [n_options + e, n_options + e]
        values += [1.0, 1.0]
        rows.append(len(people) + e)
        cols.append(k)
        values.append(-1.0)
    size_row = len(people) + n_pairs
    low, high = problem.constraints.min_size - 1, problem.constraints.max_size - 1
    for k in range(n_options):
        rows += [size_row + 2 * k, size_row + 2 * k + 1]
        cols += [k, k]
        values += [-float(low), -float(high)]
    for e, (_, k) in enumerate(pairs):
        rows += [size_row + 2 * k, size_row + 2 * k + 1]
        cols += [n_options + e, n_options + e]
        values += [1.0, 1.0]
    matrix = coo_array((values, (rows, cols)), shape=(size_row + 2 * n_options, variables))
    lower = np.r_[
        np.zeros(len(people)), np.full(n_pairs, -np.inf), np.tile([0.0, -np.inf], n_options)
    ]
    upper = np.r_[np.ones(len(people)), np.zeros(n_pairs), np.tile([np.inf, 0.0], n_options)]
    # Placements only: the distance is left to the local search, which keeps them all, and a
    # pure count makes the MILP much easier than with a distance tie-break.
    cost = -np.ones(variables)
    result = milp(
        cost,
        constraints=[LinearConstraint(matrix.tocsr(), lower, upper)],
        integrality=np.ones(variables, dtype=np.int64),
        bounds=Bounds(0, 1),
        options={"node_limit": NODE_LIMIT, "mip_rel_gap": 0.5 / (1 + len(people))},
    )
    if result.x is None:
        return None
    chosen = np.round(result.x).astype(bool)
    groups: dict[int, list[int]] = {}
    for k in np.flatnonzero(chosen[:n_options]).tolist():
        host = int(problem.opt_host[options[k]])
        groups[k] = [host]
    for e in np.flatnonzero(chosen[n_options:]).tolist():
        i, k = pairs[e]
        groups[k].append(int(people[i]))
    return [(members[0], members) for members in groups.values()]
