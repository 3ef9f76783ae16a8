"""Tables for spreadsheets: CSV that Excel and LibreOffice open with the accents right and that
cannot run a formula, and OpenDocument spreadsheets (ODS, through odfpy) of text cells."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P

CSV_TYPE = "text/csv; charset=utf-8"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
# A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """The text as a spreadsheet shows it but never runs it: an apostrophe before a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows of text as CSV, each cell made inert, in UTF-8 with a byte-order mark (without it,
    Excel reads the accents wrong)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([inert(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name spreadsheets accept (31 characters, none of []*?:/\\'), unique in `taken`."""
    name = "".join(c for c in title if c not in "[]*?:/\\'")[:31].strip()
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]} {n}"
        n += 1
    taken.add(name)
    return name


def text_cell(text: str, style: Any = None) -> Any:
    """A cell of text: an ODS string cell is shown as it is, never computed."""
    cell = TableCell(valuetype="string")
    if style is not None:
        cell = TableCell(valuetype="string", stylename=style)
    cell.addElement(P(text=text))
    return cell


def ods_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """One sheet of text: the header in bold, then the rows."""
    document = OpenDocumentSpreadsheet()
    bold = Style(name="bold", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    wide = Style(name="wide", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="5cm"))
    document.automaticstyles.addElement(bold)
    document.automaticstyles.addElement(wide)
    sheet = Table(name=sheet_name(title, set()))
    sheet.addElement(TableColumn(stylename=wide, numbercolumnsrepeated=len(header)))
    line = TableRow()
    for text in header:
        line.addElement(text_cell(text, bold))
    sheet.addElement(line)
    for row in rows:
        line = TableRow()
        for text in row:
            line.addElement(text_cell(text))
        sheet.addElement(line)
    document.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
