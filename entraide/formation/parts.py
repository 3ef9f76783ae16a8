r"""Independent parts, each re-solved by HiGHS's MILP: better groups and a certified bound.

Two people can share a group only if both are within reach of a common host, so the connected
parts of the complete "within reach" graph (among the people who can be placed at all) are
independent problems: a grouping of the whole is a grouping of each part, and its total is the
sum of theirs.

For each part P, with u_P the number of its people our grouping leaves out, the compact model
over the *complete* lists (every option (host j, label l) of P, every compatible person within
reach of j; compact.py writes the same model over the truncated lists)

    y_f = 1 when option f is open, x_if = 1 when i walks to f's host, u_i = 1 when i is left out;
    for every person i of P:  sum_{f hosted by i} y_f + sum_f x_if + u_i = 1;
    x_if <= y_f;  (min - 1) y_f <= sum_i x_if <= (max - 1) y_f;  minimise sum d(i, j) x_if

is solved twice by `scipy.optimize.milp`, each time with a node limit (a count, never a
clock): first, when u_P > 0, minimising sum u_i (the fewest P can leave out); then, with
sum u_i <= that fewest, minimising the walk. HiGHS returns with the second its
`mip_dual_bound`: no grouping of P leaving at most that many out walks less. The LP relaxation
comes first: when our groups are already within the asked gap of it, the LP's value is the
bound and the MILP is skipped. Dense parts (more than `max_pairs` (person, option) pairs) only
get the LP's value, which is also a valid bound, if a weaker one (a few per cent below).

Why the sum is a certified bound. When the first stage proves, in every part, that no grouping
leaves fewer out than ours (its dual bound, rounded up, equals u_P), any grouping of the whole
that places at least as many people as ours leaves exactly u_P out in each part, so its total is
at least the sum of the parts' dual bounds (a small tolerance is taken off each, for HiGHS's
feasibility tolerances). Otherwise the parts' bound is not claimed and the Lagrangian's stands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, csr_array
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from entraide.formation.geometry import chord_to_km
from entraide.formation.problem import IntArray, Problem

# How far below HiGHS's dual bound the certified bound is taken (relative, and absolute km).
SAFETY_RELATIVE = 1e-7
SAFETY_KM = 1e-6


def full_parts(problem: Problem, people: IntArray) -> list[IntArray]:
    """Return the connected parts of the complete 'within reach' graph among `people`.

    Every pair within reach is listed (k-d tree): meant for the sizes where the parts are then
    solved by MILP, not for 100,000 people in dense towns.
    """
    people = np.asarray(people, dtype=np.intp)
    if not len(people):
        return []
    pairs = cKDTree(problem.points[people]).query_pairs(problem.reach_chord, output_type="ndarray")
    size = len(people)
    graph = csr_array(
        (np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])) if len(pairs) else ([], ([], [])),
        shape=(size, size),
    )
    count, label = connected_components(graph, directed=False)
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(count + 1))
    return [people[order[bounds[k] : bounds[k + 1]]] for k in range(count)]


@dataclass(frozen=True, slots=True)
class PartModel:
    people: IntArray  # global indices
    option_host: IntArray  # local index of each option's host
    option_label: IntArray
    pair_person: IntArray  # local person of each x
    pair_option: IntArray
    pair_km: np.ndarray
    matrix: csr_array
    lower: np.ndarray
    upper: np.ndarray

    @property
    def variables(self) -> int:
        return len(self.option_host) + len(self.pair_km) + len(self.people)


def build_part(problem: Problem, people: IntArray) -> PartModel:
    """Write the compact model of a part over the complete lists (see the module docstring)."""
    people = np.asarray(people, dtype=np.intp)
    size = len(people)
    local = {int(person): k for k, person in enumerate(people.tolist())}
    constraints = problem.constraints
    low, high = constraints.min_size - 1, constraints.max_size - 1
    lists = problem.within_reach(people)
    option_host: list[int] = []
    option_label: list[int] = []
    pair_person: list[int] = []
    pair_option: list[int] = []
    pair_km: list[float] = []
    for k, host in enumerate(people.tolist()):
        found = np.array([i for i in lists[k] if i != host and i in local], dtype=np.intp)
        km = chord_to_km(
            np.linalg.norm(problem.points[found] - problem.points[host], axis=1)
            if len(found)
            else np.zeros(0)
        )
        within = km <= constraints.max_km
        found, km = found[within], km[within]
        for label in sorted(problem.labels[host]):
            compatible = problem.has_label[found, label]
            if int(compatible.sum()) < low:
                continue
            option = len(option_host)
            option_host.append(k)
            option_label.append(label)
            pair_person += [local[int(i)] for i in found[compatible].tolist()]
            pair_option += [option] * int(compatible.sum())
            pair_km += km[compatible].tolist()
    n_opt, n_pair = len(option_host), len(pair_km)
    hosts = np.array(option_host, dtype=np.intp)
    members = np.array(pair_person, dtype=np.intp)
    opts = np.array(pair_option, dtype=np.intp)
    y = np.arange(n_opt)
    x = n_opt + np.arange(n_pair)
    u = n_opt + n_pair + np.arange(size)
    pairs = np.arange(n_pair)
    # Rows: assignment (size), x - y <= 0 (n_pair), then per option the size rows
    # sum x - (min-1) y >= 0 and sum x - (max-1) y <= 0.
    size_rows = size + n_pair + 2 * opts
    rows = np.r_[hosts, members, np.arange(size), size + pairs, size + pairs]
    cols = np.r_[y, x, u, x, opts]
    values = np.r_[np.ones(n_opt + n_pair + size), np.ones(n_pair), -np.ones(n_pair)]
    rows = np.r_[rows, size_rows, size_rows + 1, size + n_pair + 2 * y, size + n_pair + 2 * y + 1]
    cols = np.r_[cols, x, x, y, y]
    values = np.r_[
        values, np.ones(2 * n_pair), np.full(n_opt, -float(low)), np.full(n_opt, -float(high))
    ]
    shape = (size + n_pair + 2 * n_opt, n_opt + n_pair + size)
    matrix = coo_array((values, (rows, cols)), shape=shape).tocsr()
    lower = np.r_[np.ones(size), np.full(n_pair, -np.inf), np.tile([0.0, -np.inf], n_opt)]
    upper = np.r_[np.ones(size), np.zeros(n_pair), np.tile([np.inf, 0.0], n_opt)]
    return PartModel(
        people,
        hosts,
        np.array(option_label, dtype=np.intp),
        members,
        opts,
        np.array(pair_km, dtype=np.float64),
        matrix,
        lower,
        upper,
    )


@dataclass(frozen=True, slots=True)
class PartAnswer:
    groups: list[tuple[int, list[int]]] | None  # better groups than the current ones, if found
    unplaced: int  # the fewest left out, when proven; else the current count
    proven: bool  # whether no grouping of the part leaves fewer out
    bound: float  # certified: no grouping leaving `unplaced` out walks less (0 if unknown)


def _fewest_unplaced(
    model: PartModel, current: int, node_limit: int
) -> tuple[int, bool, np.ndarray | None]:
    """The first stage: (fewest left out found, whether proven least, its solution if it
    leaves fewer out than `current`)."""
    if current == 0:
        return 0, True, None
    n_opt, n_pair, size = len(model.option_host), len(model.pair_km), len(model.people)
    first = milp(
        np.r_[np.zeros(n_opt + n_pair), np.ones(size)],
        constraints=[LinearConstraint(model.matrix, model.lower, model.upper)],
        integrality=np.ones(model.variables, dtype=np.int64),
        bounds=Bounds(0, 1),
        options={"node_limit": node_limit, "mip_rel_gap": 0.0},
    )
    unplaced, solution = current, None
    if first.x is not None and first.fun is not None and round(first.fun) < current:
        unplaced, solution = round(first.fun), np.asarray(first.x)
    fewest = _dual_bound(first)
    proven = fewest is not None and math.ceil(fewest - 1e-6) >= unplaced
    return unplaced, proven, solution


def _limit_row(model: PartModel) -> csr_array:
    """The row sum u_i of a part's model."""
    size, start = len(model.people), len(model.option_host) + len(model.pair_km)
    return csr_array(
        (np.ones(size), (np.zeros(size, dtype=np.intp), start + np.arange(size))),
        shape=(1, model.variables),
    )


