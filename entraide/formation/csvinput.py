"""Reading the coordinator's list of people from CSV text: the one reader of the project.

The command line (`read_csv`) and the product's upload form (`read_records`, in
entraide/proposals/forms.py) both read through here. Spreadsheets are what coordinators have, so
the reader is forgiving where it can be without guessing (a UTF-8 BOM, `;` as the delimiter and
a decimal comma as French Excel writes them, blank lines, French column names, extra columns)
and strict where a guess would mislead: every problem is a `Problem` with a code, its line, its
column and the offending value, so that the command line can print it in English and the
product can tell it in French.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from entraide.formation.model import InputError, Person
from entraide.lib import places

# Column names as written in a header (stripped, case aside) and the column they mean.
ALIASES: Mapping[str, str] = {
    "id": "id",
    "identifiant": "id",
    "lat": "lat",
    "latitude": "lat",
    "lon": "lon",
    "lng": "lon",
    "longitude": "lon",
    "postal_code": "postal_code",
    "code_postal": "postal_code",
    "code postal": "postal_code",
    "country": "country",
    "pays": "country",
    "name": "name",
    "nom": "name",
    "email": "email",
    "e-mail": "email",
    "courriel": "email",
    "languages": "languages",
    "langues": "languages",
    "themes": "themes",
    "thèmes": "themes",
}

# Within one cell, languages and themes are separated by ";" (or "," when the file itself uses
# ";" between columns and the cell was not quoted by hand), or by "|", which needs no quoting
# whatever the file's separator (the product's sample file uses it).
_VALUE_SEPARATOR = re.compile(r"[;,|]")

# Problem codes. Problems of the whole file (no line, or the header's line) stop the reading at
# once; the others are gathered, row after row, up to `max_errors`.
NOT_UTF8 = "not_utf8"
NUL_CHARACTER = "nul_character"
EMPTY_FILE = "empty_file"
NO_PEOPLE = "no_people"
TOO_MANY_ROWS = "too_many_rows"
UNREADABLE_HEADER = "unreadable_header"
MISSING_COLUMNS = "missing_columns"
UNREADABLE_LINE = "unreadable_line"
EMPTY_ID = "empty_id"
DUPLICATE_ID = "duplicate_id"
HALF_POINT = "half_point"
NOT_A_NUMBER = "not_a_number"
LATITUDE_RANGE = "latitude_range"
LONGITUDE_RANGE = "longitude_range"
UNKNOWN_POSTAL_CODE = "unknown_postal_code"
NO_POINT = "no_point"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the file.

    `code` is one of the constants above (or a caller's own, from its `check`); `line` is the
    line where the record starts (1-based, None for the whole file); `column` the canonical
    column name ("lat", not "latitude") and `column_number` its 1-based position; `value` the
    offending text as written; `other_line` the line of the first use of a duplicate id;
    `limit` the limit exceeded (rows). `message` is the plain English sentence.
    """

    code: str
    line: int | None = None
    column: str | None = None
    column_number: int | None = None
    value: str = ""
    other_line: int | None = None
    limit: int | None = None
    message: str = ""

    def __str__(self) -> str:
        return self.message or self.code


class CSVError(InputError):
    """What is wrong with the file: the first `max_errors` problems, and how many in all.

    Its text is the first problem's English message, so the command line prints one line.
    """

    def __init__(self, problems: Sequence[Problem], count: int | None = None) -> None:
        super().__init__(str(problems[0]))
        self.problems = list(problems)
        self.count = len(self.problems) if count is None else count


@dataclass(frozen=True, slots=True)
class Record:
    """One person of the list with the columns the product keeps besides the solver's."""

    person: Person
    line: int
    name: str = ""
    email: str = ""
    postal_code: str = ""
    country: str = ""
    cells: Mapping[str, str] = field(default_factory=dict)


# A caller's own checks of a row (the product's field lengths and e-mail): given the line and
# the row's cells by canonical column name, the problems it finds.
Check = Callable[[int, Mapping[str, str]], Sequence[Problem]]


