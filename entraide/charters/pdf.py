"""A version of the charter as a PDF, to print and pin up where the group meets.

Drawn server-side with reportlab's platypus and the standard Helvetica fonts: the group's
name, the version and its adoption date, the seed's two parts with each question and the
group's own answer (never the suggestion), and how many members signed. It carries no
personal data (no name, no e-mail): it may hang on a wall that other people walk past.
"""

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from entraide.charters.models import Charter
from entraide.lib.dates import date_label

BRAND = colors.HexColor("#1d5c4d")
MUTED = colors.HexColor("#4a4a4a")
MARGIN = 20 * mm


def _styles() -> dict[str, ParagraphStyle]:
    def style(name: str, size: float, font: str = "Helvetica", **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, **extra)

    return {
        "group": style("group", 12, "Helvetica-Bold", textColor=BRAND, spaceAfter=2),
        "title": style("title", 22, "Helvetica-Bold", spaceAfter=6),
        "meta": style("meta", 10.5, textColor=MUTED, spaceAfter=2),
        "part": style("part", 15, "Helvetica-Bold", textColor=BRAND, spaceBefore=14, spaceAfter=4),
        "question": style("question", 11, "Helvetica-Bold", spaceBefore=8, spaceAfter=2),
        "answer": style("answer", 11),
        "footer": style("footer", 9.5, "Helvetica-Oblique", textColor=MUTED, spaceBefore=16),
    }


def _text(value: str) -> str:
    """A person's text as a paragraph: markup characters escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in value.strip().splitlines())


def charter_pdf(charter: Charter) -> bytes:
    """The version as a PDF, in the active language; only for a version once adopted."""
    styles = _styles()
    group_name = charter.group.name
    title = _("Charte — version %(version)s") % {"version": charter.version}
    story: list[Flowable] = [
        Paragraph(escape(group_name), styles["group"]),
        Paragraph(escape(title), styles["title"]),
    ]
    if charter.adopted_at is not None:
        adopted_on = date_label(timezone.localtime(charter.adopted_at).date(), "DATE_FORMAT")
        story.append(
            Paragraph(escape(_("Adoptée le %(date)s") % {"date": adopted_on}), styles["meta"])
        )
    if charter.status == Charter.Status.SUPERSEDED:
        story.append(
            Paragraph(escape(_("Remplacée depuis par une version plus récente.")), styles["meta"])
        )
    count = charter.signatures.count()
    story.append(
        Paragraph(
            escape(
                ngettext("Signée par %(count)d membre", "Signée par %(count)d membres", count)
                % {"count": count}
            ),
            styles["meta"],
        )
    )
    for part_title, rows in charter.parts():
        story.append(Paragraph(escape(part_title), styles["part"]))
        for question, answer in rows:
            story.append(
                KeepTogether(
                    [
                        Paragraph(escape(str(question.text)), styles["question"]),
                        Paragraph(_text(answer), styles["answer"]),
                    ]
                )
            )
    story += [
        Spacer(1, 6),
        Paragraph(
            escape(_("Ce qui se dit dans le groupe reste dans le groupe.")), styles["footer"]
        ),
    ]

    def number_the_page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(
            A4[0] - MARGIN,
            MARGIN / 2,
            f"{group_name} · {title} · {document.page}",
        )
        canvas.restoreState()

    output = BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{group_name} · {title}",
        author=settings.SITE_NAME,
        creator=settings.SITE_NAME,
        lang=get_language() or "fr",
    )
    document.build(story, onFirstPage=number_the_page, onLaterPages=number_the_page)
    return output.getvalue()
