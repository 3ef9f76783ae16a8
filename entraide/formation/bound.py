r"""The certified lower bound: a Lagrangian relaxation of "each person in at most one group".

Why it is a lower bound. Write a grouping as a set of groups g = (host j, label l, members S),
with cost c_g = sum of d(i, j) over S (the host walks 0). Let P be the people who can be placed
at all, and u* the number of them that our solution leaves out. Any grouping that places at
least as many people leaves out at most u* of P. With a slack s_i in {0, 1} saying "i is left
out", such a grouping satisfies, for every i in P,

    sum over its groups g containing i of 1  +  s_i  =  1,      sum of s_i <= u*.

Multiply each equality by any real lambda_i and add it to the cost: for every such grouping,

    cost = sum_i lambda_i - sum_i lambda_i s_i + sum_g (c_g - sum_{i in g} lambda_i).

Drop the requirement that groups be disjoint, keeping only "a host opens at most one group":
the right-hand side can only decrease when minimised over this larger set, so

    cost >= L(lambda) = sum_i lambda_i - (the sum of the u* largest positive lambda_i)
                        + sum_j min(0, min over j's options f of v_f),

where v_f = -lambda_j + the least sum of reduced costs d(i, j) - lambda_i over a set of
candidates of f of size between min - 1 and max - 1: sorting them, the first min - 1 are
forced and the next ones are taken while negative. The term in s is minimised by putting the
u* slacks on the largest positive lambdas. L(lambda) is thus a lower bound for every lambda.

Truncated lists. During the subgradient iterations the candidates are the K nearest only (a
heuristic for choosing lambda). The reported bound is evaluated on complete lists: a candidate
left out of a truncated list lives at least `cand_cutoff` away, so its reduced cost is at least
cutoff - max(lambda); padding each truncated row with max - 1 copies of that value gives a valid
lower bound on v_f. Where the padding changes v_f, v_f is recomputed from the complete list of
people within reach (from the k-d tree, host by host), so the bound reported is L(lambda) on the
complete lists for the best lambda found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from entraide.formation.geometry import FloatArray, chord_to_km
from entraide.formation.problem import IntArray, Problem


@dataclass(slots=True)
class Evaluation:
    value: float
    subgradient: FloatArray
    # Per host segment: the option chosen when it opens (v < 0), else -1.
    open_options: IntArray
    # Per option: v_f on the K-nearest lists.
    option_values: FloatArray


class Relaxation:
    """The subproblems of L(lambda) over the truncated candidate lists, as padded arrays."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.forced = problem.constraints.min_size - 1
        self.slots = problem.constraints.max_size - 1
        host = problem.opt_host
        self.starts = np.flatnonzero(np.r_[True, host[1:] != host[:-1]]) if len(host) else host
        self.segment_hosts = host[self.starts]
        self.people = np.flatnonzero(problem.placeable)

    def reduced_costs(self, lam: FloatArray) -> FloatArray:
        cand = self.problem.cand
        return self.problem.cand_km - lam[np.maximum(cand, 0)]

    def subproblems(
        self, reduced: FloatArray, host_lam: FloatArray
    ) -> tuple[FloatArray, IntArray, FloatArray]:
        """Return v_f, the columns of the sorted picks, and their reduced costs (sorted)."""
        rows, width = reduced.shape
        slots = min(self.slots, width)
        if slots == 0:
            empty = np.zeros((rows, 0))
            return -host_lam, np.zeros((rows, 0), dtype=np.intp), empty
        columns = np.argpartition(reduced, slots - 1, axis=1)[:, :slots]
        picked = np.take_along_axis(reduced, columns, axis=1)
        order = np.argsort(picked, axis=1)
        columns = np.take_along_axis(columns, order, axis=1)
        picked = np.take_along_axis(picked, order, axis=1)
        forced = picked[:, : self.forced].sum(axis=1)
        optional = np.minimum(picked[:, self.forced :], 0.0).sum(axis=1)
        return -host_lam + forced + optional, columns, picked

    def evaluate(self, lam: FloatArray, unplaced: int) -> Evaluation:
        problem = self.problem
        values, columns, picked = self.subproblems(self.reduced_costs(lam), lam[problem.opt_host])
        best, chosen = self._per_host(values)
        value = float(lam[self.people].sum()) - _top_sum(lam[self.people], unplaced)
        value += float(np.minimum(best, 0.0).sum())
        open_options = np.where(best < 0, chosen, -1)
        cover = np.zeros(problem.size)
        opened = open_options[open_options >= 0]
        np.add.at(cover, problem.opt_host[opened], 1.0)
        taken = np.arange(columns.shape[1]) < self.forced
        taken = taken[None, :] | (picked[opened] < 0)
        members = np.take_along_axis(problem.cand[opened], columns[opened], axis=1)[taken]
        np.add.at(cover, members, 1.0)
        gradient = np.zeros(problem.size)
        gradient[self.people] = 1.0 - cover[self.people]
        gradient[_top_indices(lam, self.people, unplaced)] -= 1.0
        return Evaluation(value, gradient, open_options, values)

    def _per_host(self, values: FloatArray) -> tuple[FloatArray, IntArray]:
        """Return each host's least v_f and the option giving it."""
        if not len(values):
            return values, np.zeros(0, dtype=np.intp)
        order = np.lexsort((values, self.problem.opt_host))
        chosen = order[self.starts]
        return values[chosen], chosen

    def certified(self, lam: FloatArray, unplaced: int) -> float:
        """Return L(lambda) over the complete candidate lists (see the module docstring)."""
        problem = self.problem
        reduced = self.reduced_costs(lam)
        values = self.subproblems(reduced, lam[problem.opt_host])[0]
        lam_max = float(lam[self.people].max()) if len(self.people) else 0.0
        cut = np.flatnonzero(np.isfinite(problem.cand_cutoff))
        if len(cut) and self.slots:
            pad = np.repeat((problem.cand_cutoff[cut] - lam_max)[:, None], self.slots, axis=1)
            padded = self.subproblems(np.hstack((reduced[cut], pad)), lam[problem.opt_host[cut]])[0]
            changed = cut[padded < values[cut] - 1e-12]
            values[cut] = padded
            values[changed] = self._complete_values(changed, lam)
        best = self._per_host(values)[0]
        value = float(lam[self.people].sum()) - _top_sum(lam[self.people], unplaced)
        return value + float(np.minimum(best, 0.0).sum())

    def _complete_values(self, options: IntArray, lam: FloatArray) -> FloatArray:
        """Return v_f computed from the complete lists of people within reach of each host."""
        problem = self.problem
        result = np.empty(len(options))
        hosts = problem.opt_host[options]
        order = np.argsort(hosts, kind="stable")
        for start in range(0, len(order), 2048):
            chunk = order[start : start + 2048]
            unique_hosts = np.unique(hosts[chunk])
            lists = dict(
                zip(unique_hosts.tolist(), problem.within_reach(unique_hosts), strict=True)
            )
            for position in chunk.tolist():
                f = int(options[position])
                j, label = int(problem.opt_host[f]), int(problem.opt_label[f])
                found = np.array([i for i in lists[j] if i != j], dtype=np.intp)
                found = found[problem.has_label[found, label]]
                km = chord_to_km(np.linalg.norm(problem.points[found] - problem.points[j], axis=1))
                reduced = np.sort(
                    km[km <= problem.constraints.max_km]
                    - lam[found][km <= problem.constraints.max_km]
                )
                forced = float(reduced[: self.forced].sum())
                optional = float(np.minimum(reduced[self.forced : self.slots], 0.0).sum())
                result[position] = -lam[j] + forced + optional
        return result


