"""The printable meeting report (A4 PDF, ReportLab): a cover with the period and the filters, the
indicators against their targets, the map, and the main breakdowns. Suppressed as on the page."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Polygon, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.pdf import fonts

from . import charts, geo, selectors
from . import indicators as registry
from .figures import figures as compute

MAIN_BREAKDOWNS = ("kecamatan", "gender", "age", "education", "category", "provider")


def _styles():
    regular, bold = fonts()
    styles = getSampleStyleSheet()
    for name in ("Normal", "BodyText"):
        styles[name].fontName = regular
    for name in ("Title", "Heading1", "Heading2"):
        styles[name].fontName = bold
    return styles, regular, bold


def _table(rows, regular, bold, widths=None):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle([
            ("FONT", (0, 0), (-1, -1), regular, 8),
            ("FONT", (0, 0), (-1, 0), bold, 8),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ])
    )  # fmt: skip
    return table


def _map(values: dict, width_mm=170, height_mm=215) -> Drawing:
    svg_width, svg_height = geo.size()
    scale = min(width_mm * mm / svg_width, height_mm * mm / svg_height)
    drawing = Drawing(svg_width * scale, svg_height * scale)
    bounds = charts.classes([v for v, _d in values.values()])
    regular, _bold = fonts()
    for shape in geo.shapes():
        value, _display = values.get(shape["code"], (None, "–"))
        fill = charts.colour(value, bounds)
        fill = colors.HexColor("#dee2e6") if fill == charts.HIDDEN_FILL else colors.HexColor(fill)
        for ring in geo.projected_rings()[shape["code"]]:
            points = [c for x, y in ring for c in (x * scale, (svg_height - y) * scale)]
            drawing.add(Polygon(points, fillColor=fill, strokeColor=colors.HexColor("#495057"), strokeWidth=0.4))
    for shape in geo.shapes():
        drawing.add(String(shape["x"] * scale, (svg_height - shape["y"]) * scale, shape["name"], fontName=regular,
                           fontSize=5.5, textAnchor="middle"))  # fmt: skip
    return drawing


def meeting_report_pdf(filters) -> bytes:
    figures = compute(filters)
    styles, regular, bold = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=_("TKP3D meeting report"),
                            author="Dinas Tenaga Kerja Kabupaten Bekasi")  # fmt: skip
    story = [
        Paragraph(_("TKP3D meeting report"), styles["Title"]),
        Paragraph("Dinas Tenaga Kerja Kabupaten Bekasi", styles["Heading2"]),
        Spacer(1, 6 * mm),
        _table(
            [
                [_("Filter"), _("Value")],
                *[[str(k), str(v)] for k, v in filters.described()],
                [_("Figures as of"), timezone.localtime(figures.generated_at).strftime("%Y-%m-%d %H:%M")],
            ],
            regular,
            bold,
            widths=[50 * mm, 110 * mm],
        ),  # fmt: skip
        Spacer(1, 4 * mm),
        Paragraph(
            _(
                "“<5”: 1 to 4 people, hidden. “×”: hidden so that a small number cannot be worked out from a "
                "total. Aggregates only: this report holds no personal data."
            ),
            styles["BodyText"],
        ),  # fmt: skip
        Spacer(1, 6 * mm),
        Paragraph(_("Indicators against the year's targets"), styles["Heading1"]),
    ]
    rows = [[_("Indicator"), _("Value"), _("Target"), _("Progress")]]
    for card in selectors.headline_cards(figures, selectors.targets_for(filters)):
        rows.append([Paragraph(str(card["label"]), styles["BodyText"]), card["display"],
                     "" if card["target"] is None else f"{card['target']:,.0f}".replace(",", "."),
                     "" if card["progress"] is None else f"{card['progress']} %"])  # fmt: skip
    story.append(_table(rows, regular, bold, widths=[90 * mm, 25 * mm, 25 * mm, 22 * mm]))
    map_title = _("Map: %(indicator)s by kecamatan") % {"indicator": registry.label_of(filters.map)}
    story += [PageBreak(), Paragraph(map_title, styles["Heading1"])]
    story.append(_map(figures.map_values(filters.map, filters.per)))
    for table in figures.tables():
        if table["dimension"] not in MAIN_BREAKDOWNS:
            continue
        story += [Spacer(1, 6 * mm), Paragraph(str(table["title"]), styles["Heading2"])]
        header = [str(table["title"]), *[Paragraph(str(label), styles["BodyText"]) for _k, label in table["columns"]]]
        body = [[Paragraph(str(label), styles["BodyText"]), *cells] for label, _c, cells in table["rows"]]
        story.append(_table([header, *body, [_("Total"), *table["total"]]], regular, bold))
    doc.build(story)
    return buffer.getvalue()
