"""Who may apply for an intake, and in plain words every reason why not.

The intake page shows these reasons before anyone clicks, and `candidacy_apply` checks them
again under the intake's row lock: one list of rules for both. Every failing rule is reported,
not only the first. Days are Asia/Jakarta days (`timezone.localdate`): at 00:01 in Bekasi it is
already the next day, though UTC still says the day before.
"""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from seekers.models import JobSeeker, LanguageSkill

from .models import JLPT_RANK, Candidacy, JapaneseLevel


def seekers_for_eligibility():
    """JobSeekers with what the rules read prefetched (profile completeness, languages)."""
    return JobSeeker.objects.select_related("education_level").prefetch_related(
        "educations", "skills", "documents", "languages"
    )


def _date(value):
    return formats.date_format(value, "j F Y")


def registration_problems(intake, *, day=None) -> list[ValidationError]:
    day = day or timezone.localdate()
    if not intake.is_published:
        return [ValidationError(_("This intake is not open for registration."), code="registration_closed")]
    if day < intake.registration_opens:
        return [
            ValidationError(
                _("Registration for this intake opens on %(date)s (Western Indonesian Time).")
                % {"date": _date(intake.registration_opens)},
                code="registration_not_open",
            )
        ]
    if day > intake.registration_closes:
        return [
            ValidationError(
                _("Registration for this intake closed at the end of %(date)s (Western Indonesian Time).")
                % {"date": _date(intake.registration_closes)},
                code="registration_closed",
            )
        ]
    if intake.is_full:
        return [
            ValidationError(
                _("This intake is full: all %(quota)s places are taken.") % {"quota": intake.quota}, code="full"
            )
        ]
    return []


def _japanese_level(seeker) -> str:
    for language in seeker.languages.all():
        if language.language == LanguageSkill.Language.JAPANESE:
            return language.level
    return JapaneseLevel.NONE


def _age_rule(low, high):
    if low is not None and high is not None:
        return _("aged %(min)s to %(max)s") % {"min": low, "max": high}
    if low is not None:
        return _("aged %(min)s or over") % {"min": low}
    return _("aged %(max)s or under") % {"max": high}


def profile_problems(seeker, intake, *, height_cm=None, weight_kg=None) -> list[ValidationError]:
    """The intake's rules applied to the seeker's profile and the measurements they give."""
    if seeker is None:
        return [ValidationError(_("Create your job-seeker profile first."), code="no_profile")]
    problems = []
    if not seeker.is_complete:
        items = ", ".join(str(label) for _url, label in seeker.missing_items)
        problems.append(
            ValidationError(
                _("Complete your profile first (missing: %(items)s).") % {"items": items}, code="incomplete"
            )
        )
    women = seeker.gender == JobSeeker.Gender.FEMALE
    if (women and not intake.accepts_women) or (not women and not intake.accepts_men):
        problems.append(
            ValidationError(
                _("This intake is only for men.") if women else _("This intake is only for women."),
                code="gender",
            )
        )
    else:
        low, high = intake.age_range(seeker.gender)
        age = seeker.age_on(intake.reference_date)
        if (low is not None and age < low) or (high is not None and age > high):
            problems.append(
                ValidationError(
                    _("Candidates must be %(rule)s on %(date)s; you will be %(age)s.")
                    % {"rule": _age_rule(low, high), "date": _date(intake.reference_date), "age": age},
                    code="age",
                )
            )
    required = intake.min_education
    if required is not None:
        level = seeker.education_level
        if level is None or level.rank < required.rank:
            problems.append(
                ValidationError(
                    _("This intake requires at least %(required)s education; your profile says %(yours)s.")
                    % {"required": required.name, "yours": level.name if level else _("none")},
                    code="education",
                )
            )
    if intake.min_japanese_level:
        yours = _japanese_level(seeker)
        if JLPT_RANK[yours] < JLPT_RANK[intake.min_japanese_level]:
            problems.append(
                ValidationError(
                    _("This intake requires Japanese at %(required)s or better; your profile says %(yours)s.")
                    % {
                        "required": JapaneseLevel(intake.min_japanese_level).label,
                        "yours": JapaneseLevel(yours).label,
                    },
                    code="japanese",
                )
            )
    if intake.min_height_cm and height_cm is not None and height_cm < intake.min_height_cm:
        problems.append(
            ValidationError(
                _("The minimum height is %(min)s cm; you gave %(yours)s cm.")
                % {"min": intake.min_height_cm, "yours": height_cm},
                code="height",
            )
        )
    if intake.min_weight_kg and weight_kg is not None and weight_kg < intake.min_weight_kg:
        problems.append(
            ValidationError(
                _("The minimum weight is %(min)s kg; you gave %(yours)s kg.")
                % {"min": intake.min_weight_kg, "yours": weight_kg},
                code="weight",
            )
        )
    if Candidacy.objects.filter(seeker=seeker).active().exists():
        problems.append(
            ValidationError(_("You already have an internship candidacy in progress; one at a time."), code="duplicate")
        )
    return problems


def eligibility_problems(*, seeker, intake, day=None, height_cm=None, weight_kg=None) -> list[ValidationError]:
    """Everything that stops `seeker` (a JobSeeker or None) from applying for `intake` on `day`."""
    return registration_problems(intake, day=day) + profile_problems(
        seeker, intake, height_cm=height_cm, weight_kg=weight_kg
    )