def _top_indices(lam: FloatArray, people: IntArray, count: int) -> IntArray:
    """Return the people holding the `count` largest positive multipliers."""
    if count <= 0 or not len(people):
        return np.zeros(0, dtype=np.intp)
    values = lam[people]
    count = min(count, len(people))
    top = np.argpartition(-values, count - 1)[:count]
    return people[top[values[top] > 0]]


def _top_sum(values: FloatArray, count: int) -> float:
    if count <= 0 or not len(values):
        return 0.0
    count = min(count, len(values))
    top = np.partition(-values, count - 1)[:count]
    return float(np.maximum(-top, 0.0).sum())


def initial_multipliers(problem: Problem) -> FloatArray:
    """Start each lambda at a typical walk: the mean distance to the min - 1 nearest."""
    lam = np.zeros(problem.size)
    width = max(1, problem.constraints.min_size - 1)
    near = problem.nbr_km[:, :width]
    finite = np.isfinite(near)
    mean = np.where(finite, near, 0.0).sum(axis=1) / np.maximum(finite.sum(axis=1), 1)
    lam[problem.placeable] = mean[problem.placeable]
    return lam


def ascend(
    relaxation: Relaxation,
    lam: FloatArray,
    upper: Callable[[], float],
    unplaced: Callable[[], int],
    iterations: int,
    on_iteration: Callable[[int, FloatArray, Evaluation], None],
) -> tuple[float, FloatArray]:
    """Subgradient ascent with Polyak steps towards the best primal total `upper()`.

    `unplaced()` is u*, which falls when a better grouping is found. The step factor halves
    when the bound has not improved for a while. Returns the best (truncated-list) value and
    its multipliers.
    """
    best_value, best_lam = -np.inf, lam.copy()
    factor, stale = 1.0, 0
    for iteration in range(iterations):
        evaluation = relaxation.evaluate(lam, unplaced())
        on_iteration(iteration, lam, evaluation)
        target = upper()
        tolerance = 1e-9 * max(1.0, abs(target)) if np.isfinite(target) else 1e-9
        if evaluation.value > best_value + tolerance:
            best_value, best_lam, stale = evaluation.value, lam.copy(), 0
        else:
            stale += 1
            if stale >= 12:
                factor, stale = factor / 2, 0
        norm = float(evaluation.subgradient @ evaluation.subgradient)
        gap = target - evaluation.value
        if norm == 0 or not gap > tolerance or factor < 1e-3:
            break
        lam = lam + factor * gap / norm * evaluation.subgradient
    return best_value, best_lam
