"""The compact model of a part of the instance, for HiGHS (scipy): its LP and its MILP.

Over the group options f = (host j, label l) whose host is in the part, with the candidates of
f (the K nearest compatible people within reach, `Problem.cand`) that are in the part:

    y_f = 1 when f is open, x_if = 1 when i walks to f's host, u_i = 1 when i is left out;
    for every person i:  sum_{f hosted by i} y_f + sum_f x_if + u_i = 1;
    x_if <= y_f;  (min - 1) y_f <= sum_i x_if <= (max - 1) y_f;  sum_i u_i <= unplaced;
    minimise sum d(i, j) x_if.

Its LP relaxation equals the Lagrangian dual of bound.py (the subproblem's polytope is
integral), so the duals of the assignment rows are good multipliers; bound.py then evaluates
them on the complete lists, which certifies the bound whatever the truncation. The MILP
re-solves small neighbourhoods exactly for the local search (lns.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_array, csr_array

from entraide.formation.geometry import FloatArray
from entraide.formation.problem import IntArray, Problem


@dataclass(frozen=True, slots=True)
class Model:
    people: IntArray  # global indices of the part's people, row order of the assignment rows
    options: IntArray  # global option indices
    pair_person: IntArray  # local person index of each x
    pair_option: IntArray  # local option index of each x
    pair_km: FloatArray
    equality: csr_array  # assignment rows over (y, x, u)
    inequality: csr_array  # x <= y, size rows, sum u <= unplaced
    upper: FloatArray  # right-hand sides of the inequalities

    @property
    def variables(self) -> int:
        return len(self.options) + len(self.pair_km) + len(self.people)

    def cost(self) -> FloatArray:
        zeros = np.zeros
        cost = np.concatenate((zeros(len(self.options)), self.pair_km, zeros(len(self.people))))
        return cost.astype(np.float64)


def _linprog(cost: FloatArray, **arguments: Any) -> Any:
    """scipy's linprog; its stubs do not take sparse matrices, which it accepts."""
    return linprog(cost, **arguments)


def build_model(problem: Problem, people: IntArray, unplaced: int) -> Model:
    """Write the compact model of `people` (candidates outside them are ignored)."""
    people = np.asarray(people, dtype=np.intp)
    local = np.full(problem.size, -1, dtype=np.intp)
    local[people] = np.arange(len(people))
    options = np.flatnonzero(local[problem.opt_host] >= 0)
    cand = problem.cand[options]
    inside = (cand >= 0) & (local[np.maximum(cand, 0)] >= 0)
    pair_option, column = np.nonzero(inside)
    pair_person = local[cand[pair_option, column]]
    pair_km = problem.cand_km[options][pair_option, column]
    n_opt, n_pair, n_people = len(options), len(pair_km), len(people)
    y = np.arange(n_opt)
    x = n_opt + np.arange(n_pair)
    u = n_opt + n_pair + np.arange(n_people)
    equality = coo_array(
        (
            np.ones(n_opt + n_pair + n_people),
            (
                np.r_[local[problem.opt_host[options]], pair_person, np.arange(n_people)],
                np.r_[y, x, u],
            ),
        ),
        shape=(n_people, n_opt + n_pair + n_people),
    ).tocsr()
    low, high = problem.constraints.min_size - 1, problem.constraints.max_size - 1
    pairs = np.arange(n_pair)
    # x - y <= 0; (min-1) y - sum x <= 0; sum x - (max-1) y <= 0; sum u <= unplaced.
    rows = np.r_[pairs, pairs, n_pair + pair_option, n_pair + y, n_pair + n_opt + pair_option]
    rows = np.r_[rows, n_pair + n_opt + y, np.full(n_people, n_pair + 2 * n_opt)]
    cols = np.r_[x, pair_option, x, y, x, y, u]
    values = np.r_[
        np.ones(n_pair),
        -np.ones(n_pair),
        -np.ones(n_pair),
        np.full(n_opt, float(low)),
        np.ones(n_pair),
        np.full(n_opt, -float(high)),
        np.ones(n_people),
    ]
    inequality = coo_array(
        (values, (rows, cols)), shape=(n_pair + 2 * n_opt + 1, equality.shape[1])
    ).tocsr()
    upper = np.zeros(inequality.shape[0])
    upper[-1] = float(unplaced)
    return Model(people, options, pair_person, pair_option, pair_km, equality, inequality, upper)


