"""The balance view: a circle of equal shares, drawn as SVG paths by us (no chart library).

Each person has the same slice of the circle, in the order they sit (never sorted by who spoke
most: the view does not rank people). A dashed ring marks the equal share; each slice is filled
in proportion to that person's speaking time against the equal share (area, not radius, so a
double share looks double). No wedge ever leaves the circle: when one voice has taken more room
than the circle can show around the usual ring, the ring is drawn smaller, so that the
proportions stay true.

Each wedge carries its words (`Slice.label`: whose it is, and its share in words), as a
`<title>` in the drawing and in a list beside it, for those who do not see the drawing.
"""

import math
import statistics
from dataclasses import dataclass

from django.utils.translation import gettext as _

from entraide.circles.rules import gini

RING = 40.0  # the radius of an equal share, in a viewBox of -60 … 60
LIMIT = 58.0  # the circle's radius: the widest stroke stays inside the drawing

# When the words may say something about the balance (see `words_for`).
EARLY_SECONDS = 300
SOME_MORE = 1.8
MUCH_MORE = 3.0


@dataclass(frozen=True)
class Slice:
    outline: str
    filled: str
    mine: bool
    label: str


@dataclass(frozen=True)
class Balance:
    slices: list[Slice]
    ring: float
    radius: float
    people: int
    index: float
    words: str
    warns: bool = False


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


def takes_the_room(seconds: list[int]) -> bool:
    """Whether one voice takes a lot of room (the warning of `words_for`), which the circle's
    page announces once to screen readers."""
    spoke = sorted((s for s in seconds if s > 0), reverse=True)
    if len(seconds) < 2 or len(spoke) < 2 or sum(spoke) < EARLY_SECONDS:
        return False
    return spoke[0] >= MUCH_MORE * statistics.median(spoke[1:])


def words_for(seconds: list[int]) -> str:
    """What the balance says, in words; a warning only when one voice really takes the room.

    The rule: once at least two people have spoken and five minutes have passed in all, the
    voice that spoke most is compared with the typical voice among the others who spoke (their
    median). Three times as long or more: one voice takes a lot of room; from 1.8 times: some
    voices take more room than others; otherwise the floor is shared. Those who passed, or
    whose turn has not come yet, are left out of the comparison: not speaking is a right, and
    counting them would warn at every turn of a round in progress. (The Gini index kept for
    the functioning review still counts everyone.)
    """
    spoke = sorted((s for s in seconds if s > 0), reverse=True)
    if len(seconds) < 2 or not spoke:
        return _("Personne n'a encore parlé.")
    if len(spoke) < 2 or sum(spoke) < EARLY_SECONDS:
        return _("Trop tôt pour le dire : la parole commence à circuler.")
    loudest, typical = spoke[0], statistics.median(spoke[1:])
    if loudest >= MUCH_MORE * typical:
        return _(
            "Une voix prend beaucoup de place. "
            "Pensez à laisser la parole aux personnes qu'on a moins entendues."
        )
    if loudest >= SOME_MORE * typical:
        return _("Quelques voix prennent plus de place que d'autres.")
    return _("La parole est bien partagée.")


def share_words(spoken: int, share: float) -> str:
    """A person's speaking time against an equal share, in words rather than a number."""
    if spoken == 0:
        return _("n'a pas encore parlé")
    if share < 0.75:
        return _("moins qu'une part égale")
    if share <= 1.33:
        return _("à peu près une part égale")
    if share < 2:
        return _("plus qu'une part égale")
    return _("plus du double d'une part égale")


def balance(seconds: list[int], mine: int | None = None, names: list[str] | None = None) -> Balance:
    """The drawing for these speaking times, in sitting order; `mine` marks one's own slice;
    `names` says whose each slice is (a closed circle names nobody: "Place 1"…)."""
    people = len(seconds)
    total = sum(seconds)
    shares = [spoken / total * people if total else 0.0 for spoken in seconds]
    # The equal share's ring, smaller when the largest share would otherwise leave the circle.
    ring = min(RING, LIMIT / math.sqrt(max(shares))) if total else RING
    slices = []
    for i, (spoken, share) in enumerate(zip(seconds, shares, strict=True)):
        start = -math.pi / 2 + 2 * math.pi * i / people
        end = -math.pi / 2 + 2 * math.pi * (i + 1) / people
        who = names[i] if names is not None else _("Place %(number)d") % {"number": i + 1}
        if i == mine:
            who = _("%(name)s (vous)") % {"name": who}
        slices.append(
            Slice(
                outline=_sector(ring, start, end),
                filled=_sector(min(LIMIT, ring * math.sqrt(share)), start, end),
                mine=i == mine,
                label=f"{who} : {share_words(spoken, share)}",
            )
        )
    return Balance(
        slices=slices,
        ring=ring,
        radius=LIMIT,
        people=people,
        index=gini(seconds),
        words=words_for(seconds),
        warns=takes_the_room(seconds),
    )
