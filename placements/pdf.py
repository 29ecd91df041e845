"""The printable performance sheet of an employer (A4, ReportLab), for Disnaker's follow-up
letter on the local-hiring rule (Perda 4/2016). Official documents are in Bahasa Indonesia."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from core.formatting import long_date
from core.pdf import fonts, new_canvas

NAVY = HexColor("#0b3d91")
RED = HexColor("#b02a37")


def _percent(value):
    return "–" if value is None else f"{value * 100:.1f}%".replace(".", ",")


def employer_performance_pdf(employer, *, rows) -> bytes:
    """`rows`: `selectors.local_share_by_year(employer)`, newest year first."""
    with translation.override("id"):
        pdf, buffer = new_canvas(A4, title=_("Local hiring of %(employer)s") % {"employer": employer.name})
        regular, bold = fonts()
        width, height = A4
        left = 20 * mm
        y = height - 22 * mm
        pdf.setFillColor(NAVY)
        pdf.setFont(bold, 12)
        pdf.drawString(left, y, _("REGENCY GOVERNMENT OF BEKASI – MANPOWER OFFICE"))
        y -= 10 * mm
        pdf.setFont(bold, 15)
        pdf.drawString(left, y, _("Local hiring of %(employer)s") % {"employer": employer.name})
        pdf.setFillColor(HexColor("#000000"))
        pdf.setFont(regular, 10)
        y -= 8 * mm
        for line in (
            _("NIB: %(nib)s") % {"nib": employer.nib},
            _("Address: %(address)s")
            % {"address": ", ".join(p for p in (employer.address, str(employer.kecamatan or "")) if p)},
            _("Industrial estate: %(estate)s") % {"estate": employer.industrial_estate or "–"},
            _("Minimum local share (Perda 4/2016): %(share)s") % {"share": _percent(settings.LOCAL_WORKER_MIN_SHARE)},
        ):
            pdf.drawString(left, y, line)
            y -= 5.5 * mm
        y -= 4 * mm
        columns = [left, left + 22 * mm, left + 52 * mm, left + 82 * mm, left + 112 * mm, left + 137 * mm]
        headers = [_("Year"), _("Hires"), _("Local"), _("Non-local"), _("Local share"), _("Commitment")]
        pdf.setFont(bold, 10)
        for x, header in zip(columns, headers, strict=True):
            pdf.drawString(x, y, header)
        y -= 2 * mm
        pdf.line(left, y, width - left, y)
        y -= 5 * mm
        pdf.setFont(regular, 10)
        if not rows:
            pdf.drawString(left, y, _("No verified hires yet."))
            y -= 6 * mm
        for row in rows:
            commitment = row.commitment
            if commitment is None:
                promised = "–"
            elif commitment.committed_share is not None:
                promised = f"{commitment.committed_share}%"
            else:
                promised = str(commitment.committed_number)
            values = [str(row.year), str(row.hires), str(row.local), str(row.non_local), _percent(row.share), promised]
            pdf.setFillColor(RED if row.flagged else HexColor("#000000"))
            for x, value in zip(columns, values, strict=True):
                pdf.drawString(x, y, value)
            if row.flagged:
                pdf.drawString(columns[-1] + 25 * mm, y, _("below the minimum"))
            y -= 6 * mm
            if y < 30 * mm:
                pdf.showPage()
                pdf.setFont(regular, 10)
                y = height - 25 * mm
        pdf.setFillColor(HexColor("#000000"))
        y -= 6 * mm
        pdf.setFont(regular, 8)
        pdf.drawString(
            left,
            y,
            _("Verified placements counted by start date; local means domiciled in Kabupaten Bekasi when hired."),
        )
        y -= 5 * mm
        pdf.drawString(left, y, _("Printed on %(date)s") % {"date": long_date(timezone.localdate())})
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()
