"""The health page's bar charts, drawn as SVG by us (no library, no script), as the carnet's
mood chart is. Each bar is one meeting, oldest on the left; the page gives the same figures in
a table beside the drawing, for whoever does not see it."""

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 320
HEIGHT = 160
LEFT = 28  # room for the numbers of the scale
RIGHT = 8
TOP = 10
BOTTOM = 10
GAP = 0.25  # of a bar's slot, between two bars


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Level:
    y: float
    value: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    right_edge: int
    bars: list[Bar]
    levels: list[Level]


def y_of(value: float, top: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return round(TOP + inner * (1 - value / top), 2) if top else HEIGHT - BOTTOM


def bar_chart(values: Sequence[float], top: float | None = None) -> BarChart | None:
    """Bars for these values, from 0 to `top` (by default the largest value, at least 1)."""
    if not values:
        return None
    if any(value < 0 for value in values):
        raise ValueError("a bar's value is never negative")
    top = top or max(1.0, float(max(values)))
    slot = (WIDTH - LEFT - RIGHT) / len(values)
    width = round(slot * (1 - GAP), 2)
    bars = []
    for i, value in enumerate(values):
        y = y_of(value, top)
        bars.append(
            Bar(
                x=round(LEFT + i * slot + slot * GAP / 2, 2),
                y=y,
                width=width,
                height=round(HEIGHT - BOTTOM - y, 2),
            )
        )
    steps = sorted({0, round(top / 2), round(top)})
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=WIDTH - RIGHT,
        bars=bars,
        levels=[Level(y_of(step, top), int(step)) for step in reversed(steps)],
    )
