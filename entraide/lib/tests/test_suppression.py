"""The k ≥ 5 rule and the complementary suppression, on tables of counts (plain Python)."""

from entraide.lib.suppression import K, Table, column_table, suppress, too_few


def recoverable(table: Table, column: int) -> list[int]:
    """The rows of a column whose hidden count the total and the shown counts give back."""
    total = table.column_totals[column]
    hidden = [r for r in range(len(table.cells)) if table.is_hidden(r, column)]
    if total is None or column in table.hidden_column_totals or len(hidden) != 1:
        return []
    return hidden


def test_five_is_the_fewest_people_a_figure_may_rest_on() -> None:
    assert K == 5
    assert [too_few(n) for n in (0, 1, 4, 5, 6)] == [False, True, True, False, False]


def test_a_naive_total_would_give_away_a_group_of_three_so_a_second_count_is_hidden() -> None:
    # Deuil 12, Addictions 3, Proches aidants 8; the total 23 minus 12 and 8 would say 3.
    table = column_table([[12], [3], [8]], [23])

    assert table.is_hidden(1, 0)
    assert table.is_hidden(2, 0), "the smallest count still shown is hidden as well"
    assert not table.is_hidden(0, 0)
    assert 0 not in table.hidden_column_totals
    assert recoverable(table, 0) == []


def test_zero_is_shown_and_never_taken_as_the_second_hidden_count() -> None:
    # Hiding the zero would not help: zero groups in a theme say it has zero people.
    table = column_table([[3], [0], [20]], [23])

    assert not table.is_hidden(1, 0)
    assert table.is_hidden(2, 0)


def test_when_no_other_count_can_be_hidden_the_total_is() -> None:
    table = column_table([[3], [0]], [3])

    assert table.is_hidden(0, 0)
    assert 0 in table.hidden_column_totals


def test_a_total_of_fewer_than_five_people_is_hidden() -> None:
    table = column_table([[2], [2]], [4])

    assert table.is_hidden(0, 0) and table.is_hidden(1, 0)
    assert 0 in table.hidden_column_totals


def test_two_small_counts_hide_each_other_and_nothing_more() -> None:
    table = column_table([[2], [4], [30]], [36])

    assert table.hidden == {(0, 0), (1, 0)}
    assert table.hidden_column_totals == set()


def test_each_column_is_protected_on_its_own() -> None:
    table = column_table([[12, 6], [3, 7], [8, 9]], [23, 22])

    assert table.hidden == {(1, 0), (2, 0)}


def test_a_column_without_a_total_hides_only_the_small_counts() -> None:
    table = column_table([[12], [3], [8]], [None])

    assert table.hidden == {(1, 0)}


def test_in_two_dimensions_hiding_repeats_until_no_line_gives_a_count_back() -> None:
    # Rows are themes, columns are areas, and both add up to their totals.
    cells = [[10, 3, 9], [8, 12, 7], [6, 11, 20]]
    table = suppress(
        Table(
            cells=cells,
            column_totals=[sum(row[c] for row in cells) for c in range(3)],
            row_totals=[sum(row) for row in cells],
            grand_total=sum(map(sum, cells)),
        )
    )

    assert table.is_hidden(0, 1)
    for r in range(3):
        assert sum(table.is_hidden(r, c) for c in range(3)) != 1, f"row {r}"
    for c in range(3):
        assert sum(table.is_hidden(r, c) for r in range(3)) != 1, f"column {c}"
    assert len(table.hidden) >= 4


def test_a_table_with_nothing_small_hides_nothing() -> None:
    table = column_table([[12], [0], [8]], [20])

    assert table.hidden == set()
    assert table.hidden_column_totals == set()
