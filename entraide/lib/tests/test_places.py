import csv
import dataclasses
import gzip
import math
import time

import pytest

from entraide.lib import places
from entraide.lib.places import (
    COUNTRIES,
    EARTH_RADIUS_KM,
    Place,
    bounding_box,
    haversine_km,
    resolve,
    suggest,
)


def _rows() -> list[dict[str, str]]:
    with gzip.open(places.DATA_FILE, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _near(place: Place | None, lat: float, lon: float, tolerance: float = 0.05) -> bool:
    assert place is not None
    return abs(place.lat - lat) <= tolerance and abs(place.lon - lon) <= tolerance


# The data file.


def test_the_data_file_is_small_sorted_and_without_duplicates() -> None:
    assert places.DATA_FILE.stat().st_size < 2_000_000
    rows = _rows()
    keys = [(row["country"], row["postal_code"], row["name"]) for row in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert {row["country"] for row in rows} == set(COUNTRIES)


def test_the_data_file_has_no_time_stamp_so_rebuilds_are_identical() -> None:
    header = places.DATA_FILE.read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b"
    assert header[4:8] == b"\x00\x00\x00\x00"


def test_the_data_file_coordinates_have_at_most_four_decimals() -> None:
    for row in _rows():
        for value in (row["lat"], row["lon"]):
            assert len(value.partition(".")[2]) <= 4


def test_the_data_is_loaded_once_per_process() -> None:
    assert places._index() is places._index()


# Postal codes.


def test_a_french_postal_code_finds_its_town() -> None:
    place = resolve("25000")
    assert place is not None
    assert (place.country, place.postal_code, place.name) == ("FR", "25000", "Besançon")
    assert _near(place, 47.24, 6.02)


def test_a_label_shows_the_name_and_the_postal_code() -> None:
    place = resolve("25000")
    assert place is not None
    assert place.label == "Besançon (25000)"


def test_a_place_cannot_be_changed() -> None:
    place = resolve("25000")
    assert place is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Ailleurs"  # type: ignore[misc]


def test_a_code_shared_by_several_countries_prefers_france_then_belgium_then_switzerland() -> None:
    # 1000 is Brussels in Belgium and Lausanne in Switzerland, and no French code.
    place = resolve("1000")
    assert place is not None
    assert (place.country, place.name) == ("BE", "Bruxelles")
    # 4000 is Liège in Belgium and Basel in Switzerland.
    place = resolve("4000")
    assert place is not None
    assert (place.country, place.name) == ("BE", "Liège")


def test_a_country_argument_restricts_the_code_to_that_country() -> None:
    place = resolve("1000", country="CH")
    assert place is not None
    assert place.country == "CH"
    assert place.name.startswith("Lausanne")
    assert resolve("1000", country="ch") == place


def test_a_country_prefix_written_on_letters_chooses_the_country() -> None:
    brussels = resolve("B-1000")
    assert brussels is not None
    assert (brussels.country, brussels.name) == ("BE", "Bruxelles")
    lausanne = resolve("CH-1003")
    assert lausanne is not None
    assert (lausanne.country, lausanne.postal_code, lausanne.name) == ("CH", "1003", "Lausanne")
    paris = resolve("F-75001")
    assert paris is not None
    assert (paris.country, paris.postal_code, paris.name) == ("FR", "75001", "Paris")


def test_a_luxembourg_code_is_found_with_or_without_its_prefix() -> None:
    # GeoNames has no L-1009, so a code of Luxembourg city that it does list is used.
    for query in ("L-1111", "l 1111", "L1111"):
        place = resolve(query)
        assert place is not None, query
        assert (place.country, place.postal_code, place.name) == ("LU", "1111", "Luxembourg")
    assert resolve("1111", country="LU") == resolve("L-1111")


def test_a_prefix_that_contradicts_the_country_argument_finds_nothing() -> None:
    assert resolve("B-1000", country="CH") is None


def test_monaco_is_found_by_its_postal_code_and_by_its_name() -> None:
    by_code = resolve("98000")
    by_name = resolve("Monaco")
    assert by_code is not None
    assert by_name is not None
    assert (by_code.country, by_code.postal_code, by_code.name) == ("MC", "98000", "Monaco")
    assert (by_name.country, by_name.postal_code) == ("MC", "98000")
    assert _near(by_code, 43.73, 7.42)


def test_a_cedex_code_finds_the_town_it_serves() -> None:
    place = resolve("25030")
    assert place is not None
    assert (place.name, place.postal_code) == ("Besançon", "25030 CEDEX")
    written = resolve("25030 Besançon Cedex")
    assert written == place
    assert resolve("75021 CEDEX 01") is not None


def test_a_french_code_without_its_leading_zero_is_repaired_when_france_is_meant() -> None:
    place = resolve("1000 Bourg-en-Bresse")
    assert place is not None
    assert (place.country, place.postal_code, place.name) == ("FR", "01000", "Bourg-en-Bresse")
    assert resolve("1000", country="FR") is not None


def test_an_unknown_postal_code_finds_nothing() -> None:
    assert resolve("00000") is None
    assert resolve("99999") is None


# Town names.


def test_a_town_name_with_accents_finds_the_town() -> None:
    place = resolve("Besançon")
    assert place is not None
    assert (place.country, place.postal_code, place.name) == ("FR", "25000", "Besançon")
    assert _near(place, 47.24, 6.02)


def test_a_town_name_without_accents_finds_the_town() -> None:
    assert resolve("besancon") == resolve("Besançon")
    assert resolve("BESANCON") == resolve("Besançon")


def test_a_postal_code_and_a_name_in_either_order_find_the_town() -> None:
    expected = resolve("25000")
    assert resolve("25000 Besançon") == expected
    assert resolve("Besançon 25000") == expected
    assert resolve("Besançon (25000)") == expected


def test_a_code_and_a_name_choose_among_the_towns_of_a_code() -> None:
    place = resolve("4000 Rocourt")
    assert place is not None
    assert (place.country, place.postal_code, place.name) == ("BE", "4000", "Rocourt")


def test_saint_may_be_abbreviated_and_hyphens_may_be_spaces() -> None:
    expected = resolve("Saint-Étienne")
    assert expected is not None
    assert (expected.country, expected.postal_code) == ("FR", "42000")
    for query in ("st etienne", "St-Étienne", "saint etienne", "ST ETIENNE"):
        assert resolve(query) == expected, query


def test_sainte_may_be_abbreviated_too() -> None:
    assert resolve("Ste-Maxime") == resolve("Sainte-Maxime") is not None


def test_a_town_with_hyphens_is_found_with_spaces() -> None:
    place = resolve("la roche sur yon")
    assert place is not None
    assert (place.name, place.postal_code) == ("La Roche-sur-Yon", "85000")
    assert resolve("La Roche-sur-Yon") == place


def test_a_name_written_without_its_apostrophe_space_is_found() -> None:
    place = resolve("lisle sur la sorgue")
    assert place is not None
    assert place.name == "L'Isle-sur-la-Sorgue"


def test_belgian_swiss_and_luxembourg_towns_are_found_by_name() -> None:
    liege = resolve("Liège")
    assert liege is not None
    assert (liege.country, liege.postal_code) == ("BE", "4000")
    assert resolve("liege") == liege
    lausanne = resolve("Lausanne")
    assert lausanne is not None
    assert lausanne.country == "CH"
    assert _near(lausanne, 46.52, 6.63)
    luxembourg = resolve("Luxembourg")
    assert luxembourg is not None
    assert luxembourg.country == "LU"
    assert _near(luxembourg, 49.61, 6.13)


def test_a_town_with_many_postal_codes_gives_one_mean_point_and_its_smallest_code() -> None:
    place = resolve("Paris")
    assert place is not None
    rows = [
        row
        for row in _rows()
        if row["country"] == "FR" and row["name"] == "Paris" and " " not in row["postal_code"]
    ]
    assert len(rows) > 10
    assert place.postal_code == min(row["postal_code"] for row in rows)
    assert place.lat == pytest.approx(sum(float(row["lat"]) for row in rows) / len(rows), abs=1e-4)
    assert place.lon == pytest.approx(sum(float(row["lon"]) for row in rows) / len(rows), abs=1e-4)
    assert _near(place, 48.85, 2.35)


def test_a_name_shared_by_several_towns_gives_the_one_with_the_most_postal_codes() -> None:
    # Saint-Denis near Paris has several codes; the villages of that name have one.
    place = resolve("Saint-Denis")
    assert place is not None
    assert (place.country, place.postal_code) == ("FR", "93200")
    assert _near(place, 48.94, 2.35)


def test_towns_sharing_a_name_are_not_averaged_together() -> None:
    # Averaging the Saint-Denis of Aude with the one near Paris would land in
    # the middle of France; each town keeps its own point.
    place = resolve("Saint-Denis 11")
    assert place is not None
    assert place.postal_code.startswith("11")
    assert _near(place, 43.36, 2.22)


def test_a_country_argument_restricts_the_name_to_that_country() -> None:
    place = resolve("Saint-Denis", country="BE")
    assert place is not None
    assert (place.country, place.postal_code) == ("BE", "7034")


def test_a_country_written_after_the_town_is_understood() -> None:
    assert resolve("Lausanne, Suisse") == resolve("Lausanne")
    assert resolve("Lausanne CH") == resolve("Lausanne")
    assert resolve("Bruxelles Belgique") == resolve("B-1000")


# A postal code together with a name.


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("4000 Liège", ("BE", "4000", "Liège")),
        ("Liège (4000)", ("BE", "4000", "Liège")),
        ("Basel 4000", ("CH", "4000", "Basel")),
        ("Basel (4000), CH", ("CH", "4000", "Basel")),
        ("Suisse, Basel 4000", ("CH", "4000", "Basel")),
        ("Limal 1300 BE", ("BE", "1300", "Limal")),
        ("Limal (1300)", ("BE", "1300", "Limal")),
        ("Limal 1300 Belgique", ("BE", "1300", "Limal")),
        ("B-1300 Limal", ("BE", "1300", "Limal")),
        ("Mersch (7501), LU", ("LU", "7501", "Mersch")),
        ("7501 Mersch", ("LU", "7501", "Mersch")),
        ("Mersch L-7501", ("LU", "7501", "Mersch")),
        ("Bruxelles (1000), Belgique", ("BE", "1000", "Bruxelles")),
        ("Luxembourg (1111), LU", ("LU", "1111", "Luxembourg")),
        ("Monaco (98000), MC", ("MC", "98000", "Monaco")),
    ],
)
def test_a_four_digit_code_with_a_name_finds_that_town_before_a_french_code(
    query: str, expected: tuple[str, str, str]
) -> None:
    place = resolve(query)
    assert place is not None, query
    assert (place.country, place.postal_code, place.name) == expected