def solve_part(
    problem: Problem,
    people: IntArray,
    current_unplaced: int,
    current_km: float,
    node_limit: int,
    rel_gap: float = 2e-3,
    max_pairs: int = 3_000,
) -> PartAnswer:
    """Re-solve one part: fewest left out, then least walk; see the module docstring.

    A part whose model has more than `max_pairs` (person, option) pairs only gets its LP's
    bound (`bound_part`): HiGHS's MILP can spend minutes at the root of dense towns.
    """
    model = build_part(problem, people)
    n_opt, size = len(model.option_host), len(model.people)
    if not n_opt:
        return PartAnswer(None, size, current_unplaced == size, 0.0)
    if len(model.pair_km) > max_pairs:
        return bound_part(model, current_unplaced, node_limit)
    unplaced, proven, fewer = _fewest_unplaced(model, current_unplaced, node_limit)
    cost = np.r_[np.zeros(n_opt), model.pair_km, np.zeros(size)]
    constraints = [
        LinearConstraint(model.matrix, model.lower, model.upper),
        LinearConstraint(_limit_row(model), 0, unplaced),
    ]
    # The LP first: when it already shows the current groups within `rel_gap`, it is enough.
    relaxed = milp(cost, constraints=constraints, bounds=Bounds(0, 1))
    if (
        unplaced == current_unplaced
        and relaxed.status == 0
        and relaxed.fun is not None
        and current_km <= relaxed.fun * (1 + rel_gap)
    ):
        return PartAnswer(None, unplaced, proven, _certified(float(relaxed.fun)))
    second = milp(
        cost,
        constraints=constraints,
        integrality=np.ones(model.variables, dtype=np.int64),
        bounds=Bounds(0, 1),
        options={"node_limit": node_limit, "mip_rel_gap": rel_gap},
    )
    groups = None
    if second.x is not None and second.fun is not None:
        if unplaced < current_unplaced or second.fun < current_km - 1e-9:
            groups = _groups(model, np.asarray(second.x))
    elif fewer is not None:
        groups = _groups(model, fewer)  # more placed, though the walk is not optimised
    return PartAnswer(groups, unplaced, proven, _certified(_dual_bound(second)))


