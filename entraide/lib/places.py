"""Offline resolution of postal codes and town names to approximate points.

The data is ``data/places.csv.gz``, built from GeoNames postal data (© GeoNames,
CC BY 4.0) by ``scripts/build_places.py``.  It covers France, Belgium,
Switzerland, Luxembourg and Monaco.  The file is read once per process, on first
use, and every lookup afterwards is a dictionary access.

This module is pure Python on purpose: it must work in scripts and tests that do
not configure Django.
"""

from __future__ import annotations

import bisect
import csv
import gzip
import heapq
import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from entraide.lib.text import normalize, tokens

__all__ = [
    "COUNTRIES",
    "EARTH_RADIUS_KM",
    "Place",
    "bounding_box",
    "haversine_km",
    "resolve",
    "suggest",
]

COUNTRIES = ("FR", "BE", "CH", "LU", "MC")
EARTH_RADIUS_KM = 6371.0088
DATA_FILE = Path(__file__).resolve().parent / "data" / "places.csv.gz"

# No town name with its postal code and country comes near this length, so a
# longer query is refused before any work is spent on it.
MAX_QUERY_LENGTH = 200

# Rows sharing a name but further apart than this are different towns
# ("Saint-Denis" exists near Paris and in several departments), while the rows
# of one large town, such as the streets of Luxembourg city, stay within it.
_TOWN_GAP_KM = 8.0

_COUNTRY_RANK = {country: rank for rank, country in enumerate(COUNTRIES)}
_CODE_LENGTH = {"FR": 5, "BE": 4, "CH": 4, "LU": 4, "MC": 5}

# Postal prefixes as written on letters ("B-1000", "CH-1003", "L-1009",
# "F-75001"); after normalisation "B-1000" is the words "b" and "1000", and
# "B1000" is the single word "b1000".
_PREFIXES = {
    "f": "FR",
    "fr": "FR",
    "b": "BE",
    "be": "BE",
    "ch": "CH",
    "l": "LU",
    "lu": "LU",
    "mc": "MC",
}
# ASCII digits only: other scripts' digits are not postal codes, and NFKD has
# already turned full-width digits into ASCII ones.
_CODE_WORD = re.compile(r"(f|fr|b|be|ch|l|lu|mc)?(\d{4,5})", re.ASCII)
_CODE_PREFIX = re.compile(r"(?:(f|fr|b|be|ch|l|lu|mc) ?)?(\d{1,5})", re.ASCII)
_AREA_WORD = re.compile(r"\d{2,3}", re.ASCII)
_PLAIN_WORD_SEPARATORS = re.compile(r"[\W_]+")

# A country written after the town ("Lausanne, Suisse", "Lausanne CH") is only
# dropped when the whole text is not itself a name, because "Luxembourg" and
# "Monaco" are towns too.
_COUNTRY_WORDS = {
    **{country.lower(): country for country in COUNTRIES},
    "france": "FR",
    "belgique": "BE",
    "belgie": "BE",
    "belgien": "BE",
    "belgium": "BE",
    "suisse": "CH",
    "schweiz": "CH",
    "svizzera": "CH",
    "switzerland": "CH",
    "luxembourg": "LU",
    "luxemburg": "LU",
    "monaco": "MC",
}

# Both spellings of a name share one key, so "St-Étienne" finds "Saint-Étienne".
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}

# Words that follow the digits of a French special code, as in "25030 CEDEX",
# "01014 CEDEX 9", "75303 SP 07", "13661 AIR" and "78078 CITYSSIMO".  "Cedex" is
# dropped wherever it is written; the others only right after the code, because
# "Air" is also a word of names such as "Bouc-Bel-Air".
_CODE_SUFFIXES = frozenset({"cedex", "sp", "air", "cityssimo"})

# The longest name has 8 words; with a code, its suffix and a country a query
# needs about 13, and MAX_QUERY_LENGTH already bounds the work.
_MAX_WORDS = 24


