"""The report as CSV, ODS (OpenDocument, through odfpy) and PDF (reportlab): the same figures
as the page, with the same figures hidden ("—"), and the same explanation."""

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from entraide.lib.spreadsheets import CSV_TYPE, ODS_TYPE, sheet_name, text_cell
from entraide.reports.figures import Cell, Figure, Report

BRAND = colors.HexColor("#1d5c4d")
MUTED = colors.HexColor("#4a4a4a")


def hidden_means() -> str:
    return _(
        "— : moins de 5 personnes, ou un chiffre caché avec un autre pour qu'on ne puisse pas "
        "le retrouver par soustraction."
    )


def heading(found: Report) -> list[str]:
    return [
        _("Rapport du programme · %(name)s") % {"name": found.organisation.name},
        _("Période : %(period)s (du %(first)s au %(last)s)")
        % {
            "period": found.period.label,
            "first": formats.date_format(found.period.first, "j F Y"),
            "last": formats.date_format(found.period.last, "j F Y"),
        },
        _("Établi le %(day)s") % {"day": formats.date_format(timezone.localdate(), "j F Y")},
    ]


def lines(figure: Figure) -> Iterator[tuple[str, list[Cell]]]:
    for row in figure.rows:
        yield row.label, row.cells
    if figure.total is not None:
        yield figure.total.label, figure.total.cells


def raw(cell: Cell) -> str:
    """A figure for machines: the number without spaces, "—" when hidden, empty for none."""
    if cell.hidden:
        return "—"
    if cell.value is None:
        return ""
    return str(int(cell.value)) if cell.decimals == 0 else str(cell.value)


def as_csv(found: Report) -> tuple[bytes, str]:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in heading(found):
        writer.writerow([line])
    writer.writerow([hidden_means()])
    for figure in found.figures:
        writer.writerow([])
        writer.writerow([figure.title])
        writer.writerow([figure.row_header, *figure.columns])
        for label, cells in lines(figure):
            writer.writerow([label, *(raw(cell) for cell in cells)])
        writer.writerow([figure.note])
    # With a byte-order mark, spreadsheets read the accents right.
    return out.getvalue().encode("utf-8-sig"), CSV_TYPE


def _figure_cell(cell: Cell) -> Any:
    if cell.hidden or cell.value is None:
        return text_cell(cell.text)
    found = TableCell(valuetype="float", value=cell.value)
    found.addElement(P(text=cell.text))
    return found


def as_ods(found: Report) -> tuple[bytes, str]:
    document = OpenDocumentSpreadsheet()
    bold = Style(name="bold", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    wide = Style(name="wide", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="7cm"))
    document.automaticstyles.addElement(bold)
    document.automaticstyles.addElement(wide)
    taken: set[str] = set()
    about = Table(name=sheet_name(_("Rapport"), taken))
    about.addElement(TableColumn(stylename=wide))
    for line in [*heading(found), hidden_means()]:
        row = TableRow()
        row.addElement(text_cell(line))
        about.addElement(row)
    document.spreadsheet.addElement(about)
    for figure in found.figures:
        sheet = Table(name=sheet_name(figure.title, taken))
        sheet.addElement(TableColumn(stylename=wide))
        title = TableRow()
        title.addElement(text_cell(figure.title, bold))
        sheet.addElement(title)
        header = TableRow()
        for text in [figure.row_header, *figure.columns]:
            header.addElement(text_cell(text, bold))
        sheet.addElement(header)
        for label, cells in lines(figure):
            row = TableRow()
            row.addElement(text_cell(label))
            for cell in cells:
                row.addElement(_figure_cell(cell))
            sheet.addElement(row)
        note = TableRow()
        note.addElement(text_cell(figure.note))
        sheet.addElement(note)
        document.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue(), ODS_TYPE


def as_pdf(found: Report) -> tuple[bytes, str]:
    def style(name: str, size: float, font: str = "Helvetica", **extra: object) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, **extra)

    title = style("title", 18, "Helvetica-Bold", spaceAfter=6)
    meta = style("meta", 10, textColor=MUTED, spaceAfter=2)
    part = style("part", 13, "Helvetica-Bold", textColor=BRAND, spaceBefore=12, spaceAfter=4)
    small = style("small", 8.5, textColor=MUTED, spaceBefore=3)
    cell_style = style("cell", 8.5)
    head_style = style("head", 8.5, "Helvetica-Bold")
    first, *rest = heading(found)
    story: list[object] = [Paragraph(escape(first), title)]
    story += [Paragraph(escape(line), meta) for line in rest]
    story.append(Paragraph(escape(hidden_means()), meta))
    width = A4[0] - 30 * mm
    for figure in found.figures:
        data = [[Paragraph(escape(t), head_style) for t in [figure.row_header, *figure.columns]]]
        for label, cells in lines(figure):
            data.append(
                [Paragraph(escape(label), cell_style)]
                + [Paragraph(escape(cell.text), cell_style) for cell in cells]
            )
        first_column = width * 0.3
        others = (width - first_column) / max(1, len(figure.columns))
        table = PdfTable(
            data, colWidths=[first_column] + [others] * len(figure.columns), repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(KeepTogether([Paragraph(escape(figure.title), part), table]))
        story.append(Paragraph(escape(figure.note), small))
        story.append(Spacer(1, 4))
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=first,
        author=found.organisation.name,
    )
    document.build(story)
    return out.getvalue(), "application/pdf"


EXPORTS: dict[str, Callable[[Report], tuple[bytes, str]]] = {
    "csv": as_csv,
    "ods": as_ods,
    "pdf": as_pdf,
}
