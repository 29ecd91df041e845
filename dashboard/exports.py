"""The dashboard's figures as an Excel workbook: a sheet with the filters and the generation time,
the indicators against their targets, then one sheet per breakdown, the trend and the map's
figures. Suppressed cells are written as "<5" / "×", exactly as on the page."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.exports import safe_cell

from . import indicators as registry
from . import selectors
from .filters import PERIODS


def _number(display: str):
    """ "1.234" -> 1234 (a number Excel can add up); "<5", "×", "–" stay text."""
    digits = display.replace(".", "")
    return int(digits) if digits.isdigit() else display


def workbook(figures, filters) -> Workbook:
    book = Workbook(write_only=True)
    about = book.create_sheet(_("Filters")[:31])
    about.append([_("TKP3D dashboard – Kabupaten Bekasi")])
    for label, value in filters.described():
        about.append([str(label), str(value)])
    about.append([_("Generated at"), timezone.localtime(figures.generated_at).strftime("%Y-%m-%d %H:%M")])
    about.append([_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    about.append(
        [_("“<5”: 1 to 4 people, hidden. “×”: hidden so that a small number cannot be worked out from a total.")]
    )

    headline = book.create_sheet(_("Indicators")[:31])
    headline.append([_("Indicator"), _("Value"), _("Target"), _("Progress (%)")])
    for card in selectors.headline_cards(figures, selectors.targets_for(filters)):
        headline.append([str(card["label"]), _number(card["display"]), card["target"], card["progress"]])

    for table in figures.tables():
        sheet = book.create_sheet(str(table["title"])[:31])
        sheet.append([str(table["title"]), *[str(label) for _key, label in table["columns"]]])
        for label, _code, cells in table["rows"]:
            sheet.append([safe_cell(label), *[_number(c) for c in cells]])
        sheet.append([_("Total"), *[_number(c) for c in table["total"]]])

    trend = book.create_sheet(_("Monthly trend")[:31])
    keys = [i.key for i in registry.indicators()]
    trend.append([_("Indicator"), _("Year"), *[str(label) for code, label in PERIODS if code.isdigit()]])
    for key in keys:
        data = figures.trend(key)
        for index, year in enumerate(data["years"]):
            trend.append([str(registry.label_of(key)), year, *[_number(cells[index][1]) for _m, cells in data["rows"]]])
    return book


def xlsx(figures, filters) -> HttpResponse:
    buffer = io.BytesIO()
    workbook(figures, filters).save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"dasbor-tkp3d-{filters.data_key().replace(':', '-').strip('-')}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