@dataclass(frozen=True, slots=True)
class Place:
    """A point for a postal code or a town, with the name to show for it."""

    country: str
    postal_code: str
    name: str
    lat: float
    lon: float

    @property
    def label(self) -> str:
        """Return the usual French way of writing the place: "Besançon (25000)"."""
        return f"{self.name} ({self.postal_code})"


@dataclass(frozen=True, slots=True)
class _Town:
    """Every postal code of one town, summarised as a single place."""

    place: Place
    weight: float

    @property
    def rank(self) -> tuple[float, int, str, str]:
        """Sort key: the town with the most postal codes first, then by country."""
        place = self.place
        return (-self.weight, _COUNTRY_RANK[place.country], place.postal_code, place.name)


@dataclass(frozen=True, slots=True)
class _Index:
    """The lookup tables built from the data file."""

    # Keyed by (country, digits of the code); each row comes with its name key.
    rows_by_code: dict[tuple[str, str], list[tuple[str, Place]]]
    # Keyed by (country, digits of the code, name key without spaces); the rows
    # spelled as their town is come first.
    rows_by_code_and_name: dict[tuple[str, str, str], list[tuple[str, Place]]]
    code_places: dict[tuple[str, str], Place]
    towns_by_key: dict[str, list[_Town]]
    towns_by_compact_key: dict[str, list[_Town]]
    sorted_keys: list[str]
    sorted_codes: list[str]


# A suggestion candidate, in sorting order: whether the name is longer than the
# prefix, the rank of its town, then its place.
type _Suggestion = tuple[bool, tuple[float, int, str, str], Place]


