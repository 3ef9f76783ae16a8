"""Properties of the matching core on many small random problems, against brute force.

Brute force enumerates every matching (each seeker alone or with one of the peers they and
that peer both list, within capacities): with at most 5 seekers and 3 peers, at most 4^5.
"""

import itertools
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from entraide.pairing.core.matching import (
    Choice,
    Matching,
    Peer,
    Problem,
    Seeker,
    best,
    blocking_pairs,
    stable,
    total_score,
    violations,
)

settings.register_profile("pairing", max_examples=200, deadline=None)
PROFILE = settings.get_profile("pairing")

# Quarters are exact in binary, so brute force and the solver add them up alike; small
# integers make ties frequent.
SCORES = st.integers(-8, 8).map(lambda quarters: quarters / 4)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    seeker_ids = [f"s{k}" for k in range(draw(st.integers(0, 5)))]
    peer_ids = [f"p{k}" for k in range(draw(st.integers(0, 3)))]

    def choices(candidates: list[str]) -> tuple[Choice, ...]:
        listed = draw(st.permutations(candidates))[: draw(st.integers(0, len(candidates)))]
        return tuple(Choice(partner, draw(SCORES)) for partner in listed)

    return Problem(
        seekers=tuple(Seeker(id, choices(peer_ids)) for id in seeker_ids),
        peers=tuple(Peer(id, draw(st.integers(1, 3)), choices(seeker_ids)) for id in peer_ids),
    )


def every_matching(problem: Problem) -> list[Matching]:
    capacity = {peer.id: peer.capacity for peer in problem.peers}
    accepts = {(c.partner, peer.id) for peer in problem.peers for c in peer.choices}
    options = [
        [None, *(c.partner for c in seeker.choices if (seeker.id, c.partner) in accepts)]
        for seeker in problem.seekers
    ]
    found = []
    for chosen in itertools.product(*options):
        load = Counter(peer for peer in chosen if peer is not None)
        if all(taken <= capacity[peer] for peer, taken in load.items()):
            found.append(
                Matching(
                    pairs=tuple(
                        sorted(
                            (seeker.id, peer)
                            for seeker, peer in zip(problem.seekers, chosen, strict=True)
                            if peer is not None
                        )
                    ),
                    unmatched=tuple(
                        sorted(
                            seeker.id
                            for seeker, peer in zip(problem.seekers, chosen, strict=True)
                            if peer is None
                        )
                    ),
                )
            )
    return found


def is_stable(problem: Problem, matching: Matching) -> bool:
    """Stability straight from its definition, for brute force (`blocking_pairs` is checked
    against it)."""
    got = dict(matching.pairs)
    held = {peer.id: [s for s, p in matching.pairs if p == peer.id] for peer in problem.peers}
    for peer in problem.peers:
        order = [c.partner for c in peer.choices]
        for seeker in problem.seekers:
            wishes = [c.partner for c in seeker.choices]
            if seeker.id not in order or peer.id not in wishes or got.get(seeker.id) == peer.id:
                continue
            seeker_would = seeker.id not in got or wishes.index(peer.id) < wishes.index(
                got[seeker.id]
            )
            peer_would = len(held[peer.id]) < peer.capacity or any(
                order.index(seeker.id) < order.index(other) for other in held[peer.id]
            )
            if seeker_would and peer_would:
                return False
    return True


def rank_of_partner(problem: Problem, matching: Matching) -> dict[str, int]:
    """Each seeker's rank of the peer they got; having none ranks after every choice."""
    got = dict(matching.pairs)
    ranks = {}
    for seeker in problem.seekers:
        order = [c.partner for c in seeker.choices]
        ranks[seeker.id] = order.index(got[seeker.id]) if seeker.id in got else len(order)
    return ranks


def is_mutual(problem: Problem, pair: tuple[str, str]) -> bool:
    seeker_id, peer_id = pair
    seeker = next(s for s in problem.seekers if s.id == seeker_id)
    peer = next(p for p in problem.peers if p.id == peer_id)
    return peer_id in {c.partner for c in seeker.choices} and seeker_id in {
        c.partner for c in peer.choices
    }


@PROFILE
@given(problems())
def test_stable_leaves_no_blocking_pair_and_respects_every_rule(problem: Problem) -> None:
    matching = stable(problem)
    assert violations(problem, matching) == []
    assert blocking_pairs(problem, matching) == []
    assert all(is_mutual(problem, pair) for pair in matching.pairs)
    load = Counter(peer for _, peer in matching.pairs)
    assert all(load[peer.id] <= peer.capacity for peer in problem.peers)
    assert list(matching.pairs) == sorted(matching.pairs)
    assert list(matching.unmatched) == sorted(matching.unmatched)


@PROFILE
@given(problems())
def test_stable_gives_each_seeker_their_best_peer_in_any_stable_matching(
    problem: Problem,
) -> None:
    ours = rank_of_partner(problem, stable(problem))
    everything = every_matching(problem)
    stable_ones = [m for m in everything if is_stable(problem, m)]
    assert all((blocking_pairs(problem, m) == []) == is_stable(problem, m) for m in everything)
    assert stable(problem) in stable_ones
    for other in stable_ones:
        theirs = rank_of_partner(problem, other)
        assert all(ours[seeker] <= theirs[seeker] for seeker in ours)


@PROFILE
@given(problems(), st.randoms(use_true_random=False))
def test_stable_does_not_depend_on_the_order_of_the_people(
    problem: Problem, shuffler: random.Random
) -> None:
    seekers, peers = list(problem.seekers), list(problem.peers)
    shuffler.shuffle(seekers)
    shuffler.shuffle(peers)
    assert stable(Problem(tuple(seekers), tuple(peers))) == stable(problem)


@PROFILE
@given(problems())
def test_best_has_the_most_pairs_then_the_highest_total_score(problem: Problem) -> None:
    matching = best(problem)
    assert violations(problem, matching) == []
    assert all(is_mutual(problem, pair) for pair in matching.pairs)
    everything = every_matching(problem)
    most = max(len(m.pairs) for m in everything)
    highest = max(total_score(problem, m) for m in everything if len(m.pairs) == most)
    assert len(matching.pairs) == most
    assert abs(total_score(problem, matching) - highest) < 1e-9
    assert len(stable(problem).pairs) <= most
