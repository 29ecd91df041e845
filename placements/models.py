"""Placements: employers, vacancies, applications, placements of people into work, their
follow-up, and reports of brokers (calo).

Statuses move only through `placements.services` (which call `core.workflow.transition`).
Every queryset a role can see starts from `<Model>.objects.for_user(user)`: Disnaker staff see
every row, employer staff the rows of their own (verified) employer, partner-institution staff
the placements of their own graduates, a seeker their own applications and placements.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.models import EducationLevel, Kecamatan, Sector
from core.workflow import Workflow
from seekers.models import JobSeeker
from seekers.storage import private_storage
from trainings.models import Enrolment, Program, Provider

validate_nib = RegexValidator(r"^\d{13}$", _("The NIB is 13 digits."), code="invalid_nib")


def evidence_upload_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"placements/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{extension}"


# --- Reference data (loaded by migration 0002, editable in the admin) ----------------------------


class OccupationGroup(models.Model):
    """A sub-major group (two digits) of KBJI 2014, the Indonesian classification of occupations
    that follows ISCO-08."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation group (KBJI 2014)")
        verbose_name_plural = _("occupation groups (KBJI 2014)")

    def __str__(self):
        return f"{self.code} – {self.name}"


class MinimumWage(models.Model):
    """The regency minimum wage (UMK) of Kabupaten Bekasi for one year, with its legal basis."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("monthly amount (Rp)"), max_digits=12, decimal_places=0)
    source = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("regency minimum wage (UMK)")
        verbose_name_plural = _("regency minimum wages (UMK)")

    def __str__(self):
        return f"UMK {self.year}"

    @classmethod
    def for_year(cls, year):
        """The UMK in force in `year` (the latest known one up to that year), or None."""
        return cls.objects.filter(year__lte=year).order_by("-year").first()


class IndustrialEstate(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kecamatan")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("industrial estate")
        verbose_name_plural = _("industrial estates")

    def __str__(self):
        return self.name


# --- Scoping ----------------------------------------------------------------------------------


def _is_employer(user) -> bool:
    return user.has_role(Role.EMPLOYER)


def _is_partner(user) -> bool:
    return user.has_perm("accounts.access_partner_portal")


class ScopedQuerySet(models.QuerySet):
    """The one scoping rule of this app (see the module docstring). Subclasses name the path to
    the employer (`employer_path`) and to the training provider (`provider_path`, optional) and
    what a seeker sees (`for_seeker`)."""

    view_permission = ""
    employer_path = ""
    provider_path = None

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        # The role first: it is read from the groups the page loads anyway; permissions cost
        # two more queries.
        if _is_employer(user) and not user.is_staff:
            return self.filter(
                **{
                    f"{self.employer_path}staff__user": user,
                    f"{self.employer_path}staff__status": EmployerStaff.Status.VERIFIED,
                }
            )
        if user.has_perm(self.view_permission):
            return self
        if self.provider_path is not None and _is_partner(user):
            return self.filter(**{f"{self.provider_path}staff__user": user})
        return self.for_seeker(user)

    def for_seeker(self, user):
        return self.none()


# --- Employers -----------------------------------------------------------------------------------


class EmployerQuerySet(ScopedQuerySet):
    view_permission = "placements.view_employer"

    def verified(self):
        return self.filter(verified_at__isnull=False)

    def annotate_open_vacancies(self):
        today = timezone.localdate()
        return self.annotate(
            open_vacancies=models.Count(
                "vacancies", filter=Q(vacancies__status="published", vacancies__closing_date__gte=today)
            )
        )


class Employer(models.Model):
    class Size(models.TextChoices):
        MICRO = "micro", _("Micro (1-4 people)")
        SMALL = "small", _("Small (5-19 people)")
        MEDIUM = "medium", _("Medium (20-99 people)")
        LARGE = "large", _("Large (100 people or more)")

    name = models.CharField(_("name"), max_length=200)
    nib = models.CharField(
        _("NIB (business identification number)"),
        max_length=13,
        unique=True,
        validators=[validate_nib],
        error_messages={"unique": _("A company with this NIB is already registered.")},
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sector (KBLI)")
    )
    kbli_code = models.CharField(
        _("KBLI code"), max_length=5, blank=True, validators=[RegexValidator(r"^\d{5}$", _("Five digits."))]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kecamatan")
    )
    industrial_estate = models.ForeignKey(
        IndustrialEstate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("industrial estate"),
    )
    size = models.CharField(_("size"), max_length=10, choices=Size, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Null until Disnaker has checked the NIB: unverified employers appear nowhere public.
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [models.Index(fields=["name"], condition=Q(verified_at__isnull=False), name="pl_emp_verified_idx")]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class HiringCommitment(models.Model):
    """An employer's local-hiring commitment for one year: a share of its hires, or a number."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="commitments")
    year = models.PositiveSmallIntegerField(_("year"))
    committed_share = models.DecimalField(
        _("committed local share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    committed_number = models.PositiveIntegerField(_("committed local hires"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("local-hiring commitment")
        verbose_name_plural = _("local-hiring commitments")
        constraints = [
            models.UniqueConstraint(fields=["employer", "year"], name="placements_commitment_one_per_year"),
            models.CheckConstraint(
                condition=Q(committed_share__isnull=False) | Q(committed_number__isnull=False),
                name="placements_commitment_share_or_number",
            ),
            models.CheckConstraint(
                condition=Q(committed_share__isnull=True) | Q(committed_share__gte=0, committed_share__lte=100),
                name="placements_commitment_share_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.employer} {self.year}"


class EmployerStaffQuerySet(ScopedQuerySet):
    view_permission = "placements.view_employerstaff"
    employer_path = "employer__"


class EmployerStaff(models.Model):
    """A company's HR officer: requests an account with the NIB and a letter of assignment;
    Disnaker verifies it; from then on the officer works for this one employer only."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        REVOKED = "revoked", _("Revoked")

    workflow = Workflow(
        {
            Status.REQUESTED: {Status.VERIFIED, Status.REJECTED},
            Status.VERIFIED: {Status.REVOKED},
            Status.REVOKED: {Status.VERIFIED},
        },
        reason_required={Status.REJECTED, Status.REVOKED},
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_staff", verbose_name=_("user")
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="staff", verbose_name=_("employer"))
    position = models.CharField(_("position"), max_length=100, blank=True)
    letter = models.FileField(
        _("letter of assignment"), storage=private_storage, upload_to=evidence_upload_path, blank=True
    )
    letter_content_type = models.CharField(max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REQUESTED)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerStaffQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("employer staff member")
        verbose_name_plural = _("employer staff")
        permissions = [("access_employer_portal", _("Can use the employer pages"))]

    def __str__(self):
        return f"{self.user} – {self.employer}"


# --- Vacancies -----------------------------------------------------------------------------------


class ContractType(models.TextChoices):
    PKWT = "pkwt", _("Fixed-term contract (PKWT)")
    PKWTT = "pkwtt", _("Permanent (PKWTT)")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship (magang)")
    OWN_BUSINESS = "own_business", _("Own business")
    OVERSEAS = "overseas", _("Overseas")


class VacancyQuerySet(ScopedQuerySet):
    view_permission = "placements.view_vacancy"
    employer_path = "employer__"

    def published(self):
        return self.filter(status=Vacancy.Status.PUBLISHED)

    def with_applicant_count(self):
        """`applicants`: a correlated subquery, computed for the rows of the page only."""
        count = (
            Application.objects.filter(vacancy=models.OuterRef("pk"))
            .order_by()
            .values("vacancy")
            .annotate(n=models.Count("pk"))
            .values("n")[:1]
        )
        return self.annotate(applicants=Coalesce(models.Subquery(count, output_field=models.IntegerField()), 0))


class Vacancy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for verification")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        FILLED = "filled", _("Filled")
        EXPIRED = "expired", _("Expired")

    workflow = Workflow(
        {
            Status.DRAFT: {Status.SUBMITTED, Status.PUBLISHED},  # draft → published: staff posting directly
            Status.SUBMITTED: {Status.PUBLISHED, Status.DRAFT},  # back to draft: returned with a reason
            Status.PUBLISHED: {Status.CLOSED, Status.FILLED, Status.EXPIRED},
        },
        reason_required={Status.DRAFT},
    )
    CONTRACT_TYPES = (ContractType.PKWT, ContractType.PKWTT, ContractType.APPRENTICESHIP)

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("employer")
    )
    title = models.CharField(_("position"), max_length=150)
    occupation = models.ForeignKey(
        OccupationGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("occupation group (KBJI 2014)")
    )
    description = models.TextField(_("description"), blank=True)
    openings = models.PositiveSmallIntegerField(_("openings"), default=1, validators=[MinValueValidator(1)])
    contract_type = models.CharField(_("contract type"), max_length=15, choices=ContractType, default=ContractType.PKWT)
    min_education = models.ForeignKey(
        EducationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minimum education"),
    )
    skills = models.CharField(
        _("skills"), max_length=255, blank=True, help_text=_("Separated by commas, e.g. “welding, forklift”.")
    )
    relevant_programs = models.ManyToManyField(
        Program, blank=True, related_name="+", verbose_name=_("trainings that count")
    )
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="+", verbose_name=_("work location (kecamatan)")
    )
    wage_min = models.DecimalField(_("wage from (Rp/month)"), max_digits=12, decimal_places=0)
    wage_max = models.DecimalField(_("wage up to (Rp/month)"), max_digits=12, decimal_places=0)
    closing_date = models.DateField(_("closing date"))
    requires_ak1 = models.BooleanField(_("active AK/1 card required"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    # Title, employer, occupation, skills and description in one column: the full-text index
    # (PostgreSQL, migration 0003) covers it; written by the services.
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.CheckConstraint(
                condition=Q(wage_max__gte=models.F("wage_min")), name="placements_vacancy_wage_range"
            ),
        ]
        indexes = [
            # The public list: published, soonest closing or newest first.
            models.Index(fields=["closing_date", "id"], condition=Q(status="published"), name="pl_vac_closing_idx"),
            models.Index(fields=["-published_at", "-id"], condition=Q(status="published"), name="pl_vac_newest_idx"),
            # The employer's own list and the beat task.
            models.Index(fields=["employer", "status"], name="pl_vac_employer_idx"),
            models.Index(fields=["status", "closing_date"], name="pl_vac_status_idx"),
        ]

    def __str__(self):
        return f"{self.title} – {self.employer}"

    def get_absolute_url(self):
        return reverse("vacancies:detail", args=[self.pk])

    @property
    def skill_list(self) -> list[str]:
        return [s for s in (" ".join(p.split()).lower() for p in self.skills.split(",")) if s]

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.status == self.Status.PUBLISHED and self.closing_date >= day


# --- Applications --------------------------------------------------------------------------------


class ApplicationQuerySet(ScopedQuerySet):
    view_permission = "placements.view_application"
    employer_path = "vacancy__employer__"

    def for_seeker(self, user):
        return self.filter(seeker__user=user)


class Application(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by Disnaker")
        APPLIED = "applied", _("Applied")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        INTERVIEW = "interview", _("Interview")
        HIRED = "hired", _("Hired")
        NOT_HIRED = "not_hired", _("Not hired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    workflow = Workflow(
        {
            Status.PROPOSED: {Status.SHORTLISTED, Status.NOT_HIRED, Status.WITHDRAWN},
            Status.APPLIED: {Status.SHORTLISTED, Status.NOT_HIRED, Status.WITHDRAWN},
            Status.SHORTLISTED: {Status.INTERVIEW, Status.HIRED, Status.NOT_HIRED, Status.WITHDRAWN},
            Status.INTERVIEW: {Status.HIRED, Status.NOT_HIRED, Status.WITHDRAWN},
        },
    )
    OPEN_STATUSES = (Status.PROPOSED, Status.APPLIED, Status.SHORTLISTED, Status.INTERVIEW)
    BADGES = {
        Status.PROPOSED: "text-bg-info",
        Status.APPLIED: "text-bg-secondary",
        Status.SHORTLISTED: "text-bg-info",
        Status.INTERVIEW: "text-bg-primary",
        Status.HIRED: "text-bg-success",
        Status.NOT_HIRED: "text-bg-danger",
        Status.WITHDRAWN: "text-bg-light border",
    }

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="applications", verbose_name=_("vacancy")
    )
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="job_applications", verbose_name=_("job seeker")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.APPLIED)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    cover_note = models.CharField(_("cover note"), max_length=1000, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    # The fit, computed when the application is made (and again when the vacancy's requirements
    # change): the ranked list of 5,000 applicants is then an index scan, and the reasons are
    # the ones shown to the employer.
    meets_education = models.BooleanField(_("education meets the minimum"), default=False)
    skills_matched = models.PositiveSmallIntegerField(_("skills matched"), default=0)
    has_certificate = models.BooleanField(_("relevant certificate"), default=False)
    is_local = models.BooleanField(_("resident of Kabupaten Bekasi"), default=False)
    has_active_card = models.BooleanField(_("active AK/1 card"), default=False)
    fit_score = models.PositiveSmallIntegerField(_("fit"), default=0)
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at", "-pk"]
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "seeker"], name="placements_application_once_per_vacancy"),
        ]
        indexes = [
            # The ranked applicant list of one vacancy.
            models.Index(fields=["vacancy", "-fit_score", "applied_at", "id"], name="pl_app_ranked_idx"),
            # "My applications".
            models.Index(fields=["seeker", "-applied_at"], name="pl_app_seeker_idx"),
        ]

    def __str__(self):
        return f"{self.seeker} – {self.vacancy}"

    def get_absolute_url(self):
        return reverse("placements:my_applications")

    @property
    def badge_class(self) -> str:
        return self.BADGES.get(self.status, "text-bg-secondary")

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


# --- Placements ----------------------------------------------------------------------------------


class PlacementQuerySet(ScopedQuerySet):
    view_permission = "placements.view_placement"
    employer_path = "employer__"
    provider_path = "provider__"

    def for_seeker(self, user):
        return self.filter(seeker__user=user)

    def verified(self):
        return self.filter(status__in=Placement.COUNTED_STATUSES)


class Placement(models.Model):
    """A person started work: the outcome the regency counts."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        ENDED = "ended", _("Ended")

    class Channel(models.TextChoices):
        INSTITUTION = "institution", _("Partner institution")
        PORTAL = "portal", _("Vacancy on the portal")
        JOB_FAIR = "job_fair", _("Job fair")
        OWN_SEARCH = "own_search", _("Own search")
        RETURN_JAPAN = "return_japan", _("Return from Japan")

    class Reporter(models.TextChoices):
        INSTITUTION = "institution", _("Partner institution")
        EMPLOYER = "employer", _("Employer")
        DISNAKER = "disnaker", _("Disnaker")
        SEEKER = "seeker", _("Job seeker")

    workflow = Workflow(
        {
            Status.REPORTED: {Status.VERIFIED, Status.REJECTED},
            Status.VERIFIED: {Status.ENDED},
        },
        reason_required={Status.REJECTED, Status.ENDED},
    )
    # Verified placements count in every figure, also once they have ended.
    COUNTED_STATUSES = (Status.VERIFIED, Status.ENDED)
    MAX_DAYS_AHEAD = 90
    BADGES = {
        Status.REPORTED: "text-bg-warning",
        Status.VERIFIED: "text-bg-success",
        Status.REJECTED: "text-bg-danger",
        Status.ENDED: "text-bg-secondary",
    }

    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="placements", verbose_name=_("job seeker")
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("employer"),
    )
    employer_name = models.CharField(
        _("employer name"), max_length=200, blank=True, help_text=_("When the employer is not registered here.")
    )
    position = models.CharField(_("position"), max_length=150)
    occupation = models.ForeignKey(
        OccupationGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("occupation")
    )
    contract_type = models.CharField(_("contract type"), max_length=15, choices=ContractType)
    start_date = models.DateField(_("start date"))
    wage = models.DecimalField(_("monthly wage (Rp)"), max_digits=12, decimal_places=0, null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=15, choices=Channel)
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training that led to it"),
    )
    # The institution credited with the placement (the provider of the enrolment).
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("institution")
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement",
        verbose_name=_("application that led to it"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("reported by")
    )
    reporter = models.CharField(_("reported by (kind)"), max_length=12, choices=Reporter)
    # Domicile when the report was made, for the local share: a person who moves away later
    # still counts as the local hire they were.
    is_local = models.BooleanField(_("resident of Kabupaten Bekasi at the start"), default=False)
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("domicile kecamatan"),
    )
    early_start_reason = models.CharField(_("why it starts before the training ended"), max_length=255, blank=True)
    evidence = models.FileField(
        _("evidence (employment letter or contract)"),
        storage=private_storage,
        upload_to=evidence_upload_path,
        blank=True,
    )
    evidence_content_type = models.CharField(max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REPORTED)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(employer__isnull=False) | ~Q(employer_name=""), name="placements_placement_names_employer"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="placements_placement_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start_date"], name="pl_pla_status_idx"),
            models.Index(fields=["employer", "start_date"], name="pl_pla_employer_idx"),
            models.Index(fields=["provider", "start_date"], name="pl_pla_provider_idx"),
            models.Index(fields=["seeker", "-start_date"], name="pl_pla_seeker_idx"),
        ]

    def __str__(self):
        return f"{self.seeker} – {self.position} ({self.employer or self.employer_name})"

    def get_absolute_url(self):
        return reverse("placements:my_placements")

    @property
    def employer_display(self) -> str:
        return self.employer.name if self.employer_id else self.employer_name

    @property
    def badge_class(self) -> str:
        return self.BADGES.get(self.status, "text-bg-secondary")


