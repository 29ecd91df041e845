"""Small helpers for the printable documents (AK/1 card, training certificate) built with ReportLab."""

import io

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu when installed (covers every Indonesian name), else Helvetica."""
    try:
        if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVu", _DEJAVU))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", _DEJAVU_BOLD))
        return "DejaVu", "DejaVu-Bold"
    except OSError:
        return "Helvetica", "Helvetica-Bold"


def draw_qr(pdf: canvas.Canvas, url: str, *, x: float, y: float, size_mm: float = 25):
    """Draw a QR code for `url` with its lower-left corner at (x, y) points."""
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    size = size_mm * mm
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)


def new_canvas(pagesize, *, title: str) -> tuple[canvas.Canvas, io.BytesIO]:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=pagesize, pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor("Dinas Tenaga Kerja Kabupaten Bekasi")
    return pdf, buffer


def draw_void(pdf: canvas.Canvas, *, width: float, height: float, text: str = "TIDAK BERLAKU"):
    """A large red diagonal stamp: a print of a card or certificate that is no longer valid must
    not pass for a valid one."""
    _regular, bold = fonts()
    pdf.saveState()
    pdf.setFillColorRGB(0.8, 0.1, 0.1, alpha=0.55)
    pdf.translate(width / 2, height / 2)
    pdf.rotate(25)
    pdf.setFont(bold, min(width, height) / 6)
    pdf.drawCentredString(0, 0, text)
    pdf.restoreState()