def _key(words: Iterable[str]) -> str:
    """Join normalised words into a name key, with abbreviations spelled out."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def _digits(postal_code: str) -> str:
    """Return the code without a French suffix: "25030 CEDEX" gives "25030"."""
    return postal_code.partition(" ")[0]


def _is_special(postal_code: str) -> bool:
    """Tell CEDEX, SP and similar French codes, which route mail to an office."""
    return " " in postal_code


def _read_rows(path: Path) -> Iterator[Place]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        # The columns are read by position, which is faster than by name, so a
        # rebuilt file with other columns must fail loudly rather than mislead.
        if next(reader, None) != ["country", "postal_code", "name", "lat", "lon"]:
            raise ValueError(f"{path} does not have the expected columns")
        for country, postal_code, name, lat, lon in reader:
            yield Place(country, postal_code, name, float(lat), float(lon))


def _mean_point(places: list[Place]) -> tuple[float, float]:
    lat = sum(place.lat for place in places) / len(places)
    lon = sum(place.lon for place in places) / len(places)
    return round(lat, 4) + 0.0, round(lon, 4) + 0.0


def _split_towns(places: list[Place]) -> list[list[Place]]:
    """Split rows sharing one name into towns, by single-linkage distance."""
    if len(places) == 1:
        return [places]
    lats = [place.lat for place in places]
    lons = [place.lon for place in places]
    # When the whole bounding box is smaller than the gap, every pair is close
    # enough; this settles big towns such as Luxembourg without pairwise work.
    if haversine_km(min(lats), min(lons), max(lats), max(lons)) <= _TOWN_GAP_KM:
        return [places]
    # Many rows of a town share one point, so the pairs are made of distinct
    # points only, sorted by latitude so that the inner loop can stop as soon
    # as the latitude difference alone exceeds the gap.
    points = sorted({(place.lat, place.lon) for place in places})
    parent = list(range(len(points)))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    lat_gap = math.degrees(_TOWN_GAP_KM / EARTH_RADIUS_KM)
    components = len(points)
    for first, (lat1, lon1) in enumerate(points):
        # Once every point is linked there is nothing left to learn; this is
        # what keeps the 788 rows of Luxembourg city cheap.
        if components == 1:
            break
        for second in range(first + 1, len(points)):
            lat2, lon2 = points[second]
            if lat2 - lat1 > lat_gap:
                break
            first_root, second_root = root(first), root(second)
            if first_root != second_root and haversine_km(lat1, lon1, lat2, lon2) <= _TOWN_GAP_KM:
                parent[second_root] = first_root
                components -= 1
    point_root = {point: root(item) for item, point in enumerate(points)}
    towns: dict[int, list[Place]] = {}
    for place in places:
        towns.setdefault(point_root[(place.lat, place.lon)], []).append(place)
    return list(towns.values())


def _summarise_town(places: list[Place], density: float) -> _Town:
    """Return the town's place and its weight, the number of its postal codes.

    The place is the mean point of the ordinary codes with the smallest of them;
    special codes sit on the town's point and only stand in when a town has no
    ordinary code.  In the weight, a town's special codes count for their
    logarithm: they say that the town has offices, which helps rank Besançon
    above a village, but Paris La Défense must not outrank Paris.  The weight
    is divided by the country's mean number of codes per town because
    Luxembourg gives a code to nearly every street.
    """
    if len(places) == 1:
        # Most towns have a single row, which needs no averaging.
        return _Town(places[0], 1.0 / density)
    ordinary = [place for place in places if not _is_special(place.postal_code)]
    base = ordinary or places
    names = Counter(place.name for place in base)
    # The most frequent spelling wins; ties go to the alphabetical first so the
    # choice does not depend on the order of the file.
    name = min(names, key=lambda candidate: (-names[candidate], candidate))
    lat, lon = _mean_point(base)
    code = min(place.postal_code for place in base)
    special = len(places) - len(ordinary)
    weight = (len(ordinary) + math.log2(1 + special)) / density
    return _Town(Place(places[0].country, code, name, lat, lon), weight)


def _summarise_code(rows: list[tuple[str, Place]], weights: dict[Place, float]) -> Place:
    """Return one place for a postal code: the mean of its rows, named after its main town."""
    if len(rows) == 1:
        return rows[0][1]
    places = [place for _, place in rows]
    base = [place for place in places if not _is_special(place.postal_code)] or places
    # The main town is the one with the most postal codes (Liège rather than
    # Glain for 4000); between equals the shortest name tends to be the
    # commune itself rather than a locality of it (Monaco rather than Larvotto).
    main = min(base, key=lambda place: (-weights[place], len(place.name), place.name))
    lat, lon = _mean_point(base)
    return Place(main.country, main.postal_code, main.name, lat, lon)


_INDEX_LOCK = threading.Lock()


def _index() -> _Index:
    """The tables, built once per process.

    A server runs requests in several threads: without the lock, each thread that arrives
    before the first build ends would build its own copy, at the cost of seconds and memory.
    """
    with _INDEX_LOCK:
        return _build_index()


@cache
def _build_index() -> _Index:
    """Load the data file and build every table."""
    rows_by_code: dict[tuple[str, str], list[tuple[str, Place]]] = defaultdict(list)
    rows_by_name: dict[tuple[str, str], list[Place]] = defaultdict(list)
    # Names repeat (Besançon has a hundred rows), so each is normalised once.
    keys: dict[str, str] = {}
    for place in _read_rows(DATA_FILE):
        key = keys.get(place.name)
        if key is None:
            key = keys[place.name] = _key(normalize(place.name).split())
        rows_by_code[(place.country, _digits(place.postal_code))].append((key, place))
        rows_by_name[(place.country, key)].append(place)

    groups = [
        (key, members)
        for (_, key), places in rows_by_name.items()
        for members in _split_towns(places)
    ]
    ordinary_counts: dict[str, list[int]] = defaultdict(list)
    for _, members in groups:
        count = sum(1 for place in members if not _is_special(place.postal_code))
        if count:
            ordinary_counts[members[0].country].append(count)
    density = {country: sum(counts) / len(counts) for country, counts in ordinary_counts.items()}

    towns_by_key: dict[str, list[_Town]] = defaultdict(list)
    towns_by_compact_key: dict[str, list[_Town]] = defaultdict(list)
    weights: dict[Place, float] = {}
    # Each row with whether it is spelled otherwise than its town is shown.
    spellings: dict[tuple[str, str, str], list[tuple[bool, str, Place]]] = defaultdict(list)
    for key, members in groups:
        town = _summarise_town(members, density.get(members[0].country, 1.0))
        towns_by_key[key].append(town)
        # Without spaces, "lisle sur la sorgue" still finds "L'Isle-sur-la-Sorgue".
        compact = key.replace(" ", "")
        towns_by_compact_key[compact].append(town)
        for member in members:
            weights[member] = town.weight
            spellings[(member.country, _digits(member.postal_code), compact)].append(
                (member.name != town.place.name, key, member)
            )
    for towns in (*towns_by_key.values(), *towns_by_compact_key.values()):
        towns.sort(key=lambda town: town.rank)
    # A code may carry two spellings of one name ("Crête-à-l'Oeil (Les
    # Agettes)" and "Crête-à-l'Oeil(Les Agettes)"); the one its town is shown
    # with comes first, so that a suggestion resolves to itself.
    rows_by_code_and_name = {
        code_and_name: [
            (key, place)
            for _, key, place in (sorted(rows, key=lambda row: row[0]) if len(rows) > 1 else rows)
        ]
        for code_and_name, rows in spellings.items()
    }

    return _Index(
        rows_by_code=dict(rows_by_code),
        rows_by_code_and_name=rows_by_code_and_name,
        code_places={code: _summarise_code(rows, weights) for code, rows in rows_by_code.items()},
        towns_by_key=dict(towns_by_key),
        towns_by_compact_key=dict(towns_by_compact_key),
        sorted_keys=sorted(towns_by_key),
        sorted_codes=sorted({digits for _, digits in rows_by_code}),
    )


def _allowed_countries(country: str | None) -> tuple[str, ...]:
    # A blank country, as an optional form field gives, means no restriction;
    # an unknown one cannot match anything.
    wanted = (country or "").strip().upper()
    if not wanted:
        return COUNTRIES
    return (wanted,) if wanted in _COUNTRY_RANK else ()


def _fit_code(country: str, digits: str, pad: bool) -> str | None:
    """Return ``digits`` as a postal code of ``country``, or None if it cannot be one."""
    if len(digits) == _CODE_LENGTH[country]:
        return digits
    # Spreadsheets drop the leading zero of codes such as 01000, so a 4-digit
    # French code is repaired, but only when France is otherwise likely.
    if pad and country == "FR" and len(digits) == 4:
        return "0" + digits
    return None


def _padded_code(country: str, digits: str) -> str | None:
    """Return the French code that a 4-digit code lost its leading zero from, if any."""
    return "0" + digits if country == "FR" and len(digits) == 4 else None


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read a query: its postal code, the countries allowed and its name words."""

    digits: str
    countries: tuple[str, ...]
    name: tuple[str, ...]


