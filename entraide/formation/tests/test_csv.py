"""Reading the coordinator's CSV: what is accepted, and every error naming its line."""

import pytest

from entraide.formation import InputError, read_csv
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
