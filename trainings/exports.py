"""The applicant list as rows for `core.exports` (CSV and Excel, formula-injection safe)."""

from django.utils.translation import gettext as _

from core import exports
from seekers.nik import mask_nik


def applicant_header(*, full_nik=False):
    return [
        _("No."),
        _("Name"),
        _("NIK"),
        _("Gender"),
        # The masked NIK hides exactly the kecamatan and birth date: printing the birth date
        # next to it would give the full NIK back. Without the permission: the age only.
        _("Date of birth") if full_nik else _("Age"),
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


def _score(value):
    return float(value) if value is not None else None


def applicant_rows(enrolments, *, full_nik=False):
    """One row per enrolment of `selectors.applicants(...)`, streamed from the database."""
    for number, enrolment in enumerate(enrolments.iterator(chunk_size=500), start=1):
        seeker = enrolment.seeker
        certificate = getattr(enrolment, "certificate", None)
        yield [
            number,
            seeker.full_name,
            seeker.nik if full_nik else mask_nik(seeker.nik),
            seeker.get_gender_display(),
            seeker.birth_date if full_nik else seeker.age,
            seeker.education_level.name if seeker.education_level else "",
            seeker.domicile_kecamatan.name if seeker.domicile_kecamatan else seeker.domicile_outside,
            _("yes") if enrolment.local_resident else _("no"),
            seeker.phone,
            enrolment.batch.program.title,
            enrolment.batch.name,
            enrolment.get_status_display(),
            enrolment.status_reason,
            enrolment.applied_at,
            _score(enrolment.pre_test_score),
            _score(enrolment.post_test_score),
            enrolment.sessions_present,
            certificate.number if certificate else "",
        ]


def response(enrolments, *, fmt, filename, full_nik=False):
    """The applicant list as a CSV (streamed) or Excel download."""
    make = exports.xlsx_response if fmt == "xlsx" else exports.csv_response
    return make(filename, applicant_header(full_nik=full_nik), applicant_rows(enrolments, full_nik=full_nik))
