"""The mood chart of "Mon carnet": a line across my entries, drawn as SVG by us (no library,
no chart service, no script).

Each entry with a mood is one point, in the order of the days, at an equal step from the
previous one: the chart tells how I went from one meeting to the next, not how many days
passed. A mood of 5 ("très bien") sits at the top, 1 ("très difficile") at the bottom. The page
gives the same values as a table, for whoever does not see the drawing.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 320
HEIGHT = 160
LEFT = 28  # room for the numbers of the scale
RIGHT = 12
TOP = 12
BOTTOM = 12
LOWEST, HIGHEST = 1, 5
MAX_POINTS = 20


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: dt.date
    mood: int


@dataclass(frozen=True)
class Level:
    """One line of the scale, with its number."""

    y: float
    mood: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right_edge: int
    points: list[Point]
    levels: list[Level]

    @property
    def line(self) -> str:
        """The points as an SVG polyline's `points` attribute."""
        return " ".join(f"{point.x:g},{point.y:g}" for point in self.points)

    @property
    def first_day(self) -> dt.date:
        return self.points[0].day

    @property
    def last_day(self) -> dt.date:
        return self.points[-1].day


def y_of(mood: int) -> float:
    """Where a mood sits: the top for the highest, the bottom for the lowest."""
    step = (HEIGHT - TOP - BOTTOM) / (HIGHEST - LOWEST)
    return round(TOP + (HIGHEST - mood) * step, 2)


def mood_chart(values: Sequence[tuple[dt.date, int]]) -> Chart | None:
    """The chart of these (day, mood) pairs, oldest first; the last MAX_POINTS are drawn.

    None when there is nothing to draw. A mood outside 1–5 is a programming error.
    """
    shown = list(values)[-MAX_POINTS:]
    if not shown:
        return None
    for _day, mood in shown:
        if not LOWEST <= mood <= HIGHEST:
            raise ValueError(f"a mood is between {LOWEST} and {HIGHEST}, not {mood}")
    inner = WIDTH - LEFT - RIGHT
    if len(shown) == 1:
        xs = [LEFT + inner / 2]
    else:
        step = inner / (len(shown) - 1)
        xs = [LEFT + i * step for i in range(len(shown))]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=WIDTH - RIGHT,
        points=[
            Point(x=round(x, 2), y=y_of(mood), day=day, mood=mood)
            for x, (day, mood) in zip(xs, shown, strict=True)
        ],
        levels=[Level(y=y_of(mood), mood=mood) for mood in range(HIGHEST, LOWEST - 1, -1)],
    )