def test_a_four_digit_code_is_read_as_french_when_no_other_country_has_the_name() -> None:
    place = resolve("Belley 1300")
    assert place is not None
    assert (place.country, place.postal_code, place.name) == ("FR", "01300", "Belley")
    place = resolve("1000 Bourg-en-Bresse")
    assert place is not None
    assert (place.country, place.postal_code, place.name) == ("FR", "01000", "Bourg-en-Bresse")


def test_a_country_word_restricts_the_code_to_that_country() -> None:
    for query in ("4000 CH", "4000 Suisse", "Zzzzz 4000 CH"):
        place = resolve(query)
        assert place is not None, query
        assert (place.country, place.postal_code, place.name) == ("CH", "4000", "Basel"), query
    # The code wins over a name it does not have, within the country written.
    place = resolve("Liège (4000), CH")
    assert place is not None
    assert (place.country, place.name) == ("CH", "Basel")


def test_a_country_word_that_contradicts_the_country_argument_finds_nothing() -> None:
    assert resolve("Basel (4000), CH", country="FR") is None
    basel = resolve("Basel (4000), CH", country="CH")
    assert basel is not None
    assert basel.name == "Basel"


def test_a_code_and_a_name_that_disagree_still_give_the_code() -> None:
    place = resolve("4000 Zzzzz")
    assert place is not None
    assert (place.country, place.postal_code) == ("FR", "04000")
    place = resolve("1000 Genève")
    assert place is not None
    assert (place.country, place.postal_code) == ("CH", "1000")


