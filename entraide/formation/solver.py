"""`solve`: from people and constraints to groups, the unplaced and a certified lower bound.

1. Geometry (problem.py): unit vectors, a k-d tree, the K nearest within reach, the group
   options (host, label), who cannot be placed at all and why.
2. Connected parts of at most EXACT_LIMIT people are solved exactly (exact.py).
3. The rest: subgradient ascent on the Lagrangian relaxation (bound.py); now and then its
   solution is turned into a grouping and improved by local search (search.py); the best
   grouping is kept (most people placed, then least distance).
4. Up to 500 people: the best grouping is re-solved part by part (connected parts of at
   most 30 people) and neighbourhood by neighbourhood (4 nearby groups and free people
   nearby) by LP and a small branch and bound (lns.py, compact.py).
5. Up to 2,000 people: each independent part (the connected parts of the complete "within
   reach" graph) is re-solved by HiGHS's MILP, or only bounded by its LP when dense (parts.py);
   the sum of the parts' dual bounds is certified when every part's count left out is proven
   least.
6. The Lagrangian bound is evaluated once more on the complete candidate lists, so it is
   certified; the larger of it and the parts' bound is reported. Up to 500 people without a
   parts' bound, the multipliers of the LP relaxation (compact.py) are tried too.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from entraide.formation import compact, exact, lns, parts, placement
from entraide.formation.bound import Evaluation, Relaxation, ascend, initial_multipliers
from entraide.formation.geometry import FloatArray, distance_km
from entraide.formation.model import (
    NO_ROOM,
    Constraints,
    Group,
    InputError,
    Person,
    Solution,
    Unplaced,
)
from entraide.formation.problem import Problem, build, components
from entraide.formation.search import Grouping

# Progress goes 0 → 1 over these phases; about 40 calls in all.
_PROGRESS_CALLS = 40
# The node limit of each part's MILP (parts.py).
PART_NODES = 500


@dataclass(frozen=True, slots=True)
class Effort:
    """How hard to work, from the number of people (never from the clock: determinism)."""

    iterations: int
    rounds: int  # how many times a grouping is built from the multipliers
    passes: int  # local search rounds per grouping
    # Whether sparse parts get the placement MILP (placement.py): 0.5-2 s each on large
    # instances, more than the time target allows there.
    place_by_milp: bool = True
    # How many neighbourhoods the large-neighbourhood search may re-solve (lns.py), per
    # person in the search.
    lns_per_person: float = 0.0
    lns_milp_per_person: float = 0.0  # of which need HiGHS's MILP (slower)
    # Whether the bound also tries the multipliers of the LP relaxation (compact.py), solved
    # by HiGHS per connected part: about a second at N = 1,000.
    lp_bound: bool = False
    # Whether the independent parts are re-solved (parts.py): by HiGHS's MILP, with this node
    # limit, when their model has at most `part_milp_pairs` (person, host) pairs, else by
    # their LP (a bound only). 0: not at all.
    part_nodes: int = 0
    part_milp_pairs: int = 3_000
    part_gap: float = 2e-3  # the MILP stops within this relative gap

    @staticmethod
    def for_size(count: int) -> Effort:
        if count <= 500:
            return Effort(
                iterations=300,
                rounds=12,
                passes=30,
                lns_per_person=1.0,
                lns_milp_per_person=1.0,
                lp_bound=True,
                part_nodes=PART_NODES,
            )
        if count <= 2_000:
            return Effort(
                iterations=250,
                rounds=6,
                passes=20,
                # LP-only neighbourhoods (no MILP): about 6 CPU-s at N = 1,000 in a dense city,
                # 1.5 points of gap there.
                lns_per_person=1.0,
                part_nodes=PART_NODES,
                part_milp_pairs=1_800,
                part_gap=5e-3,
            )
        if count <= 5_000:
            return Effort(iterations=250, rounds=6, passes=20)
        if count <= 20_000:
            return Effort(iterations=150, rounds=1, passes=3, place_by_milp=False)
        return Effort(iterations=120, rounds=1, passes=4, place_by_milp=False)


def solve(
    people: Sequence[Person],
    constraints: Constraints,
    *,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
) -> Solution:
    """Group people so that as many as possible are placed, then the total walk is least.

    `progress(fraction)` is called now and then (at most ~50 times) and may raise to cancel.
    The same input and seed always give the same answer.
    """
    return solve_with(people, constraints, seed=seed, progress=progress)


def solve_with(
    people: Sequence[Person],
    constraints: Constraints,
    *,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
    exact_limit: int = exact.EXACT_LIMIT,
    effort: Effort | None = None,
) -> Solution:
    """`solve` with its knobs exposed for the tests (exact_limit=0 forces the heuristic;
    `effort` replaces the one chosen from the number of people)."""
    started = time.perf_counter()
    constraints.check()
    report = progress or (lambda fraction: None)
    people = list(people)
    ids = [person.id for person in people]
    if len(set(ids)) != len(ids):
        raise InputError("two people share an id")
    report(0.0)
    if not people:
        return Solution(seconds=time.perf_counter() - started)

    problem = build(people, constraints)
    report(0.05)
    count, part = components(problem)
    sizes = np.bincount(part, minlength=count)
    small = problem.placeable & (sizes[part] <= exact_limit)
    groups: list[tuple[int, list[int]]] = []
    for members in _split(np.flatnonzero(small), part):
        groups += [
            (host, chosen)
            for host, _, chosen in exact.best_grouping(
                members,
                lambda a, b: distance_km(people[a], people[b]),
                problem.labels,
                constraints.min_size,
                constraints.max_size,
                constraints.max_km,
            )
        ]
    report(0.1)

    rest = np.flatnonzero(problem.placeable & ~small)
    search = _Search(
        problem, rest, random.Random(seed), effort or Effort.for_size(len(rest)), report
    )
    exact_total = sum(
        distance_km(people[member], people[host]) for host, members in groups for member in members
    )
    groups += search.run(sum(len(members) for _, members in groups), exact_total)
    return _solution(people, problem, groups, search.lower_bound, started, report)


def _split(people: np.ndarray, part: np.ndarray) -> list[list[int]]:
    """Group people by connected part."""
    by_part: dict[int, list[int]] = {}
    for person in people.tolist():
        by_part.setdefault(int(part[person]), []).append(person)
    return list(by_part.values())


class _Search:
    """The Lagrangian ascent with its primal rounds, on the people not solved exactly."""

    def __init__(
        self,
        problem: Problem,
        people: np.ndarray,
        rng: random.Random,
        effort: Effort,
        report: Callable[[float], None],
    ) -> None:
        self.problem = problem
        self.people = people
        self.rng = rng
        self.effort = effort
        self.report = report
        self.in_search = np.zeros(problem.size, dtype=np.bool_)
        self.in_search[people] = True
        self.best: Grouping | None = None
        self.best_key = (-1, 0.0)
        self.placed_elsewhere = 0
        self.total_elsewhere = 0.0
        self.lower_bound = 0.0

    def unplaced(self) -> int:
        placed = self.best.placed() if self.best is not None else 0
        return int(self.problem.placeable.sum()) - self.placed_elsewhere - placed

    def upper(self) -> float:
        found = self.best.total() if self.best is not None else np.inf
        return self.total_elsewhere + found

    def run(self, placed_elsewhere: int, total_elsewhere: float) -> list[tuple[int, list[int]]]:
        """Return the best groups found; `lower_bound` then holds the certified bound."""
        self.placed_elsewhere, self.total_elsewhere = placed_elsewhere, total_elsewhere
        relaxation = Relaxation(self.problem)
        lam = initial_multipliers(self.problem)
        self._primal(lam, relaxation.evaluate(lam, 0))
        effort = self.effort
        period = max(1, effort.iterations // max(1, effort.rounds))
        step = max(1, effort.iterations // (_PROGRESS_CALLS - 5))

        def on_iteration(iteration: int, lam: FloatArray, evaluation: Evaluation) -> None:
            if iteration % step == 0:
                self.report(0.1 + 0.8 * iteration / effort.iterations)
            if iteration and iteration % period == 0:
                self._primal(lam, evaluation)

        _, best_lam = ascend(
            relaxation, lam, self.upper, self.unplaced, effort.iterations, on_iteration
        )
        self.report(0.9)
        if effort.place_by_milp:
            self._place_more()
        if effort.part_nodes and self.best is not None:
            # Before any "most placed" MILP: place the left-out locally, at least walk.
            lns.place_left_out(self.best, self.problem)
        if effort.lns_per_person and self.best is not None:
            budget = int(effort.lns_per_person * len(self.people))
            milp_budget = int(effort.lns_milp_per_person * len(self.people))
            lns.solve_small_parts(self.best, self.problem)
            lns.improve(self.best, self.problem, self.rng, budget, milp_budget)
        parts_bound = self._solve_parts() if effort.part_nodes else None
        self.report(0.95)
        unplaced = self.unplaced()
        self.lower_bound = relaxation.certified(best_lam, unplaced)
        if parts_bound is not None:
            self.lower_bound = max(self.lower_bound, parts_bound)
        elif effort.lp_bound:
            lp_lam = self._lp_multipliers(unplaced)
            if lp_lam is not None:
                self.lower_bound = max(self.lower_bound, relaxation.certified(lp_lam, unplaced))
        assert self.best is not None
        return self.best.groups()

    def _solve_parts(self) -> float | None:
        """Re-solve each independent part (parts.py); return the parts' certified bound on
        the whole (the exactly solved areas count their total), or None when some part's
        count of people left out is not proven least."""
        grouping = self.best
        assert grouping is not None
        effort = self.effort
        bound = self.total_elsewhere
        claimed = True
        for members in parts.full_parts(self.problem, self.people):
            people = members.tolist()
            unplaced = sum(1 for i in people if grouping.group_of[i] < 0)
            km = sum(grouping.cost[i] for i in people if grouping.group_of[i] >= 0)
            answer = parts.solve_part(
                self.problem,
                members,
                unplaced,
                km,
                effort.part_nodes,
                effort.part_gap,
                effort.part_milp_pairs,
            )
            claimed = claimed and answer.proven
            bound += answer.bound
            if answer.groups is not None:
                self._replace(members, answer.groups, unplaced, km)
        return bound if claimed else None

    def _replace(
        self,
        members: np.ndarray,
        groups: list[tuple[int, list[int]]],
        unplaced: int,
        km: float,
    ) -> None:
        """Put a part's new groups in place of its old ones, then go on shortening their walk.

        The groups of a "most placed" MILP place more people but ignore the walk: local search
        and neighbourhood re-solves on the part bring it back, and the old groups stay when the
        new ones place no more people and walk no less.
        """
        grouping = self.best
        assert grouping is not None
        people = members.tolist()
        old = [(grouping.host[g], list(grouping.members[g])) for g in self._groups_of(people)]
        for group in self._groups_of(people):
            grouping.close_group(group)
        for host, chosen in groups:
            grouping.open_group(host, chosen)
        placed = sum(len(chosen) for _, chosen in groups)
        if placed > len(people) - unplaced:
            grouping.improve(self.rng, self.effort.passes)
            lns.improve(
                grouping,
                self.problem,
                self.rng,
                budget=4 * len(people),
                milp_budget=0,
                among=frozenset(people),
            )
        new_km = sum(grouping.cost[i] for i in people if grouping.group_of[i] >= 0)
        if placed == len(people) - unplaced and new_km >= km:
            for group in self._groups_of(people):
                grouping.close_group(group)
            for host, chosen in old:
                grouping.open_group(host, chosen)

    def _groups_of(self, people: list[int]) -> list[int]:
        grouping = self.best
        assert grouping is not None
        return sorted({grouping.group_of[i] for i in people} - {-1})

    def _lp_multipliers(self, unplaced: int) -> FloatArray | None:
        """Return multipliers from the LP relaxation of the whole instance (compact.py).

        The duals of its assignment rows are only a choice of lambda: the bound is certified
        by `Relaxation.certified`, on the complete lists, like the subgradient's.
        """
        problem = self.problem
        people = np.flatnonzero(problem.placeable)
        found = compact.lp_multipliers(problem, people, unplaced)
        if found is None:
            return None
        lam = np.zeros(problem.size)
        lam[people] = found
        return lam

    def _place_more(self) -> None:
        """Re-solve, for most placed, the sparse parts where placeable people were left out."""
        grouping = self.best
        assert grouping is not None
        count, part = components(self.problem)
        sizes = np.bincount(part, minlength=count)
        left_out = [i for i in self.people.tolist() if grouping.group_of[i] < 0]
        for target in sorted(
            {int(part[i]) for i in left_out if sizes[part[i]] <= placement.MAX_PEOPLE}
        ):
            members = np.flatnonzero((part == target) & self.in_search)
            now = sum(1 for i in members.tolist() if grouping.group_of[i] >= 0)
            found = placement.most_placed(self.problem, members)
            if found is None or sum(len(chosen) for _, chosen in found) <= now:
                continue
            for group in {grouping.group_of[i] for i in members.tolist()} - {-1}:
                grouping.close_group(group)
            for host, chosen in found:
                grouping.open_group(host, chosen)
        grouping.improve(self.rng, self.effort.passes)

    def _primal(self, lam: FloatArray, evaluation: Evaluation) -> None:
        """Build a grouping from the relaxation's choice, improve it, keep it if better."""
        grouping = Grouping(self.problem, self.people.tolist())
        keep = evaluation.open_options.copy()
        hosts = self.problem.opt_host[np.maximum(keep, 0)]
        keep[~self.in_search[hosts]] = -1
        grouping.build_from(
            self.problem,
            lam,
            Evaluation(evaluation.value, evaluation.subgradient, keep, evaluation.option_values),
        )
        grouping.improve(self.rng, self.effort.passes)
        grouping.place_free()
        # Whom the repairs could not place, the groups around them may (at least walk): else a
        # later grouping placing one more would win however far its people walk.
        lns.place_left_out(grouping, self.problem)
        key = (grouping.placed(), -grouping.total())
        if key > self.best_key:
            self.best, self.best_key = grouping, key


def _solution(
    people: list[Person],
    problem: Problem,
    found: list[tuple[int, list[int]]],
    lower_bound: float,
    started: float,
    report: Callable[[float], None],
) -> Solution:
    groups: list[Group] = []
    placed: set[int] = set()
    total = 0.0
    for host, members in found:
        walks = {member: distance_km(people[member], people[host]) for member in members}
        ordered = sorted(members, key=lambda m: (m != host, walks[m], m))
        groups.append(Group(host=people[host].id, members=[people[m].id for m in ordered]))
        total += sum(walks.values())
        placed.update(members)
    groups.sort(key=lambda group: group.host)
    unplaced = [
        Unplaced(person.id, problem.reasons.get(i, NO_ROOM))
        for i, person in enumerate(people)
        if i not in placed
    ]
    # The bound and the total are summed differently (chords against haversine): when they
    # meet, rounding must not put the bound a hair above the total.
    if lower_bound > total and lower_bound - total <= 1e-9 * max(1.0, total):
        lower_bound = total
    report(1.0)
    return Solution(
        groups=groups,
        unplaced=unplaced,
        total_km=total,
        lower_bound_km=max(0.0, lower_bound),
        seconds=time.perf_counter() - started,
    )
