"""No figure about people that rests on fewer than five of them, and no hidden figure that a
subtraction brings back. Plain Python: the rules, apart from where the numbers come from.

A `Table` holds counts of people: one row per theme or area, one column per figure, and for each
column that adds up a total row (the organisation as a whole). A count is hidden when it is
between 1 and 4 (primary suppression). Zero is shown: it counts nobody, so it says nothing about
anyone, and a theme with no group has zero people anyway, which the groups' own figures show.

Then complementary suppression: wherever a line (a column with its total, or a row with its
total when rows add up too) has exactly one hidden figure, the others and the total would give
it back by subtraction; so the smallest figure above zero that is still shown is hidden as well
(a hidden zero would give nothing away: the attacker may know it is zero, from the number of
groups, and then the subtraction again gives the first one). When no such figure is left, the
total is hidden. This is repeated until nothing changes, across both dimensions, since hiding a
figure for a column may leave a row with one hidden figure.

Figures derived from a count (a rate of people who stayed, an average score) follow their count:
hidden with it, so the average of two hidden rows cannot be split either.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

K = 5  # the fewest people a figure may rest on


def too_few(count: int) -> bool:
    """Whether a count of people is too small to show: some people, but fewer than K."""
    return 0 < count < K


@dataclass
class Table:
    """Counts of people, `cells[row][column]`; `column_totals` the total row (None where a
    column has no total), `row_totals` a total column when rows add up (else None)."""

    cells: list[list[int]]
    column_totals: list[int | None] = field(default_factory=list)
    row_totals: list[int | None] = field(default_factory=list)
    grand_total: int | None = None
    hidden: set[tuple[int, int]] = field(default_factory=set)
    hidden_column_totals: set[int] = field(default_factory=set)
    hidden_row_totals: set[int] = field(default_factory=set)
    hidden_grand_total: bool = False

    @property
    def width(self) -> int:
        return len(self.cells[0]) if self.cells else len(self.column_totals)

    def is_hidden(self, row: int, column: int) -> bool:
        return (row, column) in self.hidden


def _line_is_safe(hidden_count: int, total_hidden: bool) -> bool:
    """A line is safe unless exactly one of its figures (cells and total) is hidden."""
    return hidden_count + (1 if total_hidden else 0) != 1


def _smallest_shown(values: Sequence[tuple[int, int]], hidden: set[int]) -> int | None:
    """The index of the smallest value above zero still shown, or None."""
    shown = [(value, index) for value, index in values if index not in hidden and value > 0]
    return min(shown)[1] if shown else None


def _state(table: Table) -> tuple[int, int, int, bool]:
    return (
        len(table.hidden),
        len(table.hidden_column_totals),
        len(table.hidden_row_totals),
        table.hidden_grand_total,
    )


def suppress(table: Table) -> Table:
    """Hide, in place, what would show fewer than K people; returns the table."""
    rows = len(table.cells)
    width = table.width
    for r in range(rows):
        for c in range(width):
            if too_few(table.cells[r][c]):
                table.hidden.add((r, c))
    for c, total in enumerate(table.column_totals):
        if total is not None and too_few(total):
            table.hidden_column_totals.add(c)
    for r, total in enumerate(table.row_totals):
        if total is not None and too_few(total):
            table.hidden_row_totals.add(r)
    while True:
        before = _state(table)
        # Columns with a total: the rows of one column add up to it.
        for c in range(width):
            total = table.column_totals[c] if c < len(table.column_totals) else None
            if total is None:
                continue
            hidden_rows = {r for r in range(rows) if (r, c) in table.hidden}
            if _line_is_safe(len(hidden_rows), c in table.hidden_column_totals):
                continue
            pick = _smallest_shown([(table.cells[r][c], r) for r in range(rows)], hidden_rows)
            if pick is not None:
                table.hidden.add((pick, c))
            else:
                table.hidden_column_totals.add(c)
        # Rows with a total: the columns of one row add up to it.
        for r in range(rows):
            total = table.row_totals[r] if r < len(table.row_totals) else None
            if total is None:
                continue
            hidden_columns = {c for c in range(width) if (r, c) in table.hidden}
            if _line_is_safe(len(hidden_columns), r in table.hidden_row_totals):
                continue
            pick = _smallest_shown([(table.cells[r][c], c) for c in range(width)], hidden_columns)
            if pick is not None:
                table.hidden.add((r, pick))
            else:
                table.hidden_row_totals.add(r)
        # The total row, with the grand total, is a line too; and so is the total column.
        if table.grand_total is not None:
            for totals, hidden in (
                (table.column_totals, table.hidden_column_totals),
                (table.row_totals, table.hidden_row_totals),
            ):
                known = [(t, i) for i, t in enumerate(totals) if t is not None]
                if len(known) != len(totals) or not known:
                    continue
                if too_few(table.grand_total) and not table.hidden_grand_total:
                    table.hidden_grand_total = True
                if _line_is_safe(len(hidden), table.hidden_grand_total):
                    continue
                pick = _smallest_shown(known, hidden)
                if pick is not None:
                    hidden.add(pick)
                else:
                    table.hidden_grand_total = True
        if _state(table) == before:
            return table


def column_table(values: Sequence[Sequence[int]], totals: Sequence[int | None]) -> Table:
    """The usual report table: rows of counts, and a total for the columns that add up."""
    return suppress(Table(cells=[list(row) for row in values], column_totals=list(totals)))
