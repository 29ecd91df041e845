"""The printable AK/1 card, as on the paper form: one A5 page holding the two A6 sides, the
front (emblem slot, holder's data with the full address, validity, the head of office's
signature block, QR code) above the back (the six-monthly report rows, filled from the
holder's reports). Printed at actual size on A4 (or A5) paper, cut out and folded along the
dashed line, it is an A6 card with both sides: one page, so that any printer does it."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from core.formatting import long_date
from core.pdf import draw_qr, draw_void, fonts, new_canvas

from .models import AK1Card, Document

GREEN = (0.04, 0.35, 0.21)
REPORT_ROWS = 4  # a two-year card: a report every six months


def render_card_pdf(card: AK1Card, *, verify_url: str) -> bytes:
    """The card as PDF bytes. Like the training certificate, an official document of the regency:
    in Bahasa Indonesia whatever language the holder browses in (the labels are translated
    strings, so an English card is one `override` away)."""
    with translation.override("id"):
        return _draw(card, verify_url=verify_url)


def full_address(seeker) -> str:
    """Street, desa and kecamatan, as the paper form asks."""
    parts = [seeker.address.strip()]
    if seeker.domicile_desa_id:
        parts.append(_("Desa/Kel. %(name)s") % {"name": seeker.domicile_desa.name})
    if seeker.domicile_kecamatan_id:
        parts.append(_("Kec. %(name)s") % {"name": seeker.domicile_kecamatan.name})
        parts.append("Kabupaten Bekasi")
    elif seeker.domicile_outside:
        parts.append(seeker.domicile_outside)
    return ", ".join(p for p in parts if p)


def _wrap(text, *, font, size, width, pdf, max_lines=2):
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if pdf.stringWidth(candidate, font, size) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(len(lines[-1]) - 1, 0)] + "…"
    return lines


def _emblem(pdf, *, x, y, size):
    """The regency emblem supplied by Disnaker (settings.OFFICE_EMBLEM, a static file); without
    it, the slot stays an empty frame rather than a drawing of our own."""
    path = finders.find(settings.OFFICE_EMBLEM) if settings.OFFICE_EMBLEM else None
    if path:
        pdf.drawImage(ImageReader(path), x, y, size, size, preserveAspectRatio=True, mask="auto")
    else:
        pdf.saveState()
        pdf.setStrokeColorRGB(1, 1, 1)
        pdf.setDash(1, 1.5)
        pdf.roundRect(x, y, size, size, 1.5 * mm)
        pdf.restoreState()


def _front(pdf, card, *, verify_url, width, top, regular, bold):
    seeker = card.seeker
    band = 17 * mm
    pdf.setFillColorRGB(*GREEN)
    pdf.rect(0, top - band, width, band, stroke=0, fill=1)
    _emblem(pdf, x=5 * mm, y=top - band + 2.5 * mm, size=12 * mm)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont(regular, 6.5)
    pdf.drawString(20 * mm, top - 5.5 * mm, _("GOVERNMENT OF KABUPATEN BEKASI"))
    pdf.setFont(bold, 7.5)
    pdf.drawString(20 * mm, top - 9.5 * mm, _("Manpower Office of Kabupaten Bekasi"))
    pdf.setFont(bold, 9.5)
    pdf.drawString(20 * mm, top - 14.3 * mm, _("JOB SEEKER CARD (AK/1)"))

    photo = Document.objects.filter(seeker=seeker, kind=Document.Kind.PHOTO).first()
    photo_top = top - band - 4 * mm
    pdf.setFillColorRGB(0, 0, 0)
    if photo:
        with photo.file.open("rb") as fh:
            pdf.drawImage(ImageReader(fh), 5 * mm, photo_top - 36 * mm, 27 * mm, 36 * mm, preserveAspectRatio=True)
    else:
        pdf.rect(5 * mm, photo_top - 36 * mm, 27 * mm, 36 * mm)

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
        (_("Address"), full_address(seeker), False),
        (_("Valid"), valid, False),
    ]
    y = photo_top - 2.5 * mm
    label_x, value_x, value_width = 36 * mm, 60 * mm, width - 64 * mm
    for label, value, emphasised in rows:
        pdf.setFont(regular, 6)
        pdf.drawString(label_x, y, label)
        font = bold if emphasised else regular
        lines = _wrap(f": {value}", font=font, size=6.5, width=value_width, pdf=pdf, max_lines=3)
        pdf.setFont(font, 6.5)
        for line in lines:
            pdf.drawString(value_x, y, line)
            y -= 3.2 * mm
        y -= 0.5 * mm

    # QR code and the signature block share the bottom strip.
    bottom = top - 105 * mm
    draw_qr(pdf, verify_url, x=5 * mm, y=bottom + 4 * mm, size_mm=17)
    pdf.setFont(regular, 5)
    pdf.drawString(5 * mm, bottom + 2 * mm, _("Scan the QR code to check that this card is genuine."))
    sign_x = width - 52 * mm
    pdf.setFont(regular, 6)
    issued = long_date(timezone.localtime(card.issued_at).date() if hasattr(card.issued_at, "hour") else card.issued_at)
    pdf.drawString(sign_x, bottom + 24 * mm, _("Bekasi, %(date)s") % {"date": issued})
    for i, line in enumerate(_wrap(settings.OFFICE_HEAD_TITLE, font=regular, size=6, width=48 * mm, pdf=pdf)):
        pdf.drawString(sign_x, bottom + (21 - 2.6 * i) * mm, line)
    pdf.setFont(bold, 6.5)
    pdf.drawString(sign_x, bottom + 7.5 * mm, settings.OFFICE_HEAD_NAME or "…………………………………………")
    pdf.setFont(regular, 6)
    pdf.drawString(sign_x, bottom + 4.5 * mm, _("NIP %(nip)s") % {"nip": settings.OFFICE_HEAD_NIP or "……………………"})


def _back(pdf, card, *, width, top, regular, bold):
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(bold, 8.5)
    pdf.drawString(5 * mm, top - 8 * mm, _("SIX-MONTHLY REPORTS"))
    pdf.setFont(regular, 5.8)
    pdf.drawString(
        5 * mm, top - 12 * mm, _("Report every six months while you look for work, and as soon as you are hired.")
    )
    columns = [
        (_("No."), 8 * mm), (_("Date"), 24 * mm), (_("Status"), 30 * mm),
        (_("Employer / position"), 52 * mm), (_("Officer"), 24 * mm),
    ]  # fmt: skip
    x0, y = 5 * mm, top - 17 * mm
    row_height = 11 * mm
    table_width = sum(w for _label, w in columns)
    pdf.setFont(bold, 6)
    x = x0
    for label, w in columns:
        pdf.drawString(x + 1.2 * mm, y - 3.6 * mm, label)
        x += w
    pdf.rect(x0, y - 5.5 * mm, table_width, 5.5 * mm)
    y -= 5.5 * mm
    reports = list(card.reports.order_by("reported_at")[:REPORT_ROWS])
    for number in range(1, REPORT_ROWS + 1):
        pdf.rect(x0, y - row_height, table_width, row_height)
        x = x0
        for _label, w in columns[:-1]:
            x += w
            pdf.line(x, y, x, y - row_height)
        pdf.setFont(regular, 6.5)
        pdf.drawString(x0 + 2 * mm, y - 5 * mm, str(number))
        if number <= len(reports):
            report = reports[number - 1]
            status = _("Still looking") if report.still_looking else _("Hired")
            pdf.drawString(x0 + 9.2 * mm, y - 5 * mm, long_date(timezone.localtime(report.reported_at).date()))
            pdf.drawString(x0 + 33.2 * mm, y - 5 * mm, status)
            if not report.still_looking:
                for i, line in enumerate(
                    _wrap(f"{report.employer} / {report.position}", font=regular, size=6, width=49 * mm, pdf=pdf)
                ):
                    pdf.setFont(regular, 6)
                    pdf.drawString(x0 + 63.2 * mm, y - (4 + 3 * i) * mm, line)
            pdf.setFont(regular, 5.5)
            pdf.drawString(x0 + 115.2 * mm, y - 5 * mm, _("online"))
        y -= row_height
    pdf.setFont(regular, 5.5)
    notes = [
        _("This card is free of charge. Keep it until you are hired."),
        _("Report on the portal (My dashboard, AK/1 card) or at the Disnaker office."),
    ]
    for note in notes:
        y -= 3.4 * mm
        pdf.drawString(5 * mm, y, "• " + note)


def _draw(card: AK1Card, *, verify_url: str) -> bytes:
    regular, bold = fonts()
    width, height = A5  # 148 x 210 mm: two A6 landscape sides
    pdf, buffer = new_canvas((width, height), title=f"AK/1 {card.number}")
    half = height / 2
    _front(pdf, card, verify_url=verify_url, width=width, top=height, regular=regular, bold=bold)
    _back(pdf, card, width=width, top=half, regular=regular, bold=bold)
    # The fold line between the two sides.
    pdf.saveState()
    pdf.setDash(2, 2)
    pdf.setStrokeColorRGB(0.5, 0.5, 0.5)
    pdf.line(0, half, width, half)
    pdf.setFont(regular, 4.5)
    pdf.setFillColorRGB(0.4, 0.4, 0.4)
    pdf.drawRightString(width - 3 * mm, half + 1 * mm, _("fold here"))
    pdf.restoreState()
    if not card.is_valid_today:
        draw_void(pdf, width=width, height=height)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