def labels(cell: str) -> frozenset[str]:
    """Split a languages or themes cell into values compared case-insensitively."""
    return frozenset(value.strip().casefold() for value in _VALUE_SEPARATOR.split(cell)) - {""}


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is allowed), or a CSVError naming the first line that is not.

    A NUL character is refused too: no spreadsheet writes one in a CSV file, a file saved as
    UTF-16 ("Unicode text") is full of them, and no database column can hold one.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CSVError(
            [Problem(NOT_UTF8, line=line, message=f"line {line}: the file is not UTF-8")]
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        message = f"line {line}: the file holds a NUL character (is it saved as UTF-16?)"
        raise CSVError([Problem(NUL_CHARACTER, line=line, message=message)])
    return text


def _delimiter(header_line: str) -> str:
    """Pick the column delimiter from the header: ";" only when it has ";" and no ","."""
    return ";" if ";" in header_line and "," not in header_line else ","


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the number of the line where it starts (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for record in reader:
        yield line, record
        line = reader.line_num + 1


class _Reader:
    """Reads rows into `Record`s, gathering the problems instead of stopping at the first."""

    def __init__(
        self,
        columns: dict[str, int],
        decimal_comma: bool,
        max_errors: int,
        check: Check | None,
    ) -> None:
        self.columns = columns
        self.decimal_comma = decimal_comma
        self.max_errors = max_errors
        self.check = check
        self.problems: list[Problem] = []
        self.count = 0
        self.seen: dict[str, int] = {}
        self.resolved: dict[tuple[str, str], places.Place | None] = {}

    def fail(self, problem: Problem) -> None:
        self.count += 1
        if len(self.problems) < self.max_errors:
            self.problems.append(problem)

    def full(self) -> bool:
        return self.count >= self.max_errors

    def problem(self, code: str, line: int, column: str, text: str, **extra: int) -> Problem:
        """A problem of one cell, with its English message."""
        where = f"line {line}, column {self.columns[column] + 1} ({column})"
        sentence = {
            EMPTY_ID: "the id is empty",
            DUPLICATE_ID: f"id {text!r} is already used on line {extra.get('other_line')}",
            HALF_POINT: "give both lat and lon, or neither",
            NOT_A_NUMBER: f"{text!r} is not a number",
            LATITUDE_RANGE: f"latitude {text} is outside [-90, 90]",
            LONGITUDE_RANGE: f"longitude {text} is outside [-180, 180]",
            UNKNOWN_POSTAL_CODE: f"unknown postal code {text!r}",
        }[code]
        return Problem(
            code,
            line=line,
            column=column,
            column_number=self.columns[column] + 1,
            value=text,
            message=f"{where}: {sentence}",
            **extra,
        )

    def number(self, text: str, line: int, column: str) -> float | None:
        raw = text.replace(",", ".") if self.decimal_comma else text
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.fail(self.problem(NOT_A_NUMBER, line, column, text))
            return None
        return value

    def point(self, cells: Mapping[str, str], line: int) -> tuple[float, float, bool] | None:
        lat_text, lon_text = cells["lat"], cells["lon"]
        postal_code = cells["postal_code"]
        if lat_text or lon_text:
            if not (lat_text and lon_text):
                empty = "lon" if lat_text else "lat"
                self.fail(self.problem(HALF_POINT, line, empty, ""))
                return None
            lat = self.number(lat_text, line, "lat")
            lon = self.number(lon_text, line, "lon")
            if lat is None or lon is None:
                return None
            if not -90 <= lat <= 90:
                self.fail(self.problem(LATITUDE_RANGE, line, "lat", lat_text))
                return None
            if not -180 <= lon <= 180:
                self.fail(self.problem(LONGITUDE_RANGE, line, "lon", lon_text))
                return None
            return lat, lon, False
        if postal_code:
            key = (postal_code, cells["country"].upper())
            if key not in self.resolved:
                self.resolved[key] = places.resolve(postal_code, key[1] or None)
            place = self.resolved[key]
            if place is None:
                self.fail(self.problem(UNKNOWN_POSTAL_CODE, line, "postal_code", postal_code))
                return None
            return place.lat, place.lon, True
        self.fail(
            Problem(
                NO_POINT,
                line=line,
                message=f"line {line}: no home point: give lat and lon, or a postal code",
            )
        )
        return None

    def read(self, row: Sequence[str], line: int) -> Record | None:
        cells = {
            name: row[index].strip() if index < len(row) else ""
            for name, index in self.columns.items()
        }
        for name in ALIASES.values():
            cells.setdefault(name, "")
        before = self.count
        ref = cells["id"]
        if not ref:
            self.fail(self.problem(EMPTY_ID, line, "id", ""))
        elif ref in self.seen:
            self.fail(self.problem(DUPLICATE_ID, line, "id", ref, other_line=self.seen[ref]))
        else:
            self.seen[ref] = line
        found = self.point(cells, line)
        if self.check is not None:
            for problem in self.check(line, cells):
                self.fail(problem)
        if found is None or self.count > before:
            return None
        lat, lon, approximate = found
        person = Person(
            id=ref,
            lat=lat,
            lon=lon,
            languages=labels(cells["languages"]),
            themes=labels(cells["themes"]),
            approximate=approximate,
        )
        return Record(
            person,
            line,
            name=cells["name"],
            email=cells["email"],
            postal_code=cells["postal_code"],
            country=cells["country"],
            cells=cells,
        )


def read_records(
    text: str,
    *,
    max_errors: int = 1,
    max_rows: int | None = None,
    check: Check | None = None,
) -> list[Record]:
    """Return the people of a CSV text with their extra columns, or raise CSVError.

    The header needs ``id`` and either ``lat`` and ``lon`` or ``postal_code`` (with an optional
    ``country``); ``name``, ``email``, ``languages`` and ``themes`` are optional, other columns
    are ignored (see `ALIASES` for the French names). A row with an empty lat and lon and a
    postal code gets the code's point from the directory's place data, marked approximate.
    Problems of rows are gathered until `max_errors` are found (1: stop at the first); the
    error then holds them and counts them all. More than `max_rows` people is one problem.
    """
    text = text.removeprefix("\ufeff")
    first_line = next((line for line in text.splitlines() if line.strip()), None)
    if first_line is None:
        raise CSVError([Problem(EMPTY_FILE, message="the file is empty")])
    delimiter = _delimiter(first_line)
    records = _records(text, delimiter)
    try:
        header_line, header = next((at, r) for at, r in records if any(c.strip() for c in r))
    except csv.Error:
        raise CSVError(
            [Problem(UNREADABLE_HEADER, line=1, message="the header cannot be read as CSV")]
        ) from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        column = ALIASES.get(name.strip().casefold())
        if column is not None and column not in columns:
            columns[column] = index
    missing = [] if "id" in columns else ["id"]
    if "lat" in columns or "lon" in columns or "postal_code" not in columns:
        missing += [name for name in ("lat", "lon") if name not in columns]
    if missing:
        value = ", ".join(missing)
        raise CSVError(
            [
                Problem(
                    MISSING_COLUMNS,
                    line=header_line,
                    value=value,
                    message=f"line {header_line}: missing column {value} "
                    "(the header needs id, lat and lon, or id and postal_code)",
                )
            ]
        )

    reader = _Reader(columns, delimiter == ";", max(1, max_errors), check)
    result: list[Record] = []
    count = 0
    try:
        for line, row in records:
            if not any(cell.strip() for cell in row):
                continue
            count += 1
            if max_rows is not None and count > max_rows:
                raise CSVError(
                    [
                        Problem(
                            TOO_MANY_ROWS,
                            limit=max_rows,
                            message=f"the file has more than {max_rows} people",
                        )
                    ]
                )
            record = reader.read(row, line)
            if record is not None:
                result.append(record)
            if reader.full() and max_errors <= 1:
                break
    except csv.Error:
        at = header_line + count + 1
        reader.fail(
            Problem(UNREADABLE_LINE, line=at, message=f"line {at}: the line cannot be read")
        )
    if reader.count:
        raise CSVError(reader.problems, reader.count)
    if not result:
        raise CSVError([Problem(NO_PEOPLE, message="the file has a header but no people")])
    return result


def read_csv(text: str) -> list[Person]:
    """Return the people of a CSV text, or raise CSVError (an InputError) at the first problem,
    saying what is wrong and where."""
    return [record.person for record in read_records(text)]