def test_a_name_ending_with_a_country_code_is_not_taken_for_a_prefix() -> None:
    # Swiss names carry their canton, which can look like a country.
    for query, expected in [
        ("Romont BE (2538)", ("CH", "2538", "Romont BE")),
        ("2538 Romont BE", ("CH", "2538", "Romont BE")),
        ("Lully FR (1470), CH", ("CH", "1470", "Lully FR")),
        ("Lü (7534)", ("CH", "7534", "Lü")),
    ]:
        place = resolve(query)
        assert place is not None, query
        assert (place.country, place.postal_code, place.name) == expected
    mersch = resolve("LU-7534")
    assert mersch is not None
    assert mersch.country == "LU"


def test_a_name_with_a_number_is_found_with_its_code() -> None:
    place = resolve("Courchevel 1550 (73120)")
    assert place is not None
    assert (place.country, place.postal_code, place.name) == ("FR", "73120", "Courchevel 1550")


def test_a_name_that_repeats_a_word_is_found() -> None:
    place = resolve("La Chapelle-de-la-Tour")
    assert place is not None
    assert (place.country, place.name) == ("FR", "La Chapelle-de-la-Tour")
    assert resolve(f"{place.name} ({place.postal_code})") == place


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Besançon (25030 CEDEX)", ("FR", "25030 CEDEX", "Besançon")),
        ("Paris 07 (75303 SP 07)", ("FR", "75303 SP 07", "Paris 07")),
        ("Cognac (16109 AIR)", ("FR", "16109 AIR", "Cognac")),
        ("Solenzara Air Base (20223 AIR)", ("FR", "20223 AIR", "Solenzara Air Base")),
        (
            "78078 CITYSSIMO Saint-Quentin-en-Yvelines",
            ("FR", "78078 CITYSSIMO", "Saint-Quentin-en-Yvelines"),
        ),
    ],
)
def test_a_special_code_with_its_suffix_and_name_finds_that_code(
    query: str, expected: tuple[str, str, str]
) -> None:
    place = resolve(query)
    assert place is not None, query
    assert (place.country, place.postal_code, place.name) == expected


