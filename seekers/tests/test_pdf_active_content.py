"""PDFs are rewritten without scripts, actions, launch entries, attachments and forms (issue 14)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject
from reportlab.pdfgen import canvas

from seekers import uploads

ACTIVE = [b"/JavaScript", b"/JS", b"/OpenAction", b"/Launch", b"/EmbeddedFile", b"/AcroForm", b"/AA"]


def _plain_pdf(text="Curriculum vitae") -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawString(100, 700, text)
    pdf.linkURL("https://kerja.bekasikab.go.id/", (100, 650, 300, 670))
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _hostile_pdf() -> bytes:
    """JavaScript run on open, an embedded file, a launch action on the page, a form, a script
    in an annotation."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_plain_pdf())))
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    writer.add_attachment("payload.exe", b"MZ\x90\x00 not really")  # /Names /EmbeddedFiles
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('pwned')")}
    )
    writer._root_object["/Names"].get_object()[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("init"), writer._add_object(script)])}
    )
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject(
        {
            NameObject("/O"): DictionaryObject(
                {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
            )
        }
    )
    script_annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(50), NumberObject(50)]),
            NameObject("/A"): DictionaryObject(
                {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.launchURL()")}
            ),
        }
    )
    annotations = page.get("/Annots") or ArrayObject()
    annotations.append(writer._add_object(script_annotation))
    page[NameObject("/Annots")] = annotations
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _names_in(pdf: bytes) -> set[bytes]:
    reader = PdfReader(io.BytesIO(pdf))
    return {str(name).encode() for name in uploads._walk(reader.trailer, set())}


def _upload(content):
    return SimpleUploadedFile("cv.pdf", content, content_type="application/pdf")


def test_the_hostile_fixture_really_carries_each_active_entry():
    names = _names_in(_hostile_pdf())
    assert set(ACTIVE) <= names


def test_a_pdf_with_javascript_an_embedded_file_and_a_launch_action_comes_out_clean():
    clean = uploads.check_pdf(_upload(_hostile_pdf()))
    assert clean.startswith(b"%PDF-")
    assert not set(ACTIVE) & _names_in(clean)
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 1
    assert "Curriculum vitae" in reader.pages[0].extract_text()
    assert reader.attachments == {}


def test_a_plain_link_survives_the_rewrite():
    clean = uploads.check_pdf(_upload(_plain_pdf()))
    [annotation] = PdfReader(io.BytesIO(clean)).pages[0]["/Annots"]
    assert annotation.get_object()["/A"]["/S"] == "/URI"


def test_a_pdf_whose_rewrite_still_holds_active_content_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "SAFE_LINK_ACTIONS", {"/URI", "/GoTo", "/JavaScript"})
    with pytest.raises(ValidationError) as refused:
        uploads.check_pdf(_upload(_hostile_pdf()))
    assert refused.value.code == "active_pdf"


def test_a_pdf_that_needs_more_memory_than_allowed_is_refused_not_the_worker_killed(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_CHILD_MEMORY_BYTES", 64 * 1024 * 1024)

    def greedy(data):
        return b"x" * (256 * 1024 * 1024)

    assert uploads._in_limited_child(greedy, b"%PDF-")[0] == "bad_pdf"


def test_a_plain_pdf_is_accepted_by_a_worker_that_already_maps_more_than_the_limit(monkeypatch):
    """A threaded worker (or a test run beside a browser) maps hundreds of MB of thread arenas
    before any upload: the child's limit is on top of that, so a plain CV is not "damaged"."""
    import mmap

    monkeypatch.setattr(uploads, "PDF_CHILD_MEMORY_BYTES", 64 * 1024 * 1024)
    reserved = mmap.mmap(-1, 1024 * 1024 * 1024)  # address space only: never touched
    try:
        clean = uploads.check_pdf(_upload(_plain_pdf()))
    finally:
        reserved.close()
    assert PdfReader(io.BytesIO(clean)).pages[0].extract_text().startswith("Curriculum vitae")


def test_a_pdf_that_takes_too_long_is_refused_in_bounded_time(monkeypatch):
    import time

    monkeypatch.setattr(uploads, "PDF_CHILD_SECONDS", 1)

    def slow(data):
        time.sleep(30)
        return data

    started = time.monotonic()
    assert uploads._in_limited_child(slow, b"%PDF-")[0] == "bad_pdf"
    assert time.monotonic() - started < 6


@pytest.mark.django_db
def test_a_stored_cv_is_the_clean_rewrite_not_the_bytes_sent():
    from seekers.services import document_store

    from .factories import JobSeekerFactory

    seeker = JobSeekerFactory()
    document = document_store(seeker=seeker, kind="cv", upload=_upload(_hostile_pdf()))
    with document.file.open("rb") as stored:
        content = stored.read()
    assert not set(ACTIVE) & _names_in(content)
