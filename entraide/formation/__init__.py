"""Forming groups by proximity (issue 6): a plain-Python solver, no Django.

`solve` proposes groups whose members can walk to a host's home, placing as many people as
possible and then minimising the total walk, with a certified lower bound on that total;
`verify` checks any proposal independently; `read_csv` reads a coordinator's list.
"""

from entraide.formation.csvinput import read_csv
from entraide.formation.geometry import distance_km
from entraide.formation.model import (
    NO_ROOM,
    NO_SHARED_LANGUAGE,
    NO_SHARED_THEME,
    NOBODY_WITHIN_REACH,
    REASONS,
    TOO_FEW_NEARBY,
    Constraints,
    Group,
    InputError,
    Person,
    Solution,
    Unplaced,
    gap,
)
from entraide.formation.solver import solve
from entraide.formation.verify import verify

__all__ = [
    "NOBODY_WITHIN_REACH",
    "NO_ROOM",
    "NO_SHARED_LANGUAGE",
    "NO_SHARED_THEME",
    "REASONS",
    "TOO_FEW_NEARBY",
    "Constraints",
    "Group",
    "InputError",
    "Person",
    "Solution",
    "Unplaced",
    "distance_km",
    "gap",
    "read_csv",
    "solve",
    "verify",
]
