"""A listening line's rota: who takes which shift, solved exactly with HiGHS (scipy's `milp`).

`propose(shifts, volunteers, keep=…)` returns a `Rota`; `check` verifies one independently;
`swap` lets two volunteers exchange shifts, or one hand a shift to another, refusing with a
`RotaError` any change that would break a rule.

The rules, never broken by `propose` nor let through by `swap`:

- only trained volunteers are on shifts, and only on shifts they said they are available for;
- nobody gets more shifts than the `max_shifts` they offered for the period;
- nobody is on two shifts whose times overlap (a shift ending at 14:00 and one starting at
  14:00 do not overlap);
- no shift gets more people than it `wanted`.

The objective, lexicographic — each level only chooses among the rotas best at the levels
before it:

1. **Coverage, by rank.** Maximise the number of shifts with at least one person, then the
   number with at least two, and so on up to the largest `wanted`: the first person on a shift
   counts more than the second anywhere else. With `wanted = 2` this is "as many shifts as
   possible covered, then as many as possible fully covered"; with 3 it fills every shift to
   two before any to three, since two is the safe minimum on a listening line.
   Coverage alone fixes how many people each level holds, hence the total number of shifts
   given out, `T`.
2. **Fairness, the heaviest load first.** Minimise `max over volunteers of assigned / offered`
   (`max_shifts`), the largest share of their offer that anyone is asked to give.
3. **Fairness, the spread.** Minimise `sum over volunteers of assigned² / offered`. With the
   total `T` fixed, this is the variance of the shares `assigned / offered` weighted by the
   offers, plus a constant: it is smallest when every share is equal (to `T / total offered`),
   so each volunteer gives the same share of what they offered, as nearly as the availability
   allows.
4. **Stability.** Maximise the number of `keep` assignments (the coordinator's adjustments,
   or the rota in place) that stay.

How each level is solved, with HiGHS at a zero gap:

1. the ranks of coverage share one solve, with weights that provably dominate
   (`(shifts + 1)^(ranks - rank)`) as long as they stay below a million, and are solved one
   after another otherwise; each rank's count is then held as a constraint;
2. the heaviest share is one of the few fractions `j / offered`: a search over them, each
   step a coverage solve with every offer cut to that share (`floor(share * offered)`),
   finds the smallest that keeps the coverage (the direct MILP, minimise `t` with
   `assigned <= t * offered`, is slow to prove optimal when many volunteers are alike);
3. the spread is one solve within those cuts;
4. stability is one solve with the spread held within 10⁻⁹ of its optimum (relative).

Levels 1, 2 and 4 are exact. Two different spreads differ by at least `1 / lcm(offers)`, far
above the tolerances as long as that least common multiple stays below a million (any offers
of at most 16 shifts): level 3 is then exact too.

Model: a binary `x[shift, volunteer]` for each pair allowed (trained, available, offering at
least one shift); continuous `z[shift, rank]` in [0, 1] with `sum_rank z = sum_volunteer x`
on each shift (at most `wanted`), whose rank weights decrease, so the optimum fills the ranks
in order and `sum_shift z[·, rank]` counts the shifts holding at least `rank` people; one row per
volunteer for the offer; for overlaps, one row per volunteer and maximal set of their shifts
that are all under way at one instant (the shifts running at some shift's start: the maximal
cliques of an interval graph). The spread is convex and separable: unit variables
`u[volunteer, j]`, the volunteer's j-th shift, cost `(2j - 1) / offered`, increasing in `j`,
so they fill in order and sum to `assigned² / offered`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

FloatArray = npt.NDArray[np.float64]

# Coverage ranks share one weighted solve while the largest weight stays below this: integer
# objectives of this size are solved exactly by HiGHS at a zero gap.
MAX_WEIGHT = 1e6
# The spread's costs are scaled by this, so that HiGHS's absolute gap (10⁻⁶) is 10⁻⁹ of a
# spread; and how far above its optimum the spread may be while stability is maximised.
SPREAD_SCALE = 1e3
SPREAD_TOLERANCE = 1e-9
# Coverage levels are integers, held with this margin against HiGHS's feasibility tolerance.
COUNT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Shift:
    """A slot of the line, and how many people are wanted on it."""

    id: str
    start: datetime
    end: datetime
    wanted: int = 2


@dataclass(frozen=True)
class Volunteer:
    """A volunteer: trained or not, how many shifts they offer, the shifts they can take."""

    id: str
    trained: bool
    max_shifts: int
    available: frozenset[str]


@dataclass(frozen=True)
class Rota:
    """Who is on which shift, and what is missing.

    `assignments` holds (shift id, volunteer id) pairs, sorted; `gaps` holds (shift id, people
    missing) for the shifts with fewer people than wanted, sorted by shift id.
    """

    assignments: tuple[tuple[str, str], ...]
    gaps: tuple[tuple[str, int], ...]


class RotaError(ValueError):
    """Input that makes no sense, or a swap that would break a rule.

    `code` says which, for the interface to explain it in words: `invalid` (the input),
    `not_in_rota`, `same_volunteer`, `same_shift`, `no_recipient`, or the first rule a swap
    would break: `not_trained`, `not_available`, `over_offer`, `overlap`, `twice`.
    `problems` lists every rule broken, in words for developers.
    """

    def __init__(self, message: str, *, code: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.problems = tuple(problems)


@dataclass
class _Rows:
    """Linear constraints being built, in coordinate form."""

    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)

    def add(self, terms: Iterable[tuple[int, float]], lower: float, upper: float) -> None:
        row = len(self.lower)
        for col, value in terms:
            self.rows.append(row)
            self.cols.append(col)
            self.values.append(value)
        self.lower.append(lower)
        self.upper.append(upper)

    def extended(self) -> _Rows:
        return _Rows(
            list(self.rows), list(self.cols), list(self.values), list(self.lower), list(self.upper)
        )

    def constraint(self, variables: int) -> LinearConstraint:
        matrix = coo_array(
            (self.values, (self.rows, self.cols)), shape=(len(self.lower), variables)
        ).tocsr()
        return LinearConstraint(matrix, np.array(self.lower), np.array(self.upper))


def propose(
    shifts: Sequence[Shift],
    volunteers: Sequence[Volunteer],
    *,
    keep: Iterable[tuple[str, str]] = (),
) -> Rota:
    """The best rota by the module's objective; `keep` holds (shift id, volunteer id) pairs.

    Availability naming shifts outside `shifts`, and `keep` pairs that the rules forbid, are
    left aside. Raises `RotaError` (code `invalid`) for duplicate ids, a shift that does not
    end after it starts, a `wanted` below 1, a negative `max_shifts`, or datetimes with and
    without a time zone mixed. There is no time limit: a month of 93 shifts and 60 volunteers
    takes a tenth of a second, 124 shifts with handovers and 150 volunteers about one
    (docs/benchmarks.md).
    """
    _validate(shifts, volunteers)
    ordered = sorted(shifts, key=lambda s: (s.start, s.end, s.id))
    people = sorted((v for v in volunteers if v.trained and v.max_shifts > 0), key=lambda v: v.id)
    if not ordered:
        return Rota((), ())
    shift_index = {s.id: i for i, s in enumerate(ordered)}
    pairs = [
        (i, p)
        for p, v in enumerate(people)
        for i in sorted(shift_index[s] for s in v.available if s in shift_index)
    ]
    if not pairs:
        return _rota(ordered, [])
    person_index = {v.id: p for p, v in enumerate(people)}
    kept = {
        (shift_index[s], person_index[v]) for s, v in keep if s in shift_index and v in person_index
    }
    model = _Model(ordered, people, pairs)
    chosen = model.solve(kept)
    return _rota(ordered, [(ordered[pairs[e][0]].id, people[pairs[e][1]].id) for e in chosen])


class _Model:
    """The MILP of one rota, solved level by level."""

    def __init__(
        self, shifts: list[Shift], people: list[Volunteer], pairs: list[tuple[int, int]]
    ) -> None:
        self.shifts, self.people, self.pairs = shifts, people, pairs
        self.n_x = len(pairs)
        self.ranks = max(s.wanted for s in shifts)
        # z[shift, rank] for rank < wanted, after the x columns.
        self.z_col: dict[tuple[int, int], int] = {}
        for i, s in enumerate(shifts):
            for rank in range(s.wanted):
                self.z_col[i, rank] = self.n_x + len(self.z_col)
        self.n_base = self.n_x + len(self.z_col)
        self.by_person: dict[int, list[int]] = defaultdict(list)
        by_shift: dict[int, list[int]] = defaultdict(list)
        for e, (i, p) in enumerate(pairs):
            self.by_person[p].append(e)
            by_shift[i].append(e)
        base = _Rows()
        self.person_row: dict[int, int] = {}
        for p, edges in self.by_person.items():
            self.person_row[p] = len(base.lower)
            base.add(((e, 1.0) for e in edges), 0.0, float(people[p].max_shifts))
        for i, s in enumerate(shifts):
            terms = [(e, 1.0) for e in by_shift[i]]
            terms += [(self.z_col[i, rank], -1.0) for rank in range(s.wanted)]
            base.add(terms, 0.0, 0.0)
        for edges in self.by_person.values():
            for clique in _overlapping(shifts, [(pairs[e][0], e) for e in edges]):
                base.add(((e, 1.0) for e in clique), 0.0, 1.0)
        self.base = base

    def _solve(self, rows: _Rows, cost: FloatArray, upper: FloatArray | None = None) -> FloatArray:
        variables = len(cost)
        integrality = np.zeros(variables, dtype=np.int64)
        integrality[: self.n_x] = 1
        result = milp(
            cost,
            constraints=[rows.constraint(variables)],
            integrality=integrality,
            bounds=Bounds(np.zeros(variables), np.ones(variables) if upper is None else upper),
            options={"mip_rel_gap": 0.0},
        )
        if result.status != 0 or result.x is None:
            raise RuntimeError(f"HiGHS did not solve the rota: {result.message}")
        solution: FloatArray = np.asarray(result.x, dtype=np.float64)
        return solution

    def _levels(self, solution: FloatArray) -> list[int]:
        """How many shifts hold at least 1, 2, … people in an integral solution."""
        counts = Counter(self.pairs[e][0] for e in range(self.n_x) if solution[e] > 0.5)
        return [sum(1 for n in counts.values() if n > rank) for rank in range(self.ranks)]

    def _coverage(self, rows: _Rows) -> tuple[list[int], FloatArray, _Rows]:
        """The most shifts covered at each rank; the solution; `rows` holding those counts."""
        rows = rows.extended()
        weight_base = len(self.shifts) + 1.0
        if weight_base ** (self.ranks - 1) <= MAX_WEIGHT:
            blocks = [list(range(self.ranks))]
        else:
            blocks = [[rank] for rank in range(self.ranks)]
        solution = np.zeros(self.n_base)
        levels: list[int] = []
        for block in blocks:
            cost = np.zeros(self.n_base)
            for (_, rank), col in self.z_col.items():
                if rank in block:
                    cost[col] = -(weight_base ** (block[-1] - rank))
            solution = self._solve(rows, cost)
            levels = self._levels(solution)
            for rank in block:
                terms = [(col, 1.0) for (_, r), col in self.z_col.items() if r == rank]
                rows.add(terms, levels[rank] - COUNT_TOLERANCE, np.inf)
        return levels, solution, rows

    def _capped(self, share: Fraction) -> _Rows:
        """The base rows with each volunteer's offer cut to `share` of it."""
        rows = self.base.extended()
        for p, row in self.person_row.items():
            rows.upper[row] = float(int(share * self.people[p].max_shifts))
        return rows

    def _share(self, solution: FloatArray) -> Fraction:
        loads = self._loads(solution)
        return max(
            (Fraction(loads[p], self.people[p].max_shifts) for p in self.by_person),
            default=Fraction(0),
        )

    def solve(self, kept: set[tuple[int, int]]) -> list[int]:
        # 1. Coverage by rank: one weighted solve when the weights stay small, else rank by rank.
        levels, solution, _ = self._coverage(self.base)

        # 2. The heaviest share. A MILP minimising t with assigned <= t * offered is slow to
        # prove optimal (many volunteers are alike), so search the few shares possible,
        # j / offered, for the smallest with which the coverage stays the same: each step is a
        # coverage solve with every offer cut to that share. The total given out is fixed, so
        # the share is at least total / sum of offers.
        offers = {p: self.people[p].max_shifts for p in self.by_person}
        best = self._share(solution)
        least = Fraction(sum(levels), sum(offers.values()))
        candidates = sorted(
            share
            for share in {Fraction(j, m) for m in set(offers.values()) for j in range(m + 1)}
            if least <= share < best
        )
        low, high = 0, len(candidates)
        while low < high:
            middle = (low + high) // 2
            found, trial, _ = self._coverage(self._capped(candidates[middle]))
            if found == levels:
                best = self._share(trial)
                high = bisect_left(candidates, best)
            else:
                low = middle + 1
        caps = {p: int(best * offers[p]) for p in self.by_person}
        rows = self._capped(best)
        for rank in range(self.ranks):
            terms = [(col, 1.0) for (_, r), col in self.z_col.items() if r == rank]
            rows.add(terms, levels[rank] - COUNT_TOLERANCE, np.inf)

        # 3. The spread: unit columns u[p, j] for the j-th shift of p, cost (2j - 1) / offered.
        u_cost: list[float] = []
        for p, edges in self.by_person.items():
            first = self.n_base + len(u_cost)
            u_cost += [SPREAD_SCALE * (2 * j - 1) / offers[p] for j in range(1, caps[p] + 1)]
            terms = [(e, 1.0) for e in edges] + [(first + j, -1.0) for j in range(caps[p])]
            rows.add(terms, 0.0, 0.0)
        cost = np.r_[np.zeros(self.n_base), np.array(u_cost)]
        solution = self._solve(rows, cost)
        keep_edges = [e for e, pair in enumerate(self.pairs) if pair in kept]
        if keep_edges:
            # 4. Stability, with the spread held at its optimum.
            spread = float(cost @ solution)
            rows.add(
                ((self.n_base + k, c) for k, c in enumerate(u_cost)),
                -np.inf,
                spread + SPREAD_TOLERANCE * max(1.0, spread),
            )
            keep_cost = np.zeros(len(cost))
            keep_cost[keep_edges] = -1.0
            solution = self._solve(rows, keep_cost)
        return [e for e in range(self.n_x) if solution[e] > 0.5]

    def _loads(self, solution: FloatArray) -> dict[int, int]:
        return {
            p: sum(1 for e in edges if solution[e] > 0.5) for p, edges in self.by_person.items()
        }


