"""Matching seekers with peers, plain Python (numpy and scipy), without Django.

A seeker asks for one peer; a peer accompanies up to `capacity` seekers. Each person lists the
partners they would accept, most preferred first, each with a score (how well the pair fits,
from that person's side). A pair is possible only when each lists the other.

- `stable(problem)`: the seeker-optimal stable matching (seekers propose, Gale and Shapley's
  deferred acceptance for many-to-one). No seeker and peer would both rather be together than
  with whom they got (a peer with a free place counts as wanting any seeker it lists), and
  every seeker gets the best peer they can have in any stable matching. Only the order of the
  lists matters here, never the scores.
- `best(problem)`: the most pairs, then, among matchings with that many pairs, the largest sum
  of both people's scores over the pairs. Solved exactly as an assignment problem on the
  sparse graph of possible pairs (each peer expanded into its places, one "alone" column per
  seeker) with scipy's LAPJVsp, `min_weight_full_bipartite_matching`.
- `blocking_pairs(problem, matching)`: an independent check of stability; `violations` checks
  that a matching is one at all (mutual pairs, capacities, every seeker once).

`parse(data)` reads the JSON shape of `python -m entraide.pairing` and checks everything;
`check(problem)` checks a problem built in Python. Both raise `ProblemError`, one line each,
for developers (these messages are never shown to the people being matched).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching


@dataclass(frozen=True, slots=True)
class Choice:
    """One acceptable partner and how well they fit, from the chooser's side."""

    partner: str
    score: float


@dataclass(frozen=True, slots=True)
class Seeker:
    """A person asking for a peer; `choices` most preferred first."""

    id: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class Peer:
    """A peer supporter who can accompany up to `capacity` seekers; `choices` most preferred
    first."""

    id: str
    capacity: int
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    seekers: tuple[Seeker, ...]
    peers: tuple[Peer, ...]


@dataclass(frozen=True, slots=True)
class Matching:
    """Pairs (seeker id, peer id) and the seekers left without a peer, both sorted."""

    pairs: tuple[tuple[str, str], ...]
    unmatched: tuple[str, ...]


class ProblemError(ValueError):
    """A problem, its JSON or a matching is not what the matching core expects (one line)."""


# Reading and checking


def _fields(value: object, where: str, names: tuple[str, ...]) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ProblemError(f"{where}: expected an object with {', '.join(names)}")
    for name in names:
        if name not in value:
            raise ProblemError(f"{where}: missing field {name!r}")
    unknown = sorted(str(key) for key in value if key not in names)
    if unknown:
        raise ProblemError(f"{where}: unknown field {unknown[0]!r}")
    return value


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise ProblemError(f"{where}: expected a list")
    return value


