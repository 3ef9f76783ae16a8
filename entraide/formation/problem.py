"""The instance as arrays: who is within reach of whom, which groups could exist, who cannot
be placed at all and why.

A *group option* is a host and a label: the label is what every member must share (a language,
a theme, or a (language, theme) pair; a single label for everyone when no sharing is asked).
Its *candidates* are the people within reach of the host who have the label, nearest first.

Lists are truncated to the K nearest for speed. Everything that must be exact (who can be
placed at all, the certified lower bound) either follows from the truncated lists by an argument
written next to it, or goes back to the complete lists through the k-d tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from entraide.formation.geometry import (
    FloatArray,
    chord_to_km,
    km_to_chord,
    unit_vectors,
)
from entraide.formation.model import (
    NO_SHARED_LANGUAGE,
    NO_SHARED_THEME,
    NOBODY_WITHIN_REACH,
    TOO_FEW_NEARBY,
    Constraints,
    Person,
)

IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

# How many nearest neighbours each list keeps, as a multiple of the largest group: enough for
# the Lagrangian subproblems and the local search, which rarely look further than 2-3 groups.
NEIGHBOURS_PER_GROUP_SLOT = 3
MIN_NEIGHBOURS = 24


@dataclass(frozen=True, slots=True)
class Problem:
    constraints: Constraints
    points: FloatArray  # (n, 3) unit vectors
    tree: cKDTree
    reach_chord: float
    # (n, K) nearest neighbours within reach, self excluded, nearest first; -1 / inf pad.
    nbr: IntArray
    nbr_km: FloatArray
    # True when a person has more than K people within reach.
    nbr_truncated: BoolArray
    labels: list[frozenset[int]]  # each person's labels
    has_label: BoolArray  # (n, L)
    # Group options, grouped by host (contiguous, host ascending).
    opt_host: IntArray
    opt_label: IntArray
    cand: IntArray  # (F, K) compatible candidates, nearest first; -1 pad
    cand_km: FloatArray  # (F, K); inf pad
    # Any compatible candidate left out of a truncated list lives at least this far away
    # (the last kept distance); inf when the list is complete.
    cand_cutoff: FloatArray
    placeable: BoolArray
    reasons: dict[int, str]  # unplaceable person -> reason

    @property
    def size(self) -> int:
        return len(self.points)

    def within_reach(self, hosts: IntArray) -> list[list[int]]:
        """Return the complete lists of people within reach of each host (self included)."""
        return within(self.tree, self.points[hosts], self.reach_chord)


def within(tree: cKDTree, centres: FloatArray, chord: float) -> list[list[int]]:
    """Return, for each centre, everyone within the chord (the centre's own point included)."""
    found: Any = tree.query_ball_point(centres, chord)
    return [[int(i) for i in row] for row in found]


def _label_sets(people: list[Person], constraints: Constraints) -> tuple[list[frozenset[int]], int]:
    """Give each person the set of labels they could share with a group, as integers."""
    ids: dict[tuple[str, str], int] = {}
    sets: list[frozenset[int]] = []
    for person in people:
        languages = sorted(person.languages) if constraints.same_language else [""]
        themes = sorted(person.themes) if constraints.same_theme else [""]
        sets.append(
            frozenset(ids.setdefault(pair, len(ids)) for pair in product(languages, themes))
        )
    return sets, max(1, len(ids))


def _neighbours(
    tree: cKDTree, points: FloatArray, chord: float, max_km: float, k: int
) -> tuple[IntArray, FloatArray, BoolArray]:
    """Return the k nearest within reach of everyone, self excluded, and who has more."""
    n = len(points)
    # k + 2: self may be among them, and one more tells whether the list was cut.
    query_k = min(k + 2, n)
    dist, idx = tree.query(points, k=query_k, distance_upper_bound=chord * (1 + 1e-9))
    dist = np.asarray(dist, dtype=np.float64).reshape(n, query_k)
    idx = np.asarray(idx, dtype=np.intp).reshape(n, query_k)
    km = chord_to_km(np.where(np.isfinite(dist), dist, 0.0))
    valid = (idx < n) & (idx != np.arange(n)[:, None]) & np.isfinite(dist) & (km <= max_km)
    # Stable sort moves the valid entries first, keeping them nearest first.
    order = np.argsort(~valid, axis=1, kind="stable")
    idx = np.take_along_axis(idx, order, axis=1)
    km = np.take_along_axis(km, order, axis=1)
    valid = np.take_along_axis(valid, order, axis=1)
    count = valid.sum(axis=1)
    nbr = np.where(valid, idx, -1)[:, :k]
    nbr_km = np.where(valid, km, np.inf)[:, :k]
    if nbr.shape[1] < k:
        pad = k - nbr.shape[1]
        nbr = np.pad(nbr, ((0, 0), (0, pad)), constant_values=-1)
        nbr_km = np.pad(nbr_km, ((0, 0), (0, pad)), constant_values=np.inf)
    return nbr, nbr_km, count > k


def build(people: list[Person], constraints: Constraints) -> Problem:
    """Prepare the arrays of an instance (constraints already checked)."""
    n = len(people)
    k = max(MIN_NEIGHBOURS, NEIGHBOURS_PER_GROUP_SLOT * constraints.max_size)
    points = unit_vectors(
        np.array([p.lat for p in people], dtype=np.float64),
        np.array([p.lon for p in people], dtype=np.float64),
    )
    tree = cKDTree(points)
    chord = km_to_chord(constraints.max_km)
    nbr, nbr_km, truncated = _neighbours(tree, points, chord, constraints.max_km, k)
    labels, label_count = _label_sets(people, constraints)
    has_label = np.zeros((n, label_count), dtype=np.bool_)
    for person, person_labels in enumerate(labels):
        has_label[person, list(person_labels)] = True

    opt_host = np.array([j for j in range(n) for _ in labels[j]], dtype=np.intp)
    opt_label = np.array([ell for j in range(n) for ell in sorted(labels[j])], dtype=np.intp)
    rows = nbr[opt_host]
    compatible = (rows >= 0) & has_label[np.maximum(rows, 0), opt_label[:, None]]
    order = np.argsort(~compatible, axis=1, kind="stable")
    cand = np.where(compatible, rows, -1)
    cand = np.take_along_axis(cand, order, axis=1)
    cand_km = np.take_along_axis(np.where(compatible, nbr_km[opt_host], np.inf), order, axis=1)
    count = compatible.sum(axis=1)
    cutoff = np.where(truncated[opt_host], nbr_km[opt_host, -1], np.inf)

    # A truncated list with few compatible people may hide more of them further away: those
    # options are refilled from the complete lists, so that their K nearest are exact.
    refill = np.flatnonzero(truncated[opt_host] & (count < constraints.max_size - 1))
    if len(refill):
        hosts = np.unique(opt_host[refill])
        full = dict(zip(hosts.tolist(), within(tree, points[hosts], chord), strict=True))
        for f in refill.tolist():
            j, ell = int(opt_host[f]), int(opt_label[f])
            found = np.array([i for i in full[j] if i != j], dtype=np.intp)
            found = found[has_label[found, ell]]
            found_km = chord_to_km(np.linalg.norm(points[found] - points[j], axis=1))
            keep = found_km <= constraints.max_km
            found, found_km = found[keep], found_km[keep]
            nearest = np.argsort(found_km, kind="stable")[:k]
            cand[f] = -1
            cand_km[f] = np.inf
            cand[f, : len(nearest)] = found[nearest]
            cand_km[f, : len(nearest)] = found_km[nearest]
            count[f] = len(nearest)
            cutoff[f] = found_km[nearest[-1]] if len(found) > k else np.inf

    viable = count >= constraints.min_size - 1
    placeable = np.zeros(n, dtype=np.bool_)
    placeable[opt_host[viable]] = True
    members = cand[viable]
    placeable[members[members >= 0]] = True
    _complete_placeable(
        placeable,
        viable,
        opt_host,
        opt_label,
        points,
        tree,
        chord,
        nbr,
        truncated,
        labels,
        has_label,
    )
    reasons = _reasons(people, placeable, constraints, points, tree, chord, nbr, truncated)
    keep = viable & placeable[opt_host]
    return Problem(
        constraints=constraints,
        points=points,
        tree=tree,
        reach_chord=chord,
        nbr=nbr,
        nbr_km=nbr_km,
        nbr_truncated=truncated,
        labels=labels,
        has_label=has_label,
        opt_host=opt_host[keep],
        opt_label=opt_label[keep],
        cand=cand[keep],
        cand_km=cand_km[keep],
        cand_cutoff=cutoff[keep],
        placeable=placeable,
        reasons=reasons,
    )


def _complete_placeable(
    placeable: BoolArray,
    viable: BoolArray,
    opt_host: IntArray,
    opt_label: IntArray,
    points: FloatArray,
    tree: cKDTree,
    chord: float,
    nbr: IntArray,
    truncated: BoolArray,
    labels: list[frozenset[int]],
    has_label: BoolArray,
) -> None:
    """Find the placeable people that no truncated candidate list shows.

    Person i can be placed iff some viable option (j, l) has i among its complete candidates,
    that is j within reach of i (reach is symmetric) and l a label of both. When i's own list
    is complete, its neighbours are all the j to try; otherwise the k-d tree gives them.
    """
    viable_of = np.zeros(has_label.shape, dtype=np.bool_)
    viable_of[opt_host[viable], opt_label[viable]] = True
    unresolved = np.flatnonzero(~placeable & (nbr[:, 0] >= 0))
    short = unresolved[~truncated[unresolved]]
    for start in range(0, len(short), 4096):
        chunk = short[start : start + 4096]
        rows = nbr[chunk]
        hit = viable_of[np.maximum(rows, 0)] & (rows >= 0)[:, :, None]
        hit &= has_label[chunk][:, None, :]
        placeable[chunk[hit.any(axis=(1, 2))]] = True
    long = unresolved[truncated[unresolved]]
    if len(long):
        lists = within(tree, points[long], chord)
        for i, found in zip(long.tolist(), lists, strict=True):
            placeable[i] = any(
                viable_of[j, ell] for j in found if j != i for ell in labels[i] if has_label[j, ell]
            )


def _reasons(
    people: list[Person],
    placeable: BoolArray,
    constraints: Constraints,
    points: FloatArray,
    tree: cKDTree,
    chord: float,
    nbr: IntArray,
    truncated: BoolArray,
) -> dict[int, str]:
    """Say why each person who cannot be placed in any grouping cannot be."""
    reasons: dict[int, str] = {}
    unplaceable = np.flatnonzero(~placeable).tolist()
    if not unplaceable:
        return reasons
    # Without any label, j can host iff it has min - 1 people within reach; a truncated list
    # already holds K >= max - 1 of them.
    counts = (nbr >= 0).sum(axis=1)
    can_host = truncated | (counts >= constraints.min_size - 1)
    for i in unplaceable:
        person = people[i]
        if nbr[i, 0] < 0 and constraints.min_size > 1:
            reasons[i] = NOBODY_WITHIN_REACH
        elif constraints.same_language and not person.languages:
            reasons[i] = NO_SHARED_LANGUAGE
        elif constraints.same_theme and not person.themes:
            reasons[i] = NO_SHARED_THEME
        elif not (can_host[i] or can_host[nbr[i][nbr[i] >= 0]].any()):
            reasons[i] = TOO_FEW_NEARBY
        elif constraints.same_language and constraints.same_theme:
            # Both are asked: blame the theme when the language alone would have worked.
            languages_only = _placeable_by(i, people, constraints, points, tree, chord)
            reasons[i] = NO_SHARED_THEME if languages_only else NO_SHARED_LANGUAGE
        else:
            reasons[i] = NO_SHARED_LANGUAGE if constraints.same_language else NO_SHARED_THEME
    return reasons


def _placeable_by(
    i: int,
    people: list[Person],
    constraints: Constraints,
    points: FloatArray,
    tree: cKDTree,
    chord: float,
) -> bool:
    """Tell whether person i could be placed if only a shared language were asked."""
    around = within(tree, points[i : i + 1], chord)[0]
    for j in around:
        for language in people[i].languages & people[j].languages:
            reach = within(tree, points[j : j + 1], chord)[0]
            if sum(1 for m in reach if language in people[m].languages) >= constraints.min_size:
                return True
    return False


def components(problem: Problem) -> tuple[int, IntArray]:
    """Label the connected parts of the 'within reach' graph among placeable people."""
    n = problem.size
    rows = np.repeat(np.arange(n), problem.nbr.shape[1])
    cols = problem.nbr.ravel()
    keep = (cols >= 0) & problem.placeable[rows] & problem.placeable[np.maximum(cols, 0)]
    graph = csr_array((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=(n, n))
    count, labels = connected_components(graph, directed=False)
    return int(count), np.asarray(labels, dtype=np.intp)
