"""The printable AK/1 card: one A6 landscape page with photo, data and a QR code to verify it."""

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A6, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from core.formatting import long_date
from core.pdf import draw_qr, draw_void, fonts, new_canvas

from .models import AK1Card, Document


def render_card_pdf(card: AK1Card, *, verify_url: str) -> bytes:
    """The card as PDF bytes. Like the training certificate, an official document of the regency:
    in Bahasa Indonesia whatever language the holder browses in (the labels are translated
    strings, so an English card is one `override` away)."""
    with translation.override("id"):
        return _draw(card, verify_url=verify_url)


def _draw(card: AK1Card, *, verify_url: str) -> bytes:
    regular, bold = fonts()
    seeker = card.seeker
    width, height = landscape(A6)
    pdf, buffer = new_canvas((width, height), title=f"AK/1 {card.number}")

    pdf.setFillColorRGB(0.05, 0.33, 0.65)
    pdf.rect(0, height - 18 * mm, width, 18 * mm, stroke=0, fill=1)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont(bold, 10)
    pdf.drawString(6 * mm, height - 8 * mm, _("JOB SEEKER CARD (AK/1)"))
    pdf.setFont(regular, 7.5)
    pdf.drawString(6 * mm, height - 13 * mm, _("Manpower Office of Kabupaten Bekasi"))

    photo = Document.objects.filter(seeker=seeker, kind=Document.Kind.PHOTO).first()
    top = height - 22 * mm
    if photo:
        with photo.file.open("rb") as fh:
            pdf.drawImage(ImageReader(fh), 6 * mm, top - 40 * mm, 30 * mm, 40 * mm, preserveAspectRatio=True)
    else:
        pdf.rect(6 * mm, top - 40 * mm, 30 * mm, 40 * mm)

    pdf.setFillColorRGB(0, 0, 0)
    valid = _("%(start)s to %(end)s") % {"start": long_date(card.issued_at), "end": long_date(card.valid_until)}
    rows = [
        (_("AK/1 No."), card.number, True),
        (_("NIK"), seeker.nik, False),
        (_("Name"), seeker.full_name, True),
        (_("Place/date of birth"), f"{seeker.birth_place}, {long_date(seeker.birth_date)}", False),
        (_("Sex"), seeker.get_gender_display(), False),
        (_("Religion"), seeker.get_religion_display(), False),
        (_("Marital status"), seeker.get_marital_status_display(), False),
        (_("Education"), seeker.education_level.name if seeker.education_level else "-", False),
        (_("Address"), seeker.address[:48], False),
        (_("Valid"), valid, False),
    ]
    y = top - 3 * mm
    for label, value, emphasised in rows:
        pdf.setFont(regular, 6.5)
        pdf.drawString(40 * mm, y, label)
        pdf.setFont(bold if emphasised else regular, 7)
        pdf.drawString(67 * mm, y, f": {value}")
        y -= 4.2 * mm

    draw_qr(pdf, verify_url, x=width - 28 * mm, y=5 * mm, size_mm=22)
    pdf.setFont(regular, 5.5)
    pdf.drawString(6 * mm, 6 * mm, _("Scan the QR code to check that this card is genuine."))
    if not card.is_valid_today:
        draw_void(pdf, width=width, height=height)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