def _id(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ProblemError(f"{where}: expected a non-empty string, got {_shown(value)}")
    return value


def _score(value: object, where: str) -> float:
    # bool is an int in Python, and JSON's true is no score.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProblemError(f"{where}: expected a number, got {_shown(value)}")
    try:
        score = float(value)
    except OverflowError:  # an integer beyond any float
        score = math.inf
    if not math.isfinite(score):
        raise ProblemError(f"{where}: expected a finite number, got {_shown(value)}")
    return score


def _capacity(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProblemError(f"{where}: expected a whole number of at least 1, got {_shown(value)}")
    if value < 1:
        raise ProblemError(f"{where}: a capacity must be at least 1, got {value}")
    return value


def _shown(value: object) -> str:
    text = repr(value) if not isinstance(value, bool) else str(value).lower()
    return text if len(text) <= 40 else text[:37] + "..."


def _choices(value: object, where: str, key: str) -> tuple[Choice, ...]:
    choices = []
    for number, item in enumerate(_list(value, where)):
        # The common case first, in a few cheap tests: a programme's problem holds hundreds of
        # thousands of choices. Anything else takes the slow path, which names the mistake.
        if type(item) is dict and len(item) == 2:
            partner, score = item.get(key), item.get("score")
            if type(partner) is str and partner and type(score) is float and math.isfinite(score):
                choices.append(Choice(partner, score))
                continue
        place = f"{where}[{number}]"
        fields = _fields(item, place, (key, "score"))
        choices.append(
            Choice(_id(fields[key], f"{place}.{key}"), _score(fields["score"], f"{place}.score"))
        )
    return tuple(choices)


def parse(data: object) -> Problem:
    """The problem from its JSON shape, checked; `ProblemError` names the first mistake.

    `{"seekers": [{"id": "s1", "choices": [{"peer": "p3", "score": 0.9}, ...]}, ...],
      "peers": [{"id": "p1", "capacity": 2, "choices": [{"seeker": "s1", "score": 0.7}, ...]},
                ...]}`
    """
    top = _fields(data, "input", ("seekers", "peers"))
    seekers = []
    for number, item in enumerate(_list(top["seekers"], "seekers")):
        where = f"seekers[{number}]"
        fields = _fields(item, where, ("id", "choices"))
        seekers.append(
            Seeker(
                _id(fields["id"], f"{where}.id"),
                _choices(fields["choices"], f"{where}.choices", "peer"),
            )
        )
    peers = []
    for number, item in enumerate(_list(top["peers"], "peers")):
        where = f"peers[{number}]"
        fields = _fields(item, where, ("id", "capacity", "choices"))
        peers.append(
            Peer(
                _id(fields["id"], f"{where}.id"),
                _capacity(fields["capacity"], f"{where}.capacity"),
                _choices(fields["choices"], f"{where}.choices", "seeker"),
            )
        )
    problem = Problem(tuple(seekers), tuple(peers))
    check(problem)
    return problem


def check(problem: Problem) -> None:
    """Raise `ProblemError` for duplicate or unknown ids, a capacity below 1, a score that is
    not a finite number, or a partner listed twice by the same person."""
    # Whole-list tests first (sets, types, one array), fast on large problems; only when one
    # of them fails does the person-by-person walk look for the mistake to name.
    try:
        if _looks_right(problem):
            return
    except TypeError:  # an id that cannot be hashed, so no string
        pass
    _find_mistake(problem)


def _looks_right(problem: Problem) -> bool:
    seeker_ids = {seeker.id for seeker in problem.seekers}
    peer_ids = {peer.id for peer in problem.peers}
    scores = [c.score for s in problem.seekers for c in s.choices]
    scores += [c.score for p in problem.peers for c in p.choices]
    return (
        len(seeker_ids) == len(problem.seekers)
        and len(peer_ids) == len(problem.peers)
        and {type(id) for id in seeker_ids | peer_ids} <= {str}
        and "" not in seeker_ids | peer_ids
        and all(type(peer.capacity) is int and peer.capacity >= 1 for peer in problem.peers)
        and {type(score) for score in scores} <= {float, int}
        and _all_finite(scores)
        and all(_listed_once(s.choices, peer_ids) for s in problem.seekers)
        and all(_listed_once(p.choices, seeker_ids) for p in problem.peers)
    )


def _all_finite(scores: list[float]) -> bool:
    try:
        return bool(np.isfinite(np.array(scores, dtype=np.float64)).all())
    except OverflowError:  # an integer beyond any float
        return False


def _listed_once(choices: tuple[Choice, ...], known: set[str]) -> bool:
    partners = {choice.partner for choice in choices}
    return len(partners) == len(choices) and partners <= known


def _find_mistake(problem: Problem) -> None:
    seeker_ids: set[str] = set()
    for seeker in problem.seekers:
        _id(seeker.id, "a seeker's id")
        if seeker.id in seeker_ids:
            raise ProblemError(f"duplicate seeker id {seeker.id!r}")
        seeker_ids.add(seeker.id)
    peer_ids: set[str] = set()
    for peer in problem.peers:
        _id(peer.id, "a peer's id")
        if peer.id in peer_ids:
            raise ProblemError(f"duplicate peer id {peer.id!r}")
        peer_ids.add(peer.id)
        _capacity(peer.capacity, f"peer {peer.id!r}: capacity")
    people: list[tuple[str, str, tuple[Choice, ...], set[str], str]] = [
        ("seeker", seeker.id, seeker.choices, peer_ids, "peer") for seeker in problem.seekers
    ]
    people += [("peer", peer.id, peer.choices, seeker_ids, "seeker") for peer in problem.peers]
    for side, person, choices, known, other in people:
        listed: set[str] = set()
        for choice in choices:
            partner = _id(choice.partner, f"{side} {person!r}: a choice's {other}")
            if partner not in known:
                raise ProblemError(f"{side} {person!r} lists unknown {other} {partner!r}")
            if partner in listed:
                raise ProblemError(f"{side} {person!r} lists {other} {partner!r} twice")
            listed.add(partner)
            _score(choice.score, f"{side} {person!r}: score for {partner!r}")


# Solving


@dataclass(frozen=True, slots=True)
class _Graph:
    """The possible pairs by index: for each seeker, the peers who list them too, in the
    seeker's order, with half the sum of both people's scores; each peer's rank of its
    seekers."""

    mutual: list[list[int]]
    weights: list[list[float]]
    peer_rank: list[dict[int, int]]
    capacity: list[int]


def _graph(problem: Problem) -> _Graph:
    check(problem)
    seeker_index = {seeker.id: number for number, seeker in enumerate(problem.seekers)}
    peer_index = {peer.id: number for number, peer in enumerate(problem.peers)}
    peer_rank: list[dict[int, int]] = []
    peer_score: list[dict[int, float]] = []
    for peer in problem.peers:
        listed = [seeker_index[choice.partner] for choice in peer.choices]
        peer_rank.append(dict(zip(listed, range(len(listed)), strict=True)))
        peer_score.append(dict(zip(listed, (choice.score for choice in peer.choices), strict=True)))
    mutual: list[list[int]] = []
    weights: list[list[float]] = []
    for number, seeker in enumerate(problem.seekers):
        accepting: list[int] = []
        scores: list[float] = []
        for choice in seeker.choices:
            other = peer_index[choice.partner]
            theirs = peer_score[other].get(number)
            if theirs is not None:
                accepting.append(other)
                # Half of each: the same order as the sum, which could overflow.
                scores.append(choice.score / 2 + theirs / 2)
        mutual.append(accepting)
        weights.append(scores)
    return _Graph(mutual, weights, peer_rank, [peer.capacity for peer in problem.peers])


def _matching(problem: Problem, partner: list[int]) -> Matching:
    """From each seeker's peer index (-1: none) to the sorted `Matching`."""
    pairs = sorted(
        (seeker.id, problem.peers[peer].id)
        for seeker, peer in zip(problem.seekers, partner, strict=True)
        if peer >= 0
    )
    unmatched = sorted(
        seeker.id for seeker, peer in zip(problem.seekers, partner, strict=True) if peer < 0
    )
    return Matching(tuple(pairs), tuple(unmatched))


def stable(problem: Problem) -> Matching:
    """The seeker-optimal stable matching: seekers propose in their order, each peer holds the
    `capacity` seekers it prefers among those who proposed so far (a heap keyed by its rank of
    them, worst on top) and lets the others go on to their next choice.

    Proposals go only to peers who list the seeker (the others would refuse them at once), so
    the work is one step per possible pair, whatever the order in which seekers propose: the
    result is the same for every order (Gale and Shapley; Roth for many-to-one).
    """
    graph = _graph(problem)
    held: list[list[tuple[int, int]]] = [[] for _ in problem.peers]
    following = [0] * len(problem.seekers)
    partner = [-1] * len(problem.seekers)
    for first in range(len(problem.seekers)):
        proposer = first
        while proposer >= 0:
            options = graph.mutual[proposer]
            step = following[proposer]
            if step == len(options):
                break
            following[proposer] = step + 1
            peer = options[step]
            rank = graph.peer_rank[peer][proposer]
            heap = held[peer]
            if len(heap) < graph.capacity[peer]:
                heapq.heappush(heap, (-rank, proposer))
                partner[proposer] = peer
                proposer = -1
            elif -heap[0][0] > rank:
                _, released = heapq.heapreplace(heap, (-rank, proposer))
                partner[proposer] = peer
                partner[released] = -1
                proposer = released
    return _matching(problem, partner)


def best(problem: Problem) -> Matching:
    """The most pairs, then the largest sum of both people's scores over the pairs.

    An assignment problem: one row per seeker who has a possible pair; one column per place of
    each peer (a peer has at most as many places as seekers it can be paired with) and one
    "alone" column per seeker. Scores are scaled to [0, 1] (the order of the sums is kept), a
    pair costs 2 - its scaled score (1 to 2) and being alone costs rows + 3: one more pair
    always saves at least rows + 1 while the scaled scores of any matching differ by at most
    rows, so the number of pairs strictly comes first, with costs that stay small enough
    (thousands) for float64 to keep score differences down to about 1e-12 of their spread.
    Among equally good matchings, the one returned depends on the order of the input (the
    same input always gives the same matching).
    """
    graph = _graph(problem)
    degree = [0] * len(problem.peers)
    for peers in graph.mutual:
        for peer in peers:
            degree[peer] += 1
    rows_of = [number for number, peers in enumerate(graph.mutual) if peers]
    partner = [-1] * len(problem.seekers)
    if rows_of:
        edge_row = np.repeat(
            np.arange(len(rows_of)), [len(graph.mutual[number]) for number in rows_of]
        )
        edge_peer = np.fromiter(
            (peer for number in rows_of for peer in graph.mutual[number]), dtype=np.int64
        )
        edge_weight = np.fromiter(
            (weight for number in rows_of for weight in graph.weights[number]), dtype=np.float64
        )
        places = np.minimum(np.array(graph.capacity, dtype=np.int64), np.array(degree))
        first_place = np.concatenate(([0], np.cumsum(places)))
        low, high = float(edge_weight.min()), float(edge_weight.max())
        spread = high / 2 - low / 2  # halves again: high - low could overflow
        scaled = (edge_weight / 2 - low / 2) / spread if spread > 0 else np.zeros_like(edge_weight)
        # Each possible pair becomes one edge to each of the peer's places.
        copies = places[edge_peer]
        rows = np.repeat(edge_row, copies)
        starts = np.repeat(np.cumsum(copies) - copies, copies)
        columns = np.repeat(first_place[edge_peer], copies) + (np.arange(len(rows)) - starts)
        costs = np.repeat(2.0 - scaled, copies)
        count, total_places = len(rows_of), int(first_place[-1])
        alone = np.arange(count)
        matrix = csr_array(
            (
                np.concatenate((costs, np.full(count, count + 3.0))),
                (np.concatenate((rows, alone)), np.concatenate((columns, total_places + alone))),
            ),
            shape=(count, total_places + count),
        )
        assigned_rows, assigned_columns = min_weight_full_bipartite_matching(matrix)
        place_peer = np.repeat(np.arange(len(problem.peers)), places)
        for row, column in zip(assigned_rows.tolist(), assigned_columns.tolist(), strict=True):
            if column < total_places:
                partner[rows_of[row]] = int(place_peer[column])
    return _matching(problem, partner)


# Checking a matching, independently of the solvers


def violations(problem: Problem, matching: Matching) -> list[str]:
    """What makes `matching` no matching of `problem`: unknown ids, a pair that is not
    mutually acceptable, a seeker twice or missing, a peer over its capacity."""
    check(problem)
    seekers = {seeker.id: seeker for seeker in problem.seekers}
    peers = {peer.id: peer for peer in problem.peers}
    found: list[str] = []
    seen: dict[str, int] = {}
    load: dict[str, int] = {}
    for seeker_id, peer_id in matching.pairs:
        seen[seeker_id] = seen.get(seeker_id, 0) + 1
        if seeker_id not in seekers or peer_id not in peers:
            found.append(f"pair ({seeker_id!r}, {peer_id!r}) names someone unknown")
            continue
        load[peer_id] = load.get(peer_id, 0) + 1
        if peer_id not in {c.partner for c in seekers[seeker_id].choices} or seeker_id not in {
            c.partner for c in peers[peer_id].choices
        }:
            found.append(f"pair ({seeker_id!r}, {peer_id!r}) is not mutually acceptable")
    for seeker_id in matching.unmatched:
        seen[seeker_id] = seen.get(seeker_id, 0) + 1
        if seeker_id not in seekers:
            found.append(f"unknown unmatched seeker {seeker_id!r}")
    for seeker_id in seekers:
        if seen.get(seeker_id, 0) != 1:
            found.append(f"seeker {seeker_id!r} appears {seen.get(seeker_id, 0)} times, not once")
    for peer_id, taken in load.items():
        if taken > peers[peer_id].capacity:
            found.append(f"peer {peer_id!r} has {taken} seekers for {peers[peer_id].capacity}")
    return found


def blocking_pairs(problem: Problem, matching: Matching) -> list[tuple[str, str]]:
    """The (seeker id, peer id) who list each other and would both rather be together: the
    seeker has no peer or ranks this one higher, and the peer has a free place or ranks this
    seeker above one it holds. Sorted; empty when the matching is stable.

    Raises `ProblemError` when `matching` is not a matching of `problem` (see `violations`).
    """
    found = violations(problem, matching)
    if found:
        raise ProblemError(f"not a matching of this problem: {found[0]}")
    current = dict(matching.pairs)
    seeker_rank = {
        seeker.id: {c.partner: rank for rank, c in enumerate(seeker.choices)}
        for seeker in problem.seekers
    }
    held: dict[str, list[str]] = {peer.id: [] for peer in problem.peers}
    for seeker_id, peer_id in matching.pairs:
        held[peer_id].append(seeker_id)
    blocking = []
    for peer in problem.peers:
        ranks = {c.partner: rank for rank, c in enumerate(peer.choices)}
        worst = max((ranks[s] for s in held[peer.id]), default=-1)
        has_room = len(held[peer.id]) < peer.capacity
        for choice in peer.choices:
            seeker_id = choice.partner
            mine = seeker_rank[seeker_id]
            if peer.id not in mine or current.get(seeker_id) == peer.id:
                continue
            theirs = current.get(seeker_id)
            seeker_wants = theirs is None or mine[peer.id] < mine[theirs]
            peer_wants = has_room or ranks[seeker_id] < worst
            if seeker_wants and peer_wants:
                blocking.append((seeker_id, peer.id))
    return sorted(blocking)


def total_score(problem: Problem, matching: Matching) -> float:
    """The sum of both people's scores over the pairs of `matching` (what `best` maximises
    after the number of pairs)."""
    seeker_score = {
        (seeker.id, c.partner): c.score for seeker in problem.seekers for c in seeker.choices
    }
    peer_score = {(c.partner, peer.id): c.score for peer in problem.peers for c in peer.choices}
    terms = [seeker_score[pair] + peer_score[pair] for pair in matching.pairs]
    try:
        return math.fsum(terms)
    except OverflowError:  # beyond any float: what a float sum gives (an infinity)
        return sum(terms)


def as_json(matching: Matching) -> dict[str, object]:
    """The JSON shape of `python -m entraide.pairing`'s output."""
    return {
        "pairs": [{"seeker": seeker, "peer": peer} for seeker, peer in matching.pairs],
        "unmatched": list(matching.unmatched),
    }
