"""Who may apply for a batch, and in plain words why not.

The programme page shows these reasons before anyone clicks, and `enrolment_apply` checks them
again: one list of rules for both. Pass a seeker loaded with
`seekers_with_profile()` (educations, skills and documents prefetched) to keep it query-free.
"""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from seekers.models import JobSeeker


def seekers_with_profile():
    """JobSeekers with what `is_complete` reads, in one query (annotations)."""
    return JobSeeker.objects.with_completeness().select_related("education_level")


def _date(value):
    return formats.date_format(value, "j F Y")


def registration_problems(batch, day=None) -> list[ValidationError]:
    day = day or timezone.localdate()
    if batch.registration_is_open(day):
        return []
    if batch.status == batch.Status.PUBLISHED and day < batch.registration_opens:
        message = _("Registration for this batch opens on %(date)s.") % {"date": _date(batch.registration_opens)}
    elif batch.status == batch.Status.PUBLISHED:
        message = _("Registration for this batch closed on %(date)s.") % {"date": _date(batch.registration_closes)}
    else:
        message = _("This batch is not open for registration.")
    return [ValidationError(message, code="registration_closed")]


def profile_problems(seeker, program, *, on) -> list[ValidationError]:
    """The programme's rules applied to the seeker's profile; `on` is the batch's first day."""
    problems = []
    if seeker is None:
        return [ValidationError(_("Create your job-seeker profile first."), code="no_profile")]
    if not seeker.is_complete:
        items = ", ".join(str(label) for _url, label in seeker.missing_items)
        problems.append(
            ValidationError(
                _("Complete your profile first (missing: %(items)s).") % {"items": items}, code="incomplete"
            )
        )
    required = program.min_education
    if required is not None:
        level = seeker.education_level
        if level is None or level.rank < required.rank:
            problems.append(
                ValidationError(
                    _("This programme requires at least %(required)s education; your profile says %(yours)s.")
                    % {"required": required.name, "yours": level.name if level else _("none")},
                    code="education",
                )
            )
    age = seeker.age_on(on)
    low, high = program.min_age, program.max_age
    if (low is not None and age < low) or (high is not None and age > high):
        if low is not None and high is not None:
            rule = _("people aged %(min)s to %(max)s") % {"min": low, "max": high}
        elif low is not None:
            rule = _("people aged %(min)s or over") % {"min": low}
        else:
            rule = _("people aged %(max)s or under") % {"max": high}
        problems.append(
            ValidationError(
                _("This programme is for %(rule)s on the first day; you will be %(age)s.") % {"rule": rule, "age": age},
                code="age",
            )
        )
    if program.local_only and not seeker.is_local:
        problems.append(
            ValidationError(
                _(
                    "This programme is only for residents of Kabupaten Bekasi, and your profile gives a domicile "
                    "outside the regency."
                ),
                code="not_local",
            )
        )
    return problems


def eligibility_problems(*, seeker, batch, day=None) -> list[ValidationError]:
    """Everything that stops `seeker` (a JobSeeker or None) from applying for `batch` today."""
    return registration_problems(batch, day) + profile_problems(seeker, batch.program, on=batch.start_date)
