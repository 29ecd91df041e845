"""The training certificate: an A4 landscape PDF drawn from the database on demand."""

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from core.pdf import draw_qr, draw_void, fonts, new_canvas

NAVY = HexColor("#0b3d91")


def _date(value):
    return formats.date_format(value, "j F Y")


def render_pdf(certificate, *, verify_url: str) -> bytes:
    """The certificate as PDF bytes. Official documents of the regency are in Bahasa Indonesia,
    whatever language the holder browses in."""
    enrolment = certificate.enrolment
    batch = enrolment.batch
    program = batch.program
    with translation.override("id"):
        pdf, buffer = new_canvas(
            landscape(A4), title=_("Training certificate %(number)s") % {"number": certificate.number}
        )
        regular, bold = fonts()
        width, height = landscape(A4)
        pdf.setStrokeColor(NAVY)
        pdf.setLineWidth(3)
        pdf.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
        pdf.setLineWidth(0.8)
        pdf.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)

        centre = width / 2
        pdf.setFillColor(NAVY)
        pdf.setFont(bold, 12)
        pdf.drawCentredString(centre, height - 30 * mm, _("REGENCY GOVERNMENT OF BEKASI – MANPOWER OFFICE"))
        pdf.setFont(regular, 11)
        pdf.drawCentredString(centre, height - 37 * mm, str(program.provider.name))
        pdf.setFont(bold, 30)
        pdf.drawCentredString(centre, height - 58 * mm, _("CERTIFICATE"))
        pdf.setFont(regular, 11)
        pdf.drawCentredString(centre, height - 66 * mm, _("Number: %(number)s") % {"number": certificate.number})

        pdf.setFillColor(HexColor("#000000"))
        pdf.setFont(regular, 12)
        pdf.drawCentredString(centre, height - 82 * mm, _("is awarded to"))
        pdf.setFont(bold, 24)
        pdf.drawCentredString(centre, height - 96 * mm, enrolment.seeker.full_name)
        pdf.setFont(regular, 12)
        pdf.drawCentredString(centre, height - 108 * mm, _("for completing the training programme"))
        pdf.setFont(bold, 16)
        pdf.drawCentredString(centre, height - 119 * mm, program.title)
        pdf.setFont(regular, 11)
        details = _("%(batch)s, %(start)s to %(end)s, %(hours)s lesson hours") % {
            "batch": batch.name,
            "start": _date(batch.start_date),
            "end": _date(batch.end_date),
            "hours": program.hours,
        }
        pdf.drawCentredString(centre, height - 128 * mm, details)
        if program.competency_standard:
            pdf.drawCentredString(
                centre,
                height - 135 * mm,
                _("Competency standard: %(standard)s") % {"standard": program.competency_standard},
            )

        pdf.drawString(30 * mm, 42 * mm, _("Issued on %(date)s") % {"date": _date(certificate.issued_on)})
        pdf.drawString(30 * mm, 36 * mm, str(program.provider.name))
        pdf.setFont(regular, 8)
        pdf.drawString(
            30 * mm, 24 * mm, _("Check this certificate by scanning the QR code or at %(url)s") % {"url": verify_url}
        )
        draw_qr(pdf, verify_url, x=width - 60 * mm, y=22 * mm, size_mm=32)
        if not certificate.is_valid:
            draw_void(pdf, width=width, height=height)
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()
