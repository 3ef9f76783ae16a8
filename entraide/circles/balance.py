"""The balance view: a circle of equal shares, drawn as SVG paths by us (no chart library).

Each person has the same slice of the circle, in the order they sit (never sorted by who spoke
most: the view does not rank people). A ring marks the equal share; each slice is filled in
proportion to that person's speaking time against the equal share (area, not radius, so a
double share looks double). A voice that fills the room shows as a slice beyond the ring.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from entraide.circles.rules import gini

RING = 40.0  # the radius of an equal share, in a viewBox of -60 … 60
LIMIT = 58.0


@dataclass(frozen=True)
class Slice:
    outline: str
    filled: str
    mine: bool


@dataclass(frozen=True)
class Balance:
    slices: list[Slice]
    ring: float
    people: int
    index: float
    words: str


def _point(radius: float, angle: float) -> str:
    return f"{radius * math.cos(angle):.2f} {radius * math.sin(angle):.2f}"


def _sector(radius: float, start: float, end: float) -> str:
    if radius <= 0:
        return ""
    if end - start >= 2 * math.pi - 1e-9:
        return (
            f"M {-radius:.2f} 0 A {radius:.2f} {radius:.2f} 0 1 1 {radius:.2f} 0 "
            f"A {radius:.2f} {radius:.2f} 0 1 1 {-radius:.2f} 0 Z"
        )
    large = 1 if end - start > math.pi else 0
    return (
        f"M 0 0 L {_point(radius, start)} "
        f"A {radius:.2f} {radius:.2f} 0 {large} 1 {_point(radius, end)} Z"
    )


def words_for(index: float, people: int, spoken: int) -> str:
    if spoken == 0 or people < 2:
        return _("Personne n'a encore parlé.")
    if index < 0.25:
        return _("La parole est bien partagée.")
    if index < 0.45:
        return _("Quelques voix prennent plus de place que d'autres.")
    return _(
        "Une voix prend beaucoup de place. "
        "Pensez à laisser la parole aux personnes qu'on a moins entendues."
    )


def balance(seconds: list[int], mine: int | None = None) -> Balance:
    """The drawing for these speaking times, in sitting order; `mine` marks one's own slice."""
    people = len(seconds)
    total = sum(seconds)
    slices = []
    for i, spoken in enumerate(seconds):
        start = -math.pi / 2 + 2 * math.pi * i / people
        end = -math.pi / 2 + 2 * math.pi * (i + 1) / people
        share = spoken / total * people if total else 0.0
        radius = min(LIMIT, RING * math.sqrt(share))
        slices.append(
            Slice(
                outline=_sector(RING, start, end),
                filled=_sector(radius, start, end),
                mine=i == mine,
            )
        )
    index = gini(seconds)
    return Balance(
        slices=slices, ring=RING, people=people, index=index, words=words_for(index, people, total)
    )