def _overlapping(shifts: list[Shift], taken: list[tuple[int, int]]) -> list[list[int]]:
    """Maximal sets (of at least two) of one volunteer's columns whose shifts share an instant.

    `taken` holds (shift index, column). In an interval graph every maximal clique is the set
    of intervals running at some interval's start: sweep the starts in time order, and keep the
    set running at a start when one of them ends before the next start (else the next start's
    set holds it).
    """
    ordered = sorted(taken, key=lambda item: (shifts[item[0]].start, item[1]))
    cliques: list[list[int]] = []
    running: list[tuple[datetime, int]] = []
    k = 0
    while k < len(ordered):
        at = shifts[ordered[k][0]].start
        running = [(end, col) for end, col in running if end > at]
        while k < len(ordered) and shifts[ordered[k][0]].start == at:
            running.append((shifts[ordered[k][0]].end, ordered[k][1]))
            k += 1
        following = shifts[ordered[k][0]].start if k < len(ordered) else None
        if len(running) > 1 and (following is None or following >= min(e for e, _ in running)):
            cliques.append(sorted(col for _, col in running))
    return cliques


def _rota(shifts: Sequence[Shift], assignments: Iterable[tuple[str, str]]) -> Rota:
    pairs = tuple(sorted(set(assignments)))
    return Rota(pairs, _gaps(shifts, pairs))