class FollowUp(models.Model):
    """ "Do you still work there?", asked 3 and 6 months after the start date."""

    MONTHS = (3, 6)

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due on"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    asked_at = models.DateTimeField(_("asked at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    still_employed = models.BooleanField(_("still employed"), null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [models.UniqueConstraint(fields=["placement", "months"], name="placements_followup_once")]
        indexes = [models.Index(fields=["due_on"], condition=Q(asked_at__isnull=True), name="pl_fu_due_idx")]

    def __str__(self):
        return f"{self.placement} +{self.months}m"

    def get_absolute_url(self):
        return reverse("placements:follow_up", args=[self.token])


# --- Reports of brokers (calo) -------------------------------------------------------------------


class BrokerReport(models.Model):
    """Someone asked for money for a job or a placement. Anonymous allowed; staff triage it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        INVESTIGATING = "investigating", _("Being investigated")
        SUBSTANTIATED = "substantiated", _("Substantiated")
        DISMISSED = "dismissed", _("Dismissed")

    class Subject(models.TextChoices):
        BROKER = "broker", _("A broker (calo)")
        INSTITUTION = "institution", _("A training institution")
        EMPLOYER = "employer", _("A company")
        OTHER = "other", _("Someone else")

    workflow = Workflow(
        {
            Status.NEW: {Status.INVESTIGATING, Status.DISMISSED},
            Status.INVESTIGATING: {Status.SUBSTANTIATED, Status.DISMISSED},
        },
        reason_required={Status.DISMISSED, Status.SUBSTANTIATED},
    )

    subject = models.CharField(_("who asked for money"), max_length=12, choices=Subject)
    subject_name = models.CharField(_("name of the person, institution or company"), max_length=200)
    what_happened = models.TextField(_("what happened"), max_length=3000)
    amount = models.DecimalField(_("amount asked (Rp)"), max_digits=12, decimal_places=0, null=True, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("where")
    )
    reporter_name = models.CharField(_("your name (optional)"), max_length=150, blank=True)
    reporter_contact = models.CharField(_("phone or email (optional)"), max_length=150, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    status = models.CharField(_("status"), max_length=15, choices=Status, default=Status.NEW)
    status_reason = models.CharField(_("staff note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("broker report")
        verbose_name_plural = _("broker reports")
        indexes = [models.Index(fields=["status", "-created_at"], name="pl_broker_status_idx")]

    def __str__(self):
        return f"{self.get_subject_display()}: {self.subject_name}"
