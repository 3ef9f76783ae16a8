"""Reading the coordinator's list of people from CSV text.

Spreadsheets are what coordinators have, so the reader is forgiving where it can be without
guessing (a UTF-8 BOM, `;` as the delimiter and a decimal comma as French Excel writes them,
blank lines, extra columns such as name or e-mail) and strict where a guess would mislead: every
error names its line and column.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence

from entraide.formation.model import InputError, Person
from entraide.lib import places

# Within one cell, languages and themes are separated by ";" (or "," when the file itself uses
# ";" between columns and the cell was not quoted by hand), or by "|", which needs no quoting
# whatever the file's separator (the product's sample file uses it, as its reader does).
_VALUE_SEPARATOR = re.compile(r"[;,|]")


def _labels(cell: str) -> frozenset[str]:
    """Split a languages or themes cell into values compared case-insensitively."""
    return frozenset(value.strip().casefold() for value in _VALUE_SEPARATOR.split(cell)) - {""}


def _delimiter(header_line: str) -> str:
    """Pick the column delimiter from the header: ";" only when it has ";" and no ","."""
    return ";" if ";" in header_line and "," not in header_line else ","


def _number(text: str, where: str, decimal_comma: bool) -> float:
    raw = text.strip()
    if decimal_comma:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{where}: {text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise InputError(f"{where}: {text.strip()!r} is not a number")
    return value


def read_csv(text: str) -> list[Person]:
    """Return the people of a CSV text, or raise InputError saying what is wrong and where.

    The header needs ``id`` and either ``lat`` and ``lon`` or ``postal_code`` (with an optional
    ``country``); ``languages`` and ``themes`` are optional. A row with an empty lat and lon and
    a postal code gets the code's point from the directory's place data, marked approximate.
    """
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError("the file is empty")
    delimiter = _delimiter(lines[first])
    reader = csv.reader(lines[first:], delimiter=delimiter)
    header = [name.strip().casefold() for name in next(reader)]
    columns = {name: index for index, name in reversed(list(enumerate(header))) if name}
    has_point = "lat" in columns or "lon" in columns
    required = ["id", "lat", "lon"] if has_point or "postal_code" not in columns else ["id"]
    missing = [name for name in required if name not in columns]
    if missing:
        raise InputError(
            f"line {first + 1}: missing column {', '.join(missing)} "
            "(the header needs id, lat and lon, or id and postal_code)"
        )

    people: list[Person] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = first + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        people.append(_person(row, columns, line, delimiter == ";", seen))
    if not people:
        raise InputError("the file has a header but no people")
    return people


def _person(
    row: Sequence[str],
    columns: dict[str, int],
    line: int,
    decimal_comma: bool,
    seen: dict[str, int],
) -> Person:
    def cell(name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def where(name: str) -> str:
        return f"line {line}, column {columns[name] + 1} ({name})"

    person_id = cell("id")
    if not person_id:
        raise InputError(f"{where('id')}: the id is empty")
    if person_id in seen:
        raise InputError(
            f"{where('id')}: id {person_id!r} is already used on line {seen[person_id]}"
        )
    seen[person_id] = line

    lat_text, lon_text, postal_code = cell("lat"), cell("lon"), cell("postal_code")
    approximate = False
    if lat_text or lon_text:
        if not (lat_text and lon_text):
            empty = "lon" if lat_text else "lat"
            raise InputError(f"{where(empty)}: give both lat and lon, or neither")
        lat = _number(lat_text, where("lat"), decimal_comma)
        lon = _number(lon_text, where("lon"), decimal_comma)
        if not -90 <= lat <= 90:
            raise InputError(f"{where('lat')}: latitude {lat_text} is outside [-90, 90]")
        if not -180 <= lon <= 180:
            raise InputError(f"{where('lon')}: longitude {lon_text} is outside [-180, 180]")
    elif postal_code:
        place = places.resolve(postal_code, cell("country") or None)
        if place is None:
            raise InputError(f"{where('postal_code')}: unknown postal code {postal_code!r}")
        lat, lon, approximate = place.lat, place.lon, True
    else:
        raise InputError(f"line {line}: no home point: give lat and lon, or a postal code")
    return Person(
        id=person_id,
        lat=lat,
        lon=lon,
        languages=_labels(cell("languages")),
        themes=_labels(cell("themes")),
        approximate=approximate,
    )