_ROUND_TRIP_PREFIXES = [
    *("nan", "laus", "lie", "gen", "bru", "lux", "mon", "sai", "par", "lyo", "besa", "fri"),
    *("neu", "char", "nam", "bas", "ere", "lim", "mer", "st", "la ", "le ", "lu", "lü"),
    *("romont", "lully", "courchevel", "crete", "suisse", "la chapelle", "b-13", "l-75"),
    *("1000", "4000", "750", "130", "7500", "1992", "2503", "7530", "75303", "16109"),
    *("20223", "78078"),
]


@pytest.mark.parametrize("prefix", _ROUND_TRIP_PREFIXES)
def test_every_suggestion_written_out_resolves_to_itself(prefix: str) -> None:
    suggestions = dict.fromkeys([*suggest(prefix), *suggest(prefix, limit=50)])
    assert suggestions, prefix
    for place in suggestions:
        expected = (place.country, place.postal_code, place.name)
        for query in (
            f"{place.name} ({place.postal_code})",
            f"{place.name} ({place.postal_code}), {place.country}",
            f"{place.postal_code} {place.name}",
        ):
            found = resolve(query)
            assert found is not None, query
            assert (found.country, found.postal_code, found.name) == expected, query


# Input that finds nothing.


def test_an_unknown_name_finds_nothing() -> None:
    assert resolve("Zzzzz") is None


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-- ,;: ()", "\x00\x01"])
def test_empty_or_punctuation_only_input_finds_nothing(query: str) -> None:
    assert resolve(query) is None


@pytest.mark.parametrize("query", ["a" * 5_000, "Paris " * 1_000, "1" * 5_000, "é" * 5_000])
def test_five_thousand_characters_find_nothing_without_error(query: str) -> None:
    assert len(query) >= 5_000
    assert resolve(query) is None


def test_a_blank_country_means_any_country() -> None:
    assert resolve("Paris", country="") == resolve("Paris")
    assert resolve("1000", country=" ") == resolve("B-1000")


def test_an_unknown_country_or_a_wrong_type_finds_nothing() -> None:
    assert resolve("Paris", country="XX") is None
    assert resolve(None) is None  # type: ignore[arg-type]
    assert resolve(25000) is None  # type: ignore[arg-type]


def test_resolving_is_fast_once_the_data_is_loaded() -> None:
    places._index()
    queries = ["25000", "Besançon", "st etienne", "B-1000", "Paris", "Zzzzz", "1000 Lausanne"]
    started = time.perf_counter()
    for _ in range(200):
        for query in queries:
            resolve(query)
    # 1,400 lookups; dictionary lookups take microseconds, so a second is lavish.
    assert time.perf_counter() - started < 1.0


# Suggestions.


def test_suggestions_start_with_the_biggest_town_matching_the_prefix() -> None:
    names = [place.name for place in suggest("bes")]
    assert names[0] == "Besançon"
    assert all(place.name.casefold().startswith("bes") for place in suggest("bes"))


def test_suggestions_list_each_name_once_per_country() -> None:
    found = suggest("par", limit=20)
    assert found[0].name == "Paris"
    keys = [(place.name, place.country) for place in found]
    assert len(keys) == len(set(keys))
    assert len(found) == 20


def test_suggestions_respect_the_limit() -> None:
    assert len(suggest("sa")) == 8
    assert len(suggest("sa", limit=3)) == 3
    assert suggest("sa", limit=0) == []


def test_suggestions_understand_saint_abbreviated() -> None:
    assert suggest("st eti")[0].name == "Saint-Étienne"


def test_suggestions_by_postal_code_prefix() -> None:
    found = suggest("750")
    assert found
    assert all(place.postal_code.startswith("750") for place in found)
    assert ("FR", "Paris") in {(place.country, place.name) for place in found}