def _words(query: str) -> list[str]:
    """Return the normalised words of ``query``, each cut to 40 characters.

    Unlike ``tokens``, repeated words are kept: names repeat them, as in
    "La Chapelle-de-la-Tour" or "Saint-Julien-en-Saint-Alban".
    """
    return [word[:40] for word in normalize(query).split()[:_MAX_WORDS]]


def _name_words(words: list[str], code_at: int | None) -> tuple[list[str], list[str]]:
    """Return the name words before and after the code, without the suffixes of special codes."""
    before: list[str] = []
    after: list[str] = []
    skip_number = False
    for position, word in enumerate(words):
        if skip_number and word.isdigit() and len(word) <= 2:
            # The number after CEDEX or SP is a delivery office, not part of the name.
            skip_number = False
            continue
        skip_number = False
        if position == code_at:
            continue
        if word == "cedex" or (
            code_at is not None and position == code_at + 1 and word in _CODE_SUFFIXES
        ):
            skip_number = True
            continue
        (before if code_at is None or position < code_at else after).append(word)
    return before, after


def _readings(query: str, words: list[str], countries: tuple[str, ...]) -> list[_Reading]:
    """Return the ways to read a query with a postal code, the usual one first.

    The usual reading takes the first code-like word as the code and a country
    prefix before it ("B 1000") as the country.  The others keep that prefix
    in the name, since "Romont BE" is a Swiss town, or take a later word as the
    code, since "Courchevel 1550" is a French one.
    """
    readings: list[_Reading] = []
    # A prefix is written in plain letters: "Lü 7534" is the Swiss village, not
    # "LU-7534", although both normalise to the same words.
    plain = set(_PLAIN_WORD_SEPARATORS.split(unicodedata.normalize("NFKC", query).casefold()))
    for position, word in enumerate(words):
        match = _CODE_WORD.fullmatch(word)
        if match is None:
            continue
        before, after = _name_words(words, position)
        options: list[tuple[tuple[str, ...], list[str]]] = []
        written = match.group(1)
        if written:
            options.append(((_PREFIXES[written],), before + after))
        elif (
            before
            and before[-1] == words[position - 1]
            and before[-1] in _PREFIXES
            and before[-1] in plain
        ):
            options.append(((_PREFIXES[before[-1]],), before[:-1] + after))
            # "LU-7534" alone is a code, but "Romont BE 2538" may be a name.
            if len(before) > 1 or after:
                options.append((COUNTRIES, before + after))
        else:
            options.append((COUNTRIES, before + after))
        for wanted, name in options:
            allowed = tuple(country for country in countries if country in wanted)
            readings.append(_Reading(match.group(2), allowed, tuple(name)))
    return readings