def lp_multipliers(problem: Problem, people: IntArray, unplaced: int) -> FloatArray | None:
    """Return the LP duals of the assignment rows of `people` (None if HiGHS fails)."""
    model = build_model(problem, people, unplaced)
    if not len(model.options):
        return None
    result = _linprog(
        model.cost(),
        A_ub=model.inequality,
        b_ub=model.upper,
        A_eq=model.equality,
        b_eq=np.ones(len(model.people)),
        bounds=(0, 1),
        method="highs",
    )
    if result.status != 0:
        return None
    # d(cost)/d(b_i): the multiplier of "i is placed once or left out", as in bound.py.
    return np.asarray(result.eqlin.marginals, dtype=np.float64)


def best_groups(
    problem: Problem,
    people: IntArray,
    unplaced: int,
    node_limit: int,
    must_beat: float = np.inf,
) -> tuple[list[tuple[int, list[int]]] | None, bool]:
    """Return least-distance groups of `people` leaving at most `unplaced` out, and whether
    the MILP was needed.

    The LP relaxation comes first: when it shows that nothing walks less than `must_beat`
    (most neighbourhoods), the MILP is skipped, and an integral LP solution is taken as is.
    Otherwise a small branch and bound of at most `node_limit` LPs (none when it is 0). None
    when nothing better than `must_beat` is found.
    """
    model = build_model(problem, people, unplaced)
    if not len(model.options):
        return None, False
    relaxed = _linprog(
        model.cost(),
        A_ub=model.inequality,
        b_ub=model.upper,
        A_eq=model.equality,
        b_eq=np.ones(len(model.people)),
        bounds=(0, 1),
        method="highs",
    )
    if relaxed.status != 0 or relaxed.fun >= must_beat:
        return None, False
    if np.abs(relaxed.x - np.round(relaxed.x)).max() < 1e-6:
        return _groups(problem, model, relaxed.x), False
    if node_limit <= 0:
        return None, False
    found = _branch_and_bound(model, must_beat, node_limit)
    if found is None:
        return None, True
    return _groups(problem, model, found), True


def _branch_and_bound(model: Model, must_beat: float, node_limit: int) -> FloatArray | None:
    """Depth-first branch and bound over LP relaxations, at most `node_limit` LPs.

    HiGHS's own MILP can spend seconds at the root of these small models (cuts, restarts);
    a few dozen LPs of a few milliseconds each are cheaper and, counted, deterministic.
    Branches on the most fractional host variable first: with every host fixed, the rest is
    a flow problem whose simplex vertices are integral. Returns the best solution found that
    walks less than `must_beat`, or None.
    """
    cost = model.cost()
    rhs = np.ones(len(model.people))
    n_opt = len(model.options)
    best: FloatArray | None = None
    limit = must_beat
    stack = [(np.zeros(model.variables), np.ones(model.variables))]
    nodes = 0
    while stack and nodes < node_limit:
        low, high = stack.pop()
        nodes += 1
        result = _linprog(
            cost,
            A_ub=model.inequality,
            b_ub=model.upper,
            A_eq=model.equality,
            b_eq=rhs,
            bounds=np.column_stack((low, high)),
            method="highs-ds",
        )
        if result.status != 0 or result.fun >= limit - 1e-9:
            continue
        x = np.asarray(result.x, dtype=np.float64)
        fraction = np.abs(x - np.round(x))
        if fraction.max() < 1e-6:
            best, limit = np.round(x), float(result.fun)
            continue
        hosts = fraction[:n_opt]
        var = int(np.argmax(hosts)) if hosts.max() >= 1e-6 else int(np.argmax(fraction))
        down_high, up_low = high.copy(), low.copy()
        down_high[var] = 0.0
        up_low[var] = 1.0
        # The branch the LP leans to is explored first (pushed last).
        if x[var] >= 0.5:
            stack += [(low, down_high), (up_low, high)]
        else:
            stack += [(up_low, high), (low, down_high)]
    return best


def _groups(problem: Problem, model: Model, solution: FloatArray) -> list[tuple[int, list[int]]]:
    chosen = np.round(solution).astype(bool)
    n_opt = len(model.options)
    groups: dict[int, list[int]] = {}
    for k in np.flatnonzero(chosen[:n_opt]).tolist():
        groups[k] = [int(problem.opt_host[model.options[k]])]
    picked = np.flatnonzero(chosen[n_opt : n_opt + len(model.pair_km)])
    for e in picked.tolist():
        groups[int(model.pair_option[e])].append(int(model.people[model.pair_person[e]]))
    return [(members[0], members) for members in groups.values()]