def _gaps(shifts: Sequence[Shift], pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, int], ...]:
    counts = Counter(s for s, _ in pairs)
    return tuple(sorted((s.id, s.wanted - counts[s.id]) for s in shifts if counts[s.id] < s.wanted))


def _validate(shifts: Sequence[Shift], volunteers: Sequence[Volunteer]) -> None:
    problems: list[str] = []
    for kind, ids in (("shift", [s.id for s in shifts]), ("volunteer", [v.id for v in volunteers])):
        problems += [f"{kind} id {i!r} is used {n} times" for i, n in Counter(ids).items() if n > 1]
    for s in shifts:
        if s.wanted < 1:
            problems.append(f"shift {s.id!r} wants {s.wanted} people, at least 1 is needed")
    if len({s.start.tzinfo is None for s in shifts} | {s.end.tzinfo is None for s in shifts}) > 1:
        problems.append("some shifts have a time zone and some do not")
    else:
        problems += [
            f"shift {s.id!r} does not end after it starts" for s in shifts if s.end <= s.start
        ]
    problems += [
        f"volunteer {v.id!r} offers {v.max_shifts} shifts, fewer than none"
        for v in volunteers
        if v.max_shifts < 0
    ]
    if problems:
        raise RotaError("; ".join(problems), code="invalid", problems=problems)


