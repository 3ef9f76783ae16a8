"""The rota on random small instances: sound, and as good as brute force at every level."""

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from entraide.pairing.core.rota import Rota, RotaError, Shift, Volunteer, check, propose, swap

settings.register_profile("rota", max_examples=80, deadline=None)
PROFILE = settings.get_profile("rota")
START = datetime(2027, 3, 1, tzinfo=UTC)
Instance = tuple[list[Shift], list[Volunteer], list[tuple[str, str]]]


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    """Up to 4 shifts of 1–3 hours within 6 hours (so that they often overlap), up to 4
    volunteers, and some assignments to keep."""
    shifts = []
    for k in range(draw(st.integers(1, 4))):
        start = START + timedelta(hours=draw(st.integers(0, 6)))
        hours = draw(st.integers(1, 3))
        shifts.append(
            Shift(f"s{k}", start, start + timedelta(hours=hours), draw(st.integers(1, 3)))
        )
    ids = [s.id for s in shifts]
    volunteers = [
        Volunteer(
            f"v{k}",
            draw(st.sampled_from([True, True, True, False])),
            draw(st.integers(0, 3)),
            frozenset(draw(st.lists(st.sampled_from(ids), unique=True))),
        )
        for k in range(draw(st.integers(0, 4)))
    ]
    pairs = [(s, v.id) for s in ids for v in volunteers]
    keep = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    return shifts, volunteers, keep


def overlap(a: Shift, b: Shift) -> bool:
    return a.start < b.end and b.start < a.end


def every_rota(shifts: list[Shift], volunteers: list[Volunteer]) -> Iterator[list[tuple[str, str]]]:
    """Every assignment that keeps the rules, by depth-first search over the shifts."""
    allowed = {
        s.id: [v for v in volunteers if v.trained and s.id in v.available and v.max_shifts > 0]
        for s in shifts
    }

    def extend(k: int, taken: dict[str, list[Shift]]) -> Iterator[list[tuple[str, str]]]:
        if k == len(shifts):
            yield []
            return
        current = shifts[k]
        for size in range(current.wanted + 1):
            for chosen in combinations(allowed[current.id], size):
                if any(
                    len(taken[v.id]) >= v.max_shifts
                    or any(overlap(current, other) for other in taken[v.id])
                    for v in chosen
                ):
                    continue
                for v in chosen:
                    taken[v.id].append(current)
                for rest in extend(k + 1, taken):
                    yield [(current.id, v.id) for v in chosen] + rest
                for v in chosen:
                    taken[v.id].pop()

    yield from extend(0, {v.id: [] for v in volunteers})


def score(
    shifts: list[Shift],
    volunteers: list[Volunteer],
    keep: list[tuple[str, str]],
    assignments: list[tuple[str, str]] | tuple[tuple[str, str], ...],
) -> tuple[tuple[int, ...], Fraction, Fraction, int]:
    """The objective's levels, as the module's docstring defines them, the larger the better:
    the shifts holding at least 1, 2, … people; minus the heaviest share; minus the spread;
    the kept assignments."""
    per_shift = Counter(s for s, _ in assignments)
    ranks = max(s.wanted for s in shifts)
    levels = tuple(sum(1 for s in shifts if per_shift[s.id] > rank) for rank in range(ranks))
    offered = {v.id: v.max_shifts for v in volunteers}
    load = Counter(v for _, v in assignments)
    heaviest = max((Fraction(n, offered[v]) for v, n in load.items()), default=Fraction(0))
    spread = sum((Fraction(n * n, offered[v]) for v, n in load.items()), Fraction(0))
    return levels, -heaviest, -spread, len(set(keep) & set(assignments))


@PROFILE
@given(instances())
def test_the_rota_keeps_every_rule(instance: Instance) -> None:
    shifts, volunteers, keep = instance
    rota = propose(shifts, volunteers, keep=keep)
    assert check(shifts, volunteers, rota) == []
    trained = {v.id for v in volunteers if v.trained}
    assert all(v in trained for _, v in rota.assignments)
    offered = {v.id: v.max_shifts for v in volunteers}
    assert all(n <= offered[v] for v, n in Counter(v for _, v in rota.assignments).items())


@PROFILE
@given(instances())
def test_the_rota_is_as_good_as_brute_force_at_every_level(instance: Instance) -> None:
    shifts, volunteers, keep = instance
    rota = propose(shifts, volunteers, keep=keep)
    best = max(score(shifts, volunteers, keep, a) for a in every_rota(shifts, volunteers))
    assert score(shifts, volunteers, keep, rota.assignments) == best


@PROFILE
@given(instances(), st.data())
def test_a_swap_is_refused_exactly_when_it_would_break_a_rule(
    instance: Instance, data: st.DataObject
) -> None:
    shifts, volunteers, _ = instance
    rota = propose(shifts, volunteers)
    if not rota.assignments or len(volunteers) < 2:
        return
    give = data.draw(st.sampled_from(rota.assignments))
    others = [a for a in rota.assignments if a[1] != give[1] and a[0] != give[0]]
    take = data.draw(st.none() | st.sampled_from(others)) if others else None
    to = data.draw(st.sampled_from([v.id for v in volunteers if v.id != give[1]]))
    naive = set(rota.assignments) - {give}
    if take is None:
        naive.add((give[0], to))
    else:
        naive -= {take}
        naive |= {(give[0], take[1]), (take[0], give[1])}
    expected = Rota(tuple(sorted(naive)), rota.gaps)
    breaks = len(naive) < len(rota.assignments) or check(shifts, volunteers, expected) != []
    try:
        swapped = swap(rota, shifts, volunteers, give=give, take=take, to=to)
    except RotaError:
        assert breaks
    else:
        assert not breaks
        assert swapped == expected
        assert check(shifts, volunteers, swapped) == []
