"""Reading the coordinator's CSV: what is accepted, and every error naming its line."""

from collections.abc import Mapping

import pytest

from entraide.formation import InputError, read_csv
from entraide.formation.csvinput import (
    DUPLICATE_ID,
    EMPTY_FILE,
    LATITUDE_RANGE,
    MISSING_COLUMNS,
    NO_PEOPLE,
    NOT_A_NUMBER,
    NOT_UTF8,
    TOO_MANY_ROWS,
    CSVError,
    Problem,
    decode,
    read_records,
)
from entraide.lib import places


def test_reads_points_languages_and_themes() -> None:
    people = read_csv(
        "id,lat,lon,languages,themes,name\na,48.1,-1.6,FR; en ,Deuil,Anne\nb,48.2,-1.7,,,Bob\n"
    )
    assert [p.id for p in people] == ["a", "b"]
    assert (people[0].lat, people[0].lon) == (48.1, -1.6)
    assert people[0].languages == {"fr", "en"}
    assert people[0].themes == {"deuil"}
    assert people[1].languages == frozenset()
    assert not people[0].approximate


def test_accepts_bom_semicolons_and_decimal_commas() -> None:
    people = read_csv(
        '\ufeffid;lat;lon;languages\r\n1;48,5;-1,25;"fr;br"\r\n\r\n2;48.6;-1.3;fr\r\n'
    )
    assert [(p.id, p.lat, p.lon) for p in people] == [("1", 48.5, -1.25), ("2", 48.6, -1.3)]
    assert people[0].languages == {"fr", "br"}


def test_postal_code_gives_an_approximate_point() -> None:
    people = read_csv("id,lat,lon,postal_code,country\na,,,75001,\nb,,,1000,BE\nc,47,2,,\n")
    paris, brussels = places.resolve("75001"), places.resolve("1000", "BE")
    assert paris is not None and brussels is not None
    assert (people[0].lat, people[0].lon, people[0].approximate) == (paris.lat, paris.lon, True)
    assert (people[1].lat, people[1].lon) == (brussels.lat, brussels.lon)
    assert not people[2].approximate


def test_postal_code_column_alone_is_enough() -> None:
    people = read_csv("id,postal_code\na,44000\n")
    assert people[0].approximate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "empty"),
        ("  \n\n", "empty"),
        ("id,lat,lon\n", "no people"),
        ("id,lat\na,1\n", "missing column lon"),
        ("name,lat,lon\nx,1,2\n", "missing column id"),
        ("id,lat,lon\na,north,2\n", "line 2, column 2 (lat): 'north' is not a number"),
        ("id,lat,lon\na,nan,2\n", "line 2, column 2 (lat)"),
        ("id,lat,lon\na,1,2\nb,123,2\n", "line 3, column 2 (lat): latitude 123 is outside"),
        ("id,lat,lon\na,1,-181\n", "line 2, column 3 (lon): longitude -181 is outside"),
        ("id,lat,lon\na,1,2\n\na,1,2\n", "line 4, column 1 (id): id 'a' is already used on line 2"),
        ("id,lat,lon\n ,1,2\n", "line 2, column 1 (id): the id is empty"),
        ("id,lat,lon\na,1,\n", "line 2, column 3 (lon): give both lat and lon"),
        ("id,lat,lon,postal_code\na,,,99999\n", "line 2, column 4 (postal_code): unknown postal"),
        ("id,lat,lon,postal_code\na,,,\n", "line 2: no home point"),
    ],
)
def test_errors_say_what_and_where(text: str, expected: str) -> None:
    with pytest.raises(InputError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_csv(text)


def test_a_bar_separates_values_in_a_cell_whatever_the_file_s_separator() -> None:
    for text in (
        "id,lat,lon,languages\n1,48.1,-1.6,fr|ar\n",
        "id;lat;lon;languages\n1;48,1;-1,6;fr|ar\n",
    ):
        (person,) = read_csv(text)
        assert person.languages == {"fr", "ar"}


def test_an_error_carries_its_code_line_column_and_value() -> None:
    with pytest.raises(CSVError) as caught:
        read_csv("id;latitude;lon\na;48,1;-1\nb;123;-1\n")
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.column, problem.column_number) == (
        LATITUDE_RANGE,
        3,
        "lat",
        2,
    )
    assert problem.value == "123" and caught.value.count == 1
    assert str(caught.value) == "line 3, column 2 (lat): latitude 123 is outside [-90, 90]"


def test_a_duplicate_id_names_the_line_of_its_first_use() -> None:
    with pytest.raises(CSVError) as caught:
        read_csv("id,lat,lon\na,1,2\nb,1,2\na,1,2\n")
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.value, problem.other_line) == (
        DUPLICATE_ID,
        4,
        "a",
        2,
    )


def test_problems_are_gathered_up_to_a_limit_and_all_counted() -> None:
    rows = "".join(f"{i},95,x\n" for i in range(6))
    with pytest.raises(CSVError) as caught:
        read_records("id,lat,lon\n" + rows, max_errors=4)
    problems = caught.value.problems
    assert [(p.code, p.line, p.column) for p in problems[:3]] == [
        (NOT_A_NUMBER, 2, "lon"),
        (NOT_A_NUMBER, 3, "lon"),
        (NOT_A_NUMBER, 4, "lon"),
    ]
    assert len(problems) == 4 and caught.value.count == 6


def test_whole_file_problems_have_codes_and_no_line() -> None:
    for text, code in (("", EMPTY_FILE), ("id,lat,lon\n", NO_PEOPLE)):
        with pytest.raises(CSVError) as caught:
            read_csv(text)
        assert [(p.code, p.line) for p in caught.value.problems] == [(code, None)]
    with pytest.raises(CSVError) as caught:
        read_records("id,lat,lon\na,1,2\nb,1,2\nc,1,2\n", max_rows=2)
    assert [(p.code, p.limit) for p in caught.value.problems] == [(TOO_MANY_ROWS, 2)]
    with pytest.raises(CSVError) as caught:
        read_csv("\n\nid,name\n1,x\n")
    assert [(p.code, p.line, p.value) for p in caught.value.problems] == [
        (MISSING_COLUMNS, 3, "lat, lon")
    ]


def test_bytes_that_are_not_utf8_name_their_line() -> None:
    assert decode("\ufeffid,lat".encode()) == "id,lat"
    with pytest.raises(CSVError) as caught:
        decode(b"id,name\n1,Ren\xe9\n")
    assert [(p.code, p.line) for p in caught.value.problems] == [(NOT_UTF8, 2)]


def test_records_keep_the_product_s_columns_and_a_caller_may_add_checks() -> None:
    (record,) = read_records(
        "Identifiant;Nom;Courriel;code_postal;Langues\n7;Anne;A@x.fr;44000;fr|br\n"
    )
    assert (record.person.id, record.name, record.email, record.postal_code) == (
        "7",
        "Anne",
        "A@x.fr",
        "44000",
    )
    assert record.person.approximate and record.person.languages == {"fr", "br"}

    def no_anne(line: int, cells: Mapping[str, str]) -> list[Problem]:
        return [Problem("anne", line=line, column="name")] if cells["name"] == "Anne" else []

    with pytest.raises(CSVError) as caught:
        read_records("id,lat,lon,name\n1,1,2,Bob\n2,1,2,Anne\n", check=no_anne)
    assert [(p.code, p.line) for p in caught.value.problems] == [("anne", 3)]