def _problems(
    shifts: Sequence[Shift], volunteers: Sequence[Volunteer], rota: Rota
) -> list[tuple[str, str]]:
    """Every rule the rota breaks, as (code, words)."""
    found: list[tuple[str, str]] = []
    by_id = {s.id: s for s in shifts}
    people = {v.id: v for v in volunteers}
    if list(rota.assignments) != sorted(rota.assignments):
        found.append(("unsorted", "the assignments are not sorted"))
    for (s, v), n in sorted(Counter(rota.assignments).items()):
        if n > 1:
            found.append(("twice", f"{v} is on {s} {n} times"))
    mine: dict[str, list[Shift]] = defaultdict(list)
    for s, v in sorted(set(rota.assignments)):
        if s not in by_id:
            found.append(("unknown", f"({s}, {v}) names a shift that does not exist"))
            continue
        if v not in people:
            found.append(("unknown", f"({s}, {v}) names a volunteer who does not exist"))
            continue
        volunteer = people[v]
        if not volunteer.trained:
            found.append(("not_trained", f"{v} is on {s} but is not trained"))
        if s not in volunteer.available:
            found.append(("not_available", f"{v} is on {s} but is not available for it"))
        mine[v].append(by_id[s])
    for v, taken in sorted(mine.items()):
        if len(taken) > people[v].max_shifts:
            found.append(
                (
                    "over_offer",
                    f"{v} has {len(taken)} shifts but offered {people[v].max_shifts}",
                )
            )
        taken.sort(key=lambda s: (s.start, s.end, s.id))
        for k, a in enumerate(taken):
            for b in taken[k + 1 :]:
                if b.start >= a.end:
                    break
                found.append(("overlap", f"{v} is on {a.id} and {b.id}, which overlap"))
    counts = Counter(s for s, _ in set(rota.assignments))
    for s, n in sorted(counts.items()):
        if s in by_id and n > by_id[s].wanted:
            found.append(("over_wanted", f"{s} has {n} people, {by_id[s].wanted} wanted"))
    actual = _gaps(shifts, set(rota.assignments))
    if rota.gaps != actual:
        found.append(("gaps", f"the gaps should be {list(actual)}, not {list(rota.gaps)}"))
    return found


