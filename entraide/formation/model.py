"""The solver's vocabulary: people, constraints and the proposal it returns.

Plain Python, no Django: the command line, the benchmark and the product's background task all
speak these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Why someone could not be placed. These exact strings go into OUT.json; the product translates
# them for coordinators (entraide/proposals).
NOBODY_WITHIN_REACH = "nobody within reach"
TOO_FEW_NEARBY = "too few people nearby to reach the minimum size"
NO_SHARED_LANGUAGE = "no shared language"
NO_SHARED_THEME = "no shared theme"
NO_ROOM = "no group within reach has room"
REASONS = (NOBODY_WITHIN_REACH, TOO_FEW_NEARBY, NO_SHARED_LANGUAGE, NO_SHARED_THEME, NO_ROOM)


class InputError(ValueError):
    """Bad input: the message says what is wrong and where (line, column), in plain words."""


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    lat: float
    lon: float
    languages: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    # True when the point is a postal code's centre, not the person's home.
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Constraints:
    min_size: int = 6
    max_size: int = 10
    max_km: float = 2.0
    same_language: bool = False
    same_theme: bool = False

    def check(self) -> None:
        """Raise InputError when the constraints cannot make sense."""
        if self.min_size < 1:
            raise InputError("--min must be at least 1")
        if self.max_size < self.min_size:
            raise InputError(f"--min ({self.min_size}) is larger than --max ({self.max_size})")
        if not self.max_km > 0:
            raise InputError("--max-km must be a positive number of kilometres")


@dataclass(slots=True)
class Group:
    host: str
    # Every member, the host included.
    members: list[str]


@dataclass(frozen=True, slots=True)
class Unplaced:
    id: str
    reason: str


@dataclass(slots=True)
class Solution:
    groups: list[Group] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    total_km: float = 0.0
    # Certified: no grouping that places at least as many people walks less in total.
    lower_bound_km: float = 0.0
    seconds: float = 0.0

    @property
    def gap(self) -> float | None:
        """How far above its bound the total may be: see `gap`."""
        return gap(self.total_km, self.lower_bound_km)

    def as_json(self) -> dict[str, object]:
        return {
            "groups": [{"host": g.host, "members": list(g.members)} for g in self.groups],
            "unplaced": [{"id": u.id, "reason": u.reason} for u in self.unplaced],
            "total_km": self.total_km,
            "lower_bound_km": self.lower_bound_km,
            "seconds": self.seconds,
        }


def gap(total_km: float, lower_bound_km: float) -> float | None:
    """The one definition of the gap: (total - bound) / bound, a fraction (0.05 is 5 %).

    The total is at most this far above the best grouping placing as many people. 0 when the
    total meets the bound (to rounding); None when the bound is 0 and the total is not (the
    ratio says nothing then).
    """
    if total_km <= lower_bound_km + 1e-9 * max(1.0, total_km):
        return 0.0
    if lower_bound_km <= 0:
        return None
    return (total_km - lower_bound_km) / lower_bound_km