def bound_part(model: PartModel, current_unplaced: int, node_limit: int) -> PartAnswer:
    """For a part too large for the MILP: its LP's bound (and more placed, if found)."""
    n_opt, size = len(model.option_host), len(model.people)
    unplaced, proven, solution = _fewest_unplaced(model, current_unplaced, node_limit)
    relaxed = milp(
        np.r_[np.zeros(n_opt), model.pair_km, np.zeros(size)],
        constraints=[
            LinearConstraint(model.matrix, model.lower, model.upper),
            LinearConstraint(_limit_row(model), 0, unplaced),
        ],
        bounds=Bounds(0, 1),
    )
    bound = float(relaxed.fun) if relaxed.status == 0 and relaxed.fun is not None else None
    groups = _groups(model, solution) if solution is not None else None
    return PartAnswer(groups, unplaced, proven, _certified(bound))


def _certified(bound: float | None) -> float:
    """A dual bound less HiGHS's tolerances (0 when there is none)."""
    if bound is None:
        return 0.0
    return max(0.0, bound - SAFETY_KM - SAFETY_RELATIVE * abs(bound))


def _dual_bound(result: object) -> float | None:
    """HiGHS's dual bound of a MILP answer, or None when it gave none."""
    value = getattr(result, "mip_dual_bound", None)
    if value is None or not math.isfinite(float(value)):
        fun = getattr(result, "fun", None)
        status = getattr(result, "status", None)
        return float(fun) if status == 0 and fun is not None else None
    return float(value)


def _groups(model: PartModel, solution: np.ndarray) -> list[tuple[int, list[int]]]:
    chosen = solution > 0.5
    n_opt = len(model.option_host)
    groups: dict[int, list[int]] = {}
    for option in np.flatnonzero(chosen[:n_opt]).tolist():
        groups[option] = [int(model.people[model.option_host[option]])]
    picked = np.flatnonzero(chosen[n_opt : n_opt + len(model.pair_km)])
    for pair in picked.tolist():
        groups[int(model.pair_option[pair])].append(int(model.people[model.pair_person[pair]]))
    return [(members[0], members) for members in groups.values()]