def check(shifts: Sequence[Shift], volunteers: Sequence[Volunteer], rota: Rota) -> list[str]:
    """Every rule the rota breaks, in words for developers; an empty list if none.

    Independent of `propose`: it reads the assignments pair by pair. It checks the rules, the
    order of the assignments and the truth of the gaps, not whether the rota is optimal.
    """
    return [words for _, words in _problems(shifts, volunteers, rota)]


def swap(
    rota: Rota,
    shifts: Sequence[Shift],
    volunteers: Sequence[Volunteer],
    *,
    give: tuple[str, str],
    take: tuple[str, str] | None,
    to: str | None = None,
) -> Rota:
    """The rota after a swap between two volunteers, or a `RotaError` if it breaks a rule.

    `give` is the (shift id, volunteer id) assignment that its volunteer gives away. With
    `take`, another volunteer's assignment, the two exchange: each takes the other's shift.
    With `take=None`, the shift is handed to the volunteer `to`. Every shift keeps as many
    people. Refused when an assignment is not in the rota, or when the result breaks a rule
    that the rota did not already break (a rota made before a volunteer's availability
    changed may hold such old problems: they do not block an unrelated swap).
    """
    current = set(rota.assignments)
    for pair in (give, take):
        if pair is not None and pair not in current:
            raise RotaError(f"{pair[1]} is not on {pair[0]}", code="not_in_rota")
    shift, giver = give
    if take is None:
        if to is None:
            raise RotaError("a shift handed over needs someone to take it", code="no_recipient")
        if to == giver:
            raise RotaError(f"{giver} cannot hand a shift to themselves", code="same_volunteer")
        added = [(shift, to)]
        removed = [give]
    else:
        other_shift, taker = take
        if taker == giver:
            raise RotaError(f"{giver} cannot swap with themselves", code="same_volunteer")
        if other_shift == shift:
            raise RotaError(f"{giver} and {taker} are both on {shift}", code="same_shift")
        added = [(shift, taker), (other_shift, giver)]
        removed = [give, take]
    for s, v in added:
        if (s, v) in current:
            raise RotaError(
                f"{v} is already on {s}", code="twice", problems=[f"{v} is on {s} twice"]
            )
    result = _rota(shifts, (current - set(removed)) | set(added))
    before = set(_problems(shifts, volunteers, rota))
    new = [problem for problem in _problems(shifts, volunteers, result) if problem not in before]
    if new:
        words = [w for _, w in new]
        raise RotaError("; ".join(words), code=new[0][0], problems=words)
    return result


def place(
    rota: Rota, shifts: Sequence[Shift], volunteers: Sequence[Volunteer], pair: tuple[str, str]
) -> Rota:
    """The rota with one more (shift id, volunteer id) assignment: a coordinator's adjustment.

    Refused with a `RotaError` when the volunteer is already on the shift (`twice`), or when the
    result breaks a rule the rota did not already break (`not_trained`, `not_available`,
    `over_offer`, `overlap`, `over_wanted`, `unknown`), as `swap` refuses.
    """
    if pair in set(rota.assignments):
        raise RotaError(f"{pair[1]} is already on {pair[0]}", code="twice")
    result = _rota(shifts, set(rota.assignments) | {pair})
    before = set(_problems(shifts, volunteers, rota))
    new = [problem for problem in _problems(shifts, volunteers, result) if problem not in before]
    if new:
        words = [w for _, w in new]
        raise RotaError("; ".join(words), code=new[0][0], problems=words)
    return result


def rota_of(shifts: Sequence[Shift], assignments: Iterable[tuple[str, str]]) -> Rota:
    """The rota holding these (shift id, volunteer id) assignments, with its gaps."""
    return _rota(shifts, assignments)
