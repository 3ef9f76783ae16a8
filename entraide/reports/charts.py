"""The report's drawings, as SVG drawn on the server (no script), from the same figures as the
tables beside them. A hidden figure is never drawn: its row keeps its name and a dash.

Bars lie flat, one per row, with the row's name written above its bar: names of themes and
areas are long, and a phone's screen is narrow. Groups by stage stand as columns, one per date,
cut by stage (the health page's vertical bars, `health.charts`, with parts).
"""

from dataclasses import dataclass

from entraide.health.charts import HEIGHT, LEFT, RIGHT, TOP, WIDTH, y_of
from entraide.reports.figures import Figure

ROW = 34  # one flat bar and its name
LABEL = 14
BAR = 14
SCALE_ROOM = 4


@dataclass(frozen=True)
class FlatBar:
    label: str
    value_text: str
    label_y: float
    y: float
    width: float  # 0 when hidden or nothing
    hidden: bool


@dataclass(frozen=True)
class Part:
    x: float
    y: float
    width: float
    height: float
    series: int


@dataclass(frozen=True)
class Level:
    y: float
    value: int


@dataclass(frozen=True)
class Drawing:
    kind: str
    width: int
    height: int
    left: int
    right_edge: int
    bars: list[FlatBar]
    parts: list[Part]
    levels: list[Level]


def flat_bars(figure: Figure) -> Drawing | None:
    column = figure.chart_column
    shown = [(row.label, row.cells[column]) for row in figure.rows]
    if not shown:
        return None
    values = [cell.value for _label, cell in shown if cell.value is not None and not cell.hidden]
    top = figure.chart_top or max([1.0, *values])
    inner = WIDTH - RIGHT - 2
    bars = []
    for i, (label, cell) in enumerate(shown):
        drawn = cell.value is not None and not cell.hidden
        width = round(inner * float(cell.value or 0) / top, 2) if drawn else 0.0
        base = TOP + i * ROW
        bars.append(FlatBar(label, cell.text, base + LABEL - 3, base + LABEL, width, cell.hidden))
    return Drawing(
        "bars", WIDTH, TOP + len(shown) * ROW + SCALE_ROOM, 2, WIDTH - RIGHT, bars, [], []
    )


def stacked_columns(figure: Figure) -> Drawing | None:
    if not figure.rows:
        return None
    series = len(figure.columns) - 1  # the last column is the total
    totals = [float(row.cells[-1].value or 0) for row in figure.rows]
    top = max([1.0, *totals])
    slot = (WIDTH - LEFT - RIGHT) / len(figure.rows)
    width = round(slot * 0.75, 2)
    parts = []
    for i, row in enumerate(figure.rows):
        x = round(LEFT + i * slot + slot * 0.125, 2)
        below = 0.0
        for s in range(series):
            value = float(row.cells[s].value or 0)
            if not value:
                continue
            y_top = y_of(below + value, top)
            parts.append(Part(x, y_top, width, round(y_of(below, top) - y_top, 2), s))
            below += value
    steps = sorted({0, round(top / 2), round(top)})
    return Drawing(
        "stacked",
        WIDTH,
        HEIGHT,
        LEFT,
        WIDTH - RIGHT,
        [],
        parts,
        [Level(y_of(step, top), int(step)) for step in reversed(steps)],
    )


def drawing(figure: Figure) -> Drawing | None:
    return stacked_columns(figure) if figure.chart_kind == "stacked" else flat_bars(figure)
