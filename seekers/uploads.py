"""Checks for untrusted uploads. Every image is decoded and re-encoded (nothing the user sent is
stored as sent); every PDF is checked by magic bytes and by a parser.

Measured (RELIABILITY.md): Django's ImageField accepts a PNG with HTML appended, keeps GPS EXIF,
and accepts a 97 KB PNG that decodes to 100 megapixels (Pillow only warns below ~179 MP).
"""

import contextlib
import io
import os
import resource
import select
import signal
import time
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

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
    "active_pdf": _(
        "The PDF contains scripts, attachments or form actions that could not be removed; "
        "print it to a new PDF and upload that."
    ),
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


# --- PDFs ------------------------------------------------------------------------------------
# Every PDF is rewritten: only its pages are copied into a new file, so the document catalogue's
# /OpenAction, /AA, /Names (JavaScript, EmbeddedFiles), /AcroForm and /URI base are left behind;
# on each page, additional actions and every annotation except plain links are dropped. The result
# is parsed again and refused if any active entry is still anywhere in it.
ACTIVE_PDF_KEYS = {
    "/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/AcroForm",
    "/RichMedia", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/XFA", "/FileAttachment", "/Sound", "/Movie",
}  # fmt: skip
SAFE_LINK_ACTIONS = {"/URI", "/GoTo"}
# The rewrite runs in a forked child with these limits: a hostile file can exhaust neither the
# web worker's memory nor its time (measured: a 5 MB PDF rewrites in well under a second). The
# memory limit is on top of the address space the child inherits: a worker with threads (a
# threaded server, a test run with a browser) already maps hundreds of MB of thread arenas and
# stacks, and a fixed limit below that made every PDF "damaged".
PDF_CHILD_MEMORY_BYTES = 768 * 1024 * 1024
PDF_CHILD_SECONDS = 20


class ActivePdfContent(Exception):
    pass


def _safe_annotation(annotation) -> bool:
    if annotation.get("/Subtype") != "/Link" or "/AA" in annotation:
        return False
    action = annotation.get("/A")
    if action is None:
        return True
    action = action.get_object()
    return action.get("/S") in SAFE_LINK_ACTIONS and "/Next" not in action


def _walk(obj, seen):
    """Yield every name used as a key or value anywhere in the object graph."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                yield name
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject):
            yield item


def _rewrite_pdf(data: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise ValidationError(ERRORS["encrypted_pdf"], code="encrypted_pdf")
    if len(reader.pages) == 0:
        raise ValidationError(ERRORS["bad_pdf"], code="bad_pdf")
    writer = PdfWriter()
    for page in reader.pages:
        added = writer.add_page(page)
        for key in ("/AA", "/B", "/PieceInfo"):
            added.pop(NameObject(key), None)
        annotations = added.get("/Annots")
        if annotations is not None:
            kept = ArrayObject(a for a in annotations.get_object() if _safe_annotation(a.get_object()))
            if kept:
                added[NameObject("/Annots")] = kept
            else:
                del added[NameObject("/Annots")]
    writer.add_metadata({"/Producer": "Disnaker Kabupaten Bekasi"})
    out = io.BytesIO()
    writer.write(out)
    clean = out.getvalue()
    check = PdfReader(io.BytesIO(clean), strict=False)
    leftovers = set(_walk(check.trailer, set())) & ACTIVE_PDF_KEYS
    if leftovers:
        raise ActivePdfContent(", ".join(sorted(leftovers)))
    return clean


def _address_space_in_use() -> int:
    """Bytes of address space this process maps now (Linux: /proc/self/statm); 0 elsewhere."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _in_limited_child(function, data: bytes) -> tuple[str, bytes]:
    """Run function(data) in a forked child with memory and CPU limits; ("ok", bytes), or an
    error code and nothing. The child only parses bytes: no database, no files, os._exit."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.close(read_end)
            limit = _address_space_in_use() + PDF_CHILD_MEMORY_BYTES
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            resource.setrlimit(resource.RLIMIT_CPU, (PDF_CHILD_SECONDS, PDF_CHILD_SECONDS + 1))
            try:
                payload = b"ok:" + function(data)
            except ValidationError as exc:
                payload = f"{exc.code}:".encode()
            except ActivePdfContent:
                payload = b"active_pdf:"
            except BaseException:  # noqa: BLE001 - pypdf raises many types (limits, recursion, memory)
                payload = b"bad_pdf:"
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + PDF_CHILD_SECONDS + 2
    with os.fdopen(read_end, "rb") as pipe:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([pipe], [], [], remaining)[0]:
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(pipe.fileno(), 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    os.waitpid(pid, 0)
    code, _sep, payload = b"".join(chunks).partition(b":")
    return (code.decode() or "bad_pdf"), payload


def check_pdf(upload) -> bytes:
    """Return a rewritten copy of the PDF without active content (scripts, actions, launch entries,
    attachments, forms), or refuse it. The rewrite runs in a child process with time and memory
    limits (PDF_CHILD_*), so a hostile file costs a bounded amount of both."""
    _check_size(upload, MAX_PDF_BYTES)
    upload.seek(0)
    data = upload.read()
    if not data.startswith(b"%PDF-"):
        raise ValidationError(ERRORS["not_pdf"], code="not_pdf")
    status, clean = _in_limited_child(_rewrite_pdf, data)
    if status != "ok":
        raise ValidationError(ERRORS.get(status, ERRORS["bad_pdf"]), code=status if status in ERRORS else "bad_pdf")
    return clean
