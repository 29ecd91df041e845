"""Checks for untrusted uploads. Every image is decoded and re-encoded (nothing the user sent is
stored as sent); every PDF is checked by magic bytes and by a parser.

Measured (RELIABILITY.md): Django's ImageField accepts a PNG with HTML appended, keeps GPS EXIF,
and accepts a 97 KB PNG that decodes to 100 megapixels (Pillow only warns below ~179 MP).
"""

import contextlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PdfReader

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_PDF_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 24_000_000  # a 24 MP phone photo is fine; more is a decompression bomb
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # process-wide: no code path here decodes bigger images
ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
STORED_LONG_SIDE = 1600
THUMBNAIL_LONG_SIDE = 320

ERRORS = {
    "too_big": _("The file is too large (at most %(mb)s MB)."),
    "not_image": _("Upload a photo in JPEG, PNG or WebP format."),
    "too_many_pixels": _("The photo's dimensions are too large."),
    "not_pdf": _("Upload a PDF file."),
    "bad_pdf": _("The PDF file is damaged or cannot be read."),
    "encrypted_pdf": _("The PDF is password-protected; upload one without a password."),
    "empty": _("The file is empty."),
}


@dataclass
class ReencodedImage:
    image: bytes
    thumbnail: bytes
    content_type: str = "image/jpeg"


def _check_size(upload, limit):
    if upload.size == 0:
        raise ValidationError(ERRORS["empty"], code="empty")
    if upload.size > limit:
        raise ValidationError(ERRORS["too_big"], code="too_big", params={"mb": limit // (1024 * 1024)})


def _to_jpeg(image: Image.Image, long_side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif= argument: the stored file carries no EXIF at all (GPS, camera serials, ...).
    copy.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def reencode_image(upload) -> ReencodedImage:
    """Decode the upload, refuse what is not a JPEG/PNG/WebP of sane size, and return fresh JPEG
    bytes (rotated upright, EXIF dropped) plus a thumbnail."""
    _check_size(upload, MAX_IMAGE_BYTES)
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that: make it an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ALLOWED_IMAGE_FORMATS:
                    raise ValidationError(ERRORS["not_image"], code="not_image")
                if probe.width * probe.height > MAX_IMAGE_PIXELS:
                    raise ValidationError(ERRORS["too_many_pixels"], code="too_many_pixels")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                # Shrink first, convert after: every full-size copy of a 24 MP RGBA image costs
                # ~100 MB (measured: a 150 KB PNG once took a worker from 65 MB to 724 MB).
                image.draft("RGB", (STORED_LONG_SIDE, STORED_LONG_SIDE))  # JPEG: decode at reduced scale
                image.thumbnail((STORED_LONG_SIDE, STORED_LONG_SIDE), Image.Resampling.LANCZOS)
                # A broken EXIF block (it happens, and fuzzing finds more): keep the picture as decoded.
                with contextlib.suppress(Exception):
                    image = ImageOps.exif_transpose(image)
                if image.mode != "RGB":
                    background = Image.new("RGB", image.size, "white")
                    rgba = image.convert("RGBA")
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    image = background
                return ReencodedImage(
                    image=_to_jpeg(image, STORED_LONG_SIDE), thumbnail=_to_jpeg(image, THUMBNAIL_LONG_SIDE)
                )
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(ERRORS["too_many_pixels"], code="too_many_pixels") from None
    except Exception:  # noqa: BLE001 - whatever a hostile file makes Pillow raise, it is no photo
        raise ValidationError(ERRORS["not_image"], code="not_image") from None


def check_pdf(upload) -> bytes:
    """Return the PDF's bytes if it starts like a PDF and a parser can read its pages."""
    _check_size(upload, MAX_PDF_BYTES)
    upload.seek(0)
    data = upload.read()
    if not data.startswith(b"%PDF-"):
        raise ValidationError(ERRORS["not_pdf"], code="not_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(ERRORS["encrypted_pdf"], code="encrypted_pdf")
        if len(reader.pages) == 0:
            raise ValidationError(ERRORS["bad_pdf"], code="bad_pdf")
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many types (limits, recursion) on hostile files
        raise ValidationError(ERRORS["bad_pdf"], code="bad_pdf") from None
    return data
