"""The candidate list as rows for `core.exports` (CSV and Excel, formula-injection safe)."""

from django.utils.translation import gettext as _

from core import exports
from seekers.nik import mask_nik


def header(*, full_nik=False):
    return [
        _("No."),
        _("Candidate number"),
        _("Name"),
        _("NIK"),
        _("Gender"),
        # The masked NIK hides the birth date: the age only, unless the full NIK may be seen.
        _("Date of birth") if full_nik else _("Age"),
        _("Education"),
        _("Kecamatan"),
        _("Resident of Kabupaten Bekasi"),
        _("Intake"),
        _("Sending organisation"),
        _("Status"),
        _("Next stage"),
        _("Reason"),
        _("Applied at"),
    ]


def rows(candidacies, *, full_nik=False):
    for number, c in enumerate(candidacies.iterator(chunk_size=500), start=1):
        seeker = c.seeker
        yield [
            number,
            c.pk,
            seeker.full_name,
            seeker.nik if full_nik else mask_nik(seeker.nik),
            seeker.get_gender_display(),
            seeker.birth_date if full_nik else seeker.age,
            seeker.education_level.name if seeker.education_level else "",
            seeker.domicile_kecamatan.name if seeker.domicile_kecamatan else seeker.domicile_outside,
            _("yes") if c.local_resident else _("no"),
            c.intake.name,
            str(c.intake.organisation),
            c.get_status_display(),
            c.next_stage.name if c.next_stage else "",
            c.status_reason,
            c.applied_at,
        ]


def response(candidacies, *, fmt, filename, full_nik=False):
    make = exports.xlsx_response if fmt == "xlsx" else exports.csv_response
    return make(filename, header(full_nik=full_nik), rows(candidacies, full_nik=full_nik))
