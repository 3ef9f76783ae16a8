"""The printable flyer of a group being founded (seed 001: "nous réalisons un flyer").

One page, A5 or A4, drawn server-side with reportlab: the group's public facts (see
`texts.public_facts`), and a QR code to its page in the directory. It carries no personal
contact: people reach the group through its page. A4 is A5 scaled up, so both look alike.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from entraide.founding.models import Initiative
from entraide.founding.texts import PublicFacts, public_facts

SIZES: dict[str, tuple[float, float]] = {"a5": A5, "a4": A4}
# SimpleDocTemplate's frame keeps this padding inside the margins, on every side.
FRAME_PADDING = 6
BRAND = colors.HexColor("#1d5c4d")
MUTED = colors.HexColor("#4a4a4a")


def _qr_code(url: str, side: float) -> Drawing:
    """A QR code of `side` points, with the quiet zone the standard asks for around it."""
    widget = QrCodeWidget(url, barLevel="M", barBorder=4)
    left, bottom, right, top = widget.getBounds()
    width, height = right - left, top - bottom
    drawing = Drawing(side, side, transform=[side / width, 0, 0, side / height, 0, 0])
    drawing.add(widget)
    drawing.hAlign = "CENTER"
    return drawing


def _styles(scale: float) -> dict[str, ParagraphStyle]:
    def style(name: str, size: float, **extra: object) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=str(extra.pop("fontName", "Helvetica")),
            fontSize=size * scale,
            leading=size * scale * 1.25,
            **extra,
        )

    return {
        "tagline": style(
            "tagline", 11, fontName="Helvetica-Bold", textColor=BRAND, spaceAfter=4 * scale
        ),
        "title": style("title", 24, fontName="Helvetica-Bold", spaceAfter=8 * scale),
        "summary": style("summary", 13, spaceAfter=10 * scale),
        "label": style("label", 9.5, fontName="Helvetica-Bold", textColor=MUTED),
        "fact": style("fact", 11),
        "reassure": style("reassure", 10.5, fontName="Helvetica-Oblique", spaceBefore=8 * scale),
        "call": style("call", 11, fontName="Helvetica-Bold", alignment=TA_CENTER),
        "url": style("url", 9.5, alignment=TA_CENTER, textColor=BRAND),
        "small": style("small", 8.5, textColor=MUTED, alignment=TA_CENTER),
    }


def _facts_table(facts: PublicFacts, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows: list[tuple[str, str]] = []
    if facts.themes:
        rows.append((_("Thème"), ", ".join(facts.themes)))
    if facts.area:
        rows.append((_("Où"), facts.area[:1].upper() + facts.area[1:]))
    rows.append((_("Pour qui"), facts.audience[:1].upper() + facts.audience[1:]))
    rows.append((_("Type de groupe"), facts.kind[:1].upper() + facts.kind[1:]))
    if facts.first_date:
        rows.append((_("Première rencontre"), facts.first_date))
    if facts.is_free:
        rows.append((_("Coût"), _("Gratuit")))
    data = [
        [Paragraph(escape(label), styles["label"]), Paragraph(escape(value), styles["fact"])]
        for label, value in rows
    ]
    table = Table(data, colWidths=[width * 0.32, width * 0.68])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.HexColor("#d0d7d4")),
            ]
        )
    )
    return table


def build_flyer(initiative: Initiative, size: str) -> bytes:
    """The flyer as a one-page PDF, in the active language; `size` is "a5" or "a4"."""
    page_width, page_height = SIZES[size]
    scale = page_width / A5[0]
    margin = 14 * mm * scale
    facts = public_facts(initiative)
    styles = _styles(scale)
    width = page_width - 2 * margin - 2 * FRAME_PADDING
    tagline = _("Groupe d'entraide en création")

    story: list[Flowable] = [
        Paragraph(escape(tagline), styles["tagline"]),
        Paragraph(escape(facts.name), styles["title"]),
        Paragraph(escape(facts.summary), styles["summary"]),
        _facts_table(facts, styles, width),
        Paragraph(
            escape(_("Vous pouvez venir d'abord pour écouter. Personne n'est obligé de parler.")),
            styles["reassure"],
        ),
        Spacer(1, 10 * scale),
        Paragraph(
            escape(_("Pour en savoir plus et dire que cela vous intéresse :")), styles["call"]
        ),
        Spacer(1, 4 * scale),
        _qr_code(facts.url, 42 * mm * scale),
        Paragraph(escape(facts.url), styles["url"]),
    ]
    if facts.organisation:
        story += [
            Spacer(1, 8 * scale),
            Paragraph(
                escape(_("Accompagné par %(organisation)s") % {"organisation": facts.organisation}),
                styles["small"],
            ),
        ]
    story.append(
        Paragraph(escape(_("Ce qui se dit dans un groupe reste dans le groupe.")), styles["small"])
    )

    output = BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=(page_width, page_height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{facts.name} · {tagline}",
        author=settings.SITE_NAME,
        creator=settings.SITE_NAME,
        subject=facts.summary,
        lang=get_language() or "fr",
    )
    # Whatever the length of the texts, the flyer stays one page: shrink to fit if need be.
    frame_height = page_height - 2 * margin - 2 * FRAME_PADDING - 1
    document.build([KeepInFrame(width, frame_height, story, mode="shrink")])
    return output.getvalue()
