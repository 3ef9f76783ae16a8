"""An independent check of a proposal, written plainly so that it can be trusted.

It shares nothing with the solver but the vocabulary and `distance_km`: it re-reads the
constraints from scratch, person by person, group by group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from entraide.formation.geometry import distance_km
from entraide.formation.model import REASONS, Constraints, Person, Solution

# Distances are compared with a micrometre of slack: the solver computes them from 3D chords,
# this module with the haversine formula, and the two may differ in the last bits.
_TOLERANCE_KM = 1e-9


def verify(people: Sequence[Person], constraints: Constraints, solution: Solution) -> list[str]:
    """Return every way the solution breaks the constraints, in plain English; [] when sound."""
    problems: list[str] = []
    by_id = {person.id: person for person in people}
    seen: set[str] = set()

    def take(person_id: str, where: str) -> bool:
        if person_id not in by_id:
            problems.append(f"{where}: unknown id {person_id!r}")
            return False
        if person_id in seen:
            problems.append(f"{where}: {person_id!r} is placed more than once")
        seen.add(person_id)
        return True

    total = 0.0
    for number, group in enumerate(solution.groups, start=1):
        where = f"group {number} (host {group.host!r})"
        size = len(group.members)
        if not constraints.min_size <= size <= constraints.max_size:
            problems.append(
                f"{where}: {size} members, outside [{constraints.min_size}, {constraints.max_size}]"
            )
        if group.host not in group.members:
            problems.append(f"{where}: the host is not a member")
        known = [member for member in group.members if take(member, where)]
        if group.host not in by_id:
            continue
        host = by_id[group.host]
        for member in known:
            km = distance_km(by_id[member], host)
            total += km
            if km > constraints.max_km + _TOLERANCE_KM:
                problems.append(
                    f"{where}: {member!r} lives {km:.3f} km from the host, more than "
                    f"{constraints.max_km} km"
                )
        members = [by_id[member] for member in known]
        if constraints.same_language and members and not _shared(p.languages for p in members):
            problems.append(f"{where}: no language is shared by every member")
        if constraints.same_theme and members and not _shared(p.themes for p in members):
            problems.append(f"{where}: no theme is shared by every member")

    for unplaced in solution.unplaced:
        take(unplaced.id, "unplaced")
        if unplaced.reason not in REASONS:
            problems.append(f"unplaced {unplaced.id!r}: unknown reason {unplaced.reason!r}")
    forgotten = [person.id for person in people if person.id not in seen]
    if forgotten:
        problems.append(f"neither placed nor unplaced: {', '.join(map(repr, forgotten))}")
    if abs(total - solution.total_km) > 1e-6 * max(1.0, total):
        problems.append(
            f"total_km is {solution.total_km}, but the members' distances add up to {total}"
        )
    if solution.lower_bound_km > solution.total_km + 1e-6 * max(1.0, total):
        problems.append(
            f"lower_bound_km {solution.lower_bound_km} is above total_km {solution.total_km}"
        )
    return problems


def _shared(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    """Return the values every set holds."""
    return frozenset.intersection(*sets)
