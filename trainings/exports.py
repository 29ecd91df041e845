"""Applicant lists as CSV and XLSX, safe to open in a spreadsheet.

A cell that starts with = + - @ or a tab/carriage return is a formula to Excel and LibreOffice
("=HYPERLINK(...)" in a name field is an attack on the clerk who opens the file): such text is
prefixed with a quote. Numbers stay numbers.
"""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from seekers.nik import mask_nik

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _local_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def applicant_rows(enrolments, *, full_nik=False):
    """The header, then one row per enrolment of `selectors.applicants(...)`."""
    yield [
        _("No."),
        _("Name"),
        _("NIK"),
        _("Gender"),
        _("Date of birth"),
        _("Education"),
        _("Kecamatan"),
        _("Resident of Kabupaten Bekasi"),
        _("Phone"),
        _("Programme"),
        _("Batch"),
        _("Status"),
        _("Reason"),
        _("Applied at"),
        _("Pre-test"),
        _("Post-test"),
        _("Sessions attended"),
        _("Certificate"),
    ]
    for number, enrolment in enumerate(enrolments.iterator(chunk_size=500), start=1):
        seeker = enrolment.seeker
        certificate = getattr(enrolment, "certificate", None)
        row = [
            number,
            seeker.full_name,
            seeker.nik if full_nik else mask_nik(seeker.nik),
            seeker.get_gender_display(),
            seeker.birth_date.isoformat(),
            seeker.education_level.name if seeker.education_level else "",
            seeker.domicile_kecamatan.name if seeker.domicile_kecamatan else seeker.domicile_outside,
            _("yes") if enrolment.local_resident else _("no"),
            seeker.phone,
            enrolment.batch.program.title,
            enrolment.batch.name,
            enrolment.get_status_display(),
            enrolment.status_reason,
            _local_time(enrolment.applied_at),
            enrolment.pre_test_score,
            enrolment.post_test_score,
            enrolment.sessions_present,
            certificate.number if certificate else "",
        ]
        yield [safe_cell(v) for v in row]


class _Echo:
    def write(self, value):
        return value


def csv_response(rows, filename) -> StreamingHttpResponse:
    """Streamed, so a list of thousands never sits in memory. UTF-8 with a BOM for Excel."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        for row in rows:
            yield writer.writerow(["" if v is None else v for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(rows, filename) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Applicants"))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