def test_suggestions_by_postal_code_prefix_with_a_country() -> None:
    found = suggest("B-10")
    assert found
    assert {place.country for place in found} == {"BE"}
    assert found[0].name == "Bruxelles"


def test_no_suggestion_for_nonsense() -> None:
    assert suggest("") == []
    assert suggest("zzzzz") == []
    assert suggest("!!!") == []
    assert suggest("x" * 5_000) == []


# Distances.


def test_paris_to_lyon_is_about_392_km() -> None:
    assert haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=5)
    paris, lyon = resolve("Paris"), resolve("Lyon")
    assert paris is not None
    assert lyon is not None
    assert haversine_km(paris.lat, paris.lon, lyon.lat, lyon.lon) == pytest.approx(392, abs=5)


def test_the_distance_is_zero_for_one_point_and_symmetric() -> None:
    assert haversine_km(47.24, 6.02, 47.24, 6.02) == 0
    assert haversine_km(47.24, 6.02, 50.63, 5.57) == pytest.approx(
        haversine_km(50.63, 5.57, 47.24, 6.02)
    )


def test_antipodes_are_half_the_circumference_apart() -> None:
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert haversine_km(90, 0, -90, 0) == pytest.approx(math.pi * EARTH_RADIUS_KM)


# Bounding boxes.


def _destination(lat: float, lon: float, bearing: float, distance_km: float) -> tuple[float, float]:
    """Return the point reached from (lat, lon) along a bearing, in degrees."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    delta = distance_km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540) % 360 - 180


@pytest.mark.parametrize(
    ("lat", "lon", "radius_km"),
    [
        (47.24, 6.02, 10),
        (47.24, 6.02, 100),
        (48.85, 2.35, 1_000),
        (0, 0, 500),
        (-60, 120, 300),
        (80, 10, 200),
    ],
)
def test_the_bounding_box_contains_the_circle(lat: float, lon: float, radius_km: float) -> None:
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius_km)
    assert min_lat <= lat <= max_lat
    assert min_lon <= lon <= max_lon
    for bearing in range(0, 360, 3):
        point_lat, point_lon = _destination(lat, lon, bearing, radius_km)
        assert haversine_km(lat, lon, point_lat, point_lon) == pytest.approx(radius_km)
        assert min_lat - 1e-9 <= point_lat <= max_lat + 1e-9
        assert min_lon - 1e-9 <= point_lon <= max_lon + 1e-9


def test_the_bounding_box_is_tight_far_from_the_poles() -> None:
    min_lat, max_lat, min_lon, max_lon = bounding_box(47.24, 6.02, 10)
    assert max_lat - min_lat == pytest.approx(2 * 10 / 111.2, rel=0.01)
    assert max_lon - min_lon < 0.3


def test_a_bounding_box_reaching_a_pole_covers_every_longitude() -> None:
    min_lat, max_lat, min_lon, max_lon = bounding_box(89.9, 10, 50)
    assert min_lat == pytest.approx(89.9 - 50 / 111.2, abs=0.01)
    assert (max_lat, min_lon, max_lon) == (90.0, -180.0, 180.0)
    min_lat, max_lat, min_lon, max_lon = bounding_box(-89.5, 0, 100)
    assert (min_lat, min_lon, max_lon) == (-90.0, -180.0, 180.0)
    assert max_lat < -88


def test_a_huge_radius_covers_the_whole_world() -> None:
    assert bounding_box(47.24, 6.02, 25_000) == (-90.0, 90.0, -180.0, 180.0)
    assert bounding_box(47.24, 6.02, 1e12) == (-90.0, 90.0, -180.0, 180.0)


def test_a_bounding_box_across_the_date_line_covers_every_longitude() -> None:
    min_lat, max_lat, min_lon, max_lon = bounding_box(-17.7, 179.9, 100)
    assert (min_lon, max_lon) == (-180.0, 180.0)
    assert min_lat < -17.7 < max_lat


def test_a_zero_radius_gives_the_point_itself() -> None:
    assert bounding_box(47.24, 6.02, 0) == (47.24, 47.24, 6.02, 6.02)


@pytest.mark.parametrize("radius_km", [-1, math.nan, math.inf])
def test_a_negative_or_undefined_radius_is_refused(radius_km: float) -> None:
    with pytest.raises(ValueError):
        bounding_box(47.24, 6.02, radius_km)


def test_the_tables_are_built_once_when_many_threads_ask_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from entraide.lib import places

    places._build_index.cache_clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        indexes = list(pool.map(lambda _: places._index(), range(8)))

    assert all(index is indexes[0] for index in indexes)
    assert places._build_index.cache_info().misses == 1