def _country_readings(reading: _Reading) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Yield the countries and name words of a reading, a country word first taken as such.

    "Basel (4000), CH" is read as Basel in Switzerland, then as the name
    "Basel CH"; a country word is also a name ("Luxembourg", "Romont BE"), so
    the words as written are always tried last.
    """
    name = reading.name
    ends = [(name[-1], name[:-1])] if name else []
    if len(name) > 1:
        ends.append((name[0], name[1:]))
    for word, rest in ends:
        country = _COUNTRY_WORDS.get(word)
        if country is not None:
            yield tuple(allowed for allowed in reading.countries if allowed == country), rest
    yield reading.countries, name


def _pick_row(rows: list[tuple[str, Place]], key: str, query: str) -> Place:
    """Return the row spelled as the query, else the first row of its key."""
    if len(rows) == 1:
        return rows[0][1]
    folded = query.casefold()
    return min(rows, key=lambda row: (row[0] != key, row[1].name.casefold() not in folded))[1]


def _match_code_and_name(index: _Index, readings: list[_Reading], query: str) -> Place | None:
    """Return the place whose postal code and name are both those of a reading.

    The row of the code with exactly the name comes first, then a row whose
    name starts with it ("1000 Lausanne" is "Lausanne 10"), which gives the
    place of the whole code.  A 4-digit code is only read as a French code
    that lost its leading zero when no country has it under that name.
    """
    named = [
        (reading.digits, countries, _key(name))
        for reading in readings
        for countries, name in _country_readings(reading)
        if countries and name
    ]
    for padded in (False, True):
        for exact in (True, False):
            for digits, countries, key in named:
                for country in countries:
                    code = (
                        _padded_code(country, digits)
                        if padded
                        else _fit_code(country, digits, pad=False)
                    )
                    if code is None:
                        continue
                    if exact:
                        rows = index.rows_by_code_and_name.get(
                            (country, code, key.replace(" ", ""))
                        )
                        if rows:
                            return _pick_row(rows, key, query)
                    elif any(
                        row_key.startswith(key + " ")
                        for row_key, _ in index.rows_by_code.get((country, code), ())
                    ):
                        return index.code_places[(country, code)]
    return None


def _find_towns(index: _Index, key: str, countries: tuple[str, ...]) -> list[_Town]:
    towns = index.towns_by_key.get(key) or index.towns_by_compact_key.get(key.replace(" ", ""))
    return [town for town in towns or () if town.place.country in countries]


def _resolve_name(index: _Index, words: list[str], countries: tuple[str, ...]) -> Place | None:
    towns = _find_towns(index, _key(words), countries)
    if not towns and len(words) > 1:
        last = words[-1]
        if last in _COUNTRY_WORDS and _COUNTRY_WORDS[last] in countries:
            towns = _find_towns(index, _key(words[:-1]), (_COUNTRY_WORDS[last],))
        elif _AREA_WORD.fullmatch(last):
            # "Saint-Denis 93" names the department: the town whose code
            # starts with it, or none rather than a town elsewhere.
            towns = [
                town
                for town in _find_towns(index, _key(words[:-1]), countries)
                if town.place.postal_code.startswith(last)
            ]
    return towns[0].place if towns else None


def _resolve_code(
    index: _Index, digits: str, words: tuple[str, ...], countries: tuple[str, ...]
) -> Place | None:
    """Return the place of a code whose name words matched none of its rows."""
    pad = bool(words) or countries == ("FR",)
    candidates = [
        (country, code)
        for country in countries
        if (code := _fit_code(country, digits, pad)) is not None
        and (country, code) in index.rows_by_code
    ]
    if not candidates:
        return None
    if words:
        # When the name does not match the code, the code is trusted, but in
        # the country of the name if it helps choose ("1000 Genève" is Swiss).
        town_countries = {town.place.country for town in _find_towns(index, _key(words), countries)}
        for candidate in candidates:
            if candidate[0] in town_countries:
                return index.code_places[candidate]
    return index.code_places[candidates[0]]


def resolve(query: str, country: str | None = None) -> Place | None:
    """Return the place for a postal code and/or a town name, or None.

    Accepted forms include "25000", "Besançon", "besancon", "25000 Besançon",
    "Besançon 25000", "Besançon (25000)", "Liège (4000), BE", "st etienne",
    "B-1000" and "CH-1003".  A code alone that several countries share goes to
    the first of ``COUNTRIES`` that has it.  A town with several postal codes
    gives the mean of their points and its smallest code; a name shared by
    several towns gives the town with the most codes (CEDEX codes count less,
    and Luxembourg's street codes are scaled down), France first between
    equals; "Saint-Denis 93" picks the one of that department.

    A code together with a name gives the row of that code and name, in any
    country that has both ("4000 Liège" is Belgian, "Basel 4000" Swiss); a
    4-digit code is read as a French one without its leading zero ("1000
    Bourg-en-Bresse") only when no country has the code under that name.
    When no row matches, the code wins over the name.  A country word or code
    written in the text ("Basel (4000), CH", "Limal 1300 Belgique") and a
    prefix ("B-1300") restrict the countries, as does ``country`` ("FR",
    "be"...), blank meaning any; a prefix or country word contradicting
    ``country`` gives None.  ``postal_code`` may carry a French suffix, as in
    "25030 CEDEX", when the query was such a code.  Invalid, unknown or
    oversized input gives None; this function does not raise.
    """
    if not isinstance(query, str) or len(query) > MAX_QUERY_LENGTH:
        return None
    countries = _allowed_countries(country) if isinstance(country, str | None) else ()
    words = _words(query)
    if not countries or not words:
        return None
    index = _index()
    readings = _readings(query, words, countries)
    if not readings:
        name = _name_words(words, None)[0]
        return _resolve_name(index, name, countries) if name else None
    place = _match_code_and_name(index, readings, query)
    if place is not None:
        return place
    usual = readings[0]
    if not usual.countries:
        return None
    code_countries, code_name = next(_country_readings(usual))
    if not code_countries:
        return None
    place = _resolve_code(index, usual.digits, code_name, code_countries)
    if place is not None:
        return place
    return _resolve_name(index, list(usual.name), usual.countries) if usual.name else None


def _suggest_codes(index: _Index, digits: str, countries: tuple[str, ...]) -> Iterator[Place]:
    start = bisect.bisect_left(index.sorted_codes, digits)
    for code in index.sorted_codes[start:]:
        if not code.startswith(digits):
            break
        for country in countries:
            place = index.code_places.get((country, code))
            if place is not None:
                yield place


def _suggest_names(index: _Index, words: list[str], limit: int) -> Iterator[Place]:
    # The last word may be cut short by the user, so it is only expanded when
    # it is itself an abbreviation, and then both readings are searched.
    head = _key(words[:-1])
    lasts = dict.fromkeys((words[-1], _ABBREVIATIONS.get(words[-1], words[-1])))
    found: list[_Suggestion] = []
    for last in lasts:
        prefix = f"{head} {last}" if head else last
        start = bisect.bisect_left(index.sorted_keys, prefix)
        for key in index.sorted_keys[start:]:
            if not key.startswith(prefix):
                break
            found.extend((key != prefix, town.rank, town.place) for town in index.towns_by_key[key])
    # A short prefix matches thousands of towns, so the best few are picked
    # without sorting them all; the margin covers the places that the caller
    # drops as repeated names, and the full sort is the rare fallback.
    margin = 4 * limit + 16
    best = heapq.nsmallest(margin, found, key=_suggestion_order)
    if len(found) > margin and len({(p.name, p.country) for *_, p in best}) < limit:
        best = sorted(found, key=_suggestion_order)
    for *_, place in best:
        yield place


def _suggestion_order(item: _Suggestion) -> tuple[bool, tuple[float, int, str, str]]:
    """Order exact names first, then as the towns rank among themselves."""
    return (item[0], item[1])


def suggest(prefix: str, limit: int = 8) -> list[Place]:
    """Return up to ``limit`` places whose name or postal code starts with ``prefix``.

    Exact names come first, then the towns with the most postal codes.  Only
    one place is returned per (name, country), so that "Paris" appears once.
    """
    if not isinstance(prefix, str) or len(prefix) > MAX_QUERY_LENGTH or limit <= 0:
        return []
    words = tokens(prefix)
    if not words:
        return []
    index = _index()
    match = _CODE_PREFIX.fullmatch(" ".join(words))
    if match is not None:
        country = _PREFIXES.get(match.group(1) or "")
        candidates = _suggest_codes(index, match.group(2), (country,) if country else COUNTRIES)
    else:
        candidates = _suggest_names(index, words, limit)
    result: list[Place] = []
    seen: set[tuple[str, str]] = set()
    for place in candidates:
        if (place.name, place.country) in seen:
            continue
        seen.add((place.name, place.country))
        result.append(place)
        if len(result) >= limit:
            break
    return result


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres between two points in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    # Rounding can push "a" a hair above 1 for antipodal points, which asin rejects.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, a))))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """Return (min_lat, max_lat, min_lon, max_lon) of a box holding the circle.

    The box is meant for a cheap database pre-filter before the exact distance
    test.  When the circle reaches a pole, every longitude is inside it; when it
    crosses the 180th meridian, a single box cannot describe the two sides, so
    the whole longitude range is returned, which still contains the circle.
    Raises ValueError for a negative or non-finite radius or coordinates.
    """
    if not all(math.isfinite(value) for value in (lat, lon, radius_km)) or radius_km < 0:
        raise ValueError("bounding_box needs finite coordinates and a radius >= 0")
    lat = min(90.0, max(-90.0, lat))
    angle = radius_km / EARTH_RADIUS_KM
    if angle >= math.pi:
        return (-90.0, 90.0, -180.0, 180.0)
    spread = math.degrees(angle)
    min_lat, max_lat = lat - spread, lat + spread
    if min_lat <= -90.0 or max_lat >= 90.0:
        return (max(-90.0, min_lat), min(90.0, max_lat), -180.0, 180.0)
    # The circle is widest in longitude where it touches a meridian, which lies
    # nearer the pole than the centre, so the extent is not spread / cos(lat).
    ratio = math.sin(angle) / math.cos(math.radians(lat))
    lon_spread = math.degrees(math.asin(min(1.0, ratio)))
    min_lon, max_lon = lon - lon_spread, lon + lon_spread
    if min_lon < -180.0 or max_lon > 180.0:
        return (min_lat, max_lat, -180.0, 180.0)
    return (min_lat, max_lat, min_lon, max_lon)


def warm_up() -> None:
    """Build the tables now, e.g. when a server process starts, not at a visitor's request."""
    _index()
