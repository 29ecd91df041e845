"""Overseas (Japan) internships: schemes, sending organisations, intakes with their ordered
selection stages, candidacies, documents, deployment abroad, personal-data transfers and return.

The programme is data, not code: a scheme (the technical-intern scheme, its 2027 successor
"employment for skill development", another country's) and each intake's list of stages are
rows. Statuses move only through `overseas.services` (which call `core.workflow.transition`);
every service that records a stage or moves a candidacy locks the candidacy row first.
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import EducationLevel
from core.workflow import Workflow
from placements.models import Employer, Placement
from seekers.models import JobSeeker

# JLPT levels, lowest first: "at least N4" is `JLPT_RANK[level] >= JLPT_RANK["N4"]`.
JLPT_LEVELS = ("jlpt_none", "N5", "N4", "N3", "N2", "N1")
JLPT_RANK = {level: rank for rank, level in enumerate(JLPT_LEVELS)}


class JapaneseLevel(models.TextChoices):
    NONE = "jlpt_none", _("No JLPT")
    N5 = "N5", "JLPT N5"
    N4 = "N4", "JLPT N4"
    N3 = "N3", "JLPT N3"
    N2 = "N2", "JLPT N2"
    N1 = "N1", "JLPT N1"


class Prefecture(models.TextChoices):
    """The 47 prefectures of Japan (where an intern works)."""

    HOKKAIDO = "hokkaido", "Hokkaido"
    AOMORI = "aomori", "Aomori"
    IWATE = "iwate", "Iwate"
    MIYAGI = "miyagi", "Miyagi"
    AKITA = "akita", "Akita"
    YAMAGATA = "yamagata", "Yamagata"
    FUKUSHIMA = "fukushima", "Fukushima"
    IBARAKI = "ibaraki", "Ibaraki"
    TOCHIGI = "tochigi", "Tochigi"
    GUNMA = "gunma", "Gunma"
    SAITAMA = "saitama", "Saitama"
    CHIBA = "chiba", "Chiba"
    TOKYO = "tokyo", "Tokyo"
    KANAGAWA = "kanagawa", "Kanagawa"
    NIIGATA = "niigata", "Niigata"
    TOYAMA = "toyama", "Toyama"
    ISHIKAWA = "ishikawa", "Ishikawa"
    FUKUI = "fukui", "Fukui"
    YAMANASHI = "yamanashi", "Yamanashi"
    NAGANO = "nagano", "Nagano"
    GIFU = "gifu", "Gifu"
    SHIZUOKA = "shizuoka", "Shizuoka"
    AICHI = "aichi", "Aichi"
    MIE = "mie", "Mie"
    SHIGA = "shiga", "Shiga"
    KYOTO = "kyoto", "Kyoto"
    OSAKA = "osaka", "Osaka"
    HYOGO = "hyogo", "Hyogo"
    NARA = "nara", "Nara"
    WAKAYAMA = "wakayama", "Wakayama"
    TOTTORI = "tottori", "Tottori"
    SHIMANE = "shimane", "Shimane"
    OKAYAMA = "okayama", "Okayama"
    HIROSHIMA = "hiroshima", "Hiroshima"
    YAMAGUCHI = "yamaguchi", "Yamaguchi"
    TOKUSHIMA = "tokushima", "Tokushima"
    KAGAWA = "kagawa", "Kagawa"
    EHIME = "ehime", "Ehime"
    KOCHI = "kochi", "Kochi"
    FUKUOKA = "fukuoka", "Fukuoka"
    SAGA = "saga", "Saga"
    NAGASAKI = "nagasaki", "Nagasaki"
    KUMAMOTO = "kumamoto", "Kumamoto"
    OITA = "oita", "Oita"
    MIYAZAKI = "miyazaki", "Miyazaki"
    KAGOSHIMA = "kagoshima", "Kagoshima"
    OKINAWA = "okinawa", "Okinawa"


def add_months(day, months: int):
    """`day` plus `months` calendar months; a day that does not exist in the target month becomes
    that month's last day (29 February 2028 + 12 months = 28 February 2029)."""
    return day + relativedelta(months=months)


class Scheme(models.Model):
    """A programme under which people are sent abroad (e.g. Japan's technical-intern training, or
    from 2027 its successor, "employment for skill development")."""

    country = models.CharField(_("country"), max_length=60, default="Jepang")
    name = models.CharField(_("name"), max_length=150, unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"))
    max_extension_months = models.PositiveSmallIntegerField(_("extensions allowed (months in total)"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        constraints = [
            models.CheckConstraint(condition=Q(duration_months__gt=0), name="overseas_scheme_duration_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"


class OrganisationScopedQuerySet(models.QuerySet):
    """The one scoping rule of this app: staff with the model's view permission (Disnaker) see
    every row; sending-organisation staff the rows of their own organisation; a job seeker what
    `for_seeker` allows; others nothing. Views, the admin and the exports all start from here."""

    view_permission = ""
    organisation_path = ""  # the lookup from this model to its SendingOrganisation, ending in "__"
    seeker_path = None  # the lookup from this model to JobSeeker's user, or None

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(self.view_permission):
            return self
        if hasattr(user, "sending_organisation_staff") and user.has_perm("overseas.access_sending_org_pages"):
            return self.filter(**{f"{self.organisation_path}staff__user": user})
        if self.seeker_path:
            return self.filter(**{self.seeker_path: user})
        return self.none()


class SendingOrganisationQuerySet(OrganisationScopedQuerySet):
    view_permission = "overseas.view_sendingorganisation"


class SendingOrganisation(models.Model):
    """IM Japan (the national programme), or a licensed training and sending institution."""

    class Kind(models.TextChoices):
        IM_JAPAN = "im_japan", _("IM Japan (national programme)")
        LPK_SO = "lpk_so", _("Licensed training and sending institution (LPK-SO)")
        GOVERNMENT = "government", _("Government (Kemnaker / BP2MI)")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    licence_number = models.CharField(_("licence number"), max_length=80, blank=True)
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = SendingOrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sending organisation")
        verbose_name_plural = _("sending organisations")

    def __str__(self):
        return self.short_name or self.name

    def licence_valid_on(self, day) -> bool:
        return self.kind == self.Kind.IM_JAPAN or (
            bool(self.licence_number) and (self.licence_valid_until is None or self.licence_valid_until >= day)
        )


class SendingOrganisationStaff(models.Model):
    """Links a sending-organisation account (role `sending_org_staff`) to its one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sending_organisation_staff",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        SendingOrganisation, on_delete=models.CASCADE, related_name="staff", verbose_name=_("sending organisation")
    )

    class Meta:
        verbose_name = _("sending-organisation staff member")
        verbose_name_plural = _("sending-organisation staff")
        permissions = [("access_sending_org_pages", _("Can use the pages of a sending organisation"))]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class IntakeQuerySet(OrganisationScopedQuerySet):
    view_permission = "overseas.view_intake"
    organisation_path = "organisation__"

    def published(self):
        return self.filter(is_published=True)

    def open_on(self, day):
        return self.published().filter(registration_opens__lte=day, registration_closes__gte=day)


class Intake(models.Model):
    """One year's recruitment of a scheme by a sending organisation, with its eligibility rules.

    Rules that the portal can check are fields; what it cannot check (no tattoos, no piercings,
    not colour-blind) is text that staff check during selection."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="intakes", verbose_name=_("scheme"))
    organisation = models.ForeignKey(
        SendingOrganisation, on_delete=models.PROTECT, related_name="intakes", verbose_name=_("sending organisation")
    )
    name = models.CharField(_("name"), max_length=150)
    year = models.PositiveSmallIntegerField(_("year"))
    quota = models.PositiveIntegerField(_("quota (candidates)"))
    description = models.TextField(_("description"), blank=True)
    # Whole days in Asia/Jakarta, both inclusive: open from 00:00 on the first day to 23:59 on the last.
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(_("registration closes"))
    reference_date = models.DateField(
        _("age reference date"), help_text=_("Ages are computed on this day (usually the selection day).")
    )
    planned_departure = models.DateField(_("planned departure"), null=True, blank=True)
    accepts_men = models.BooleanField(_("accepts men"), default=True)
    accepts_women = models.BooleanField(_("accepts women"), default=True)
    min_age_men = models.PositiveSmallIntegerField(_("minimum age (men)"), null=True, blank=True)
    max_age_men = models.PositiveSmallIntegerField(_("maximum age (men)"), null=True, blank=True)
    min_age_women = models.PositiveSmallIntegerField(_("minimum age (women)"), null=True, blank=True)
    max_age_women = models.PositiveSmallIntegerField(_("maximum age (women)"), null=True, blank=True)
    min_education = models.ForeignKey(
        EducationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minimum education"),
    )
    min_height_cm = models.PositiveSmallIntegerField(_("minimum height (cm)"), null=True, blank=True)
    min_weight_kg = models.PositiveSmallIntegerField(_("minimum weight (kg)"), null=True, blank=True)
    min_japanese_level = models.CharField(_("minimum Japanese level"), max_length=10, choices=JapaneseLevel, blank=True)
    other_requirements = models.TextField(
        _("other requirements"), blank=True, help_text=_("E.g. no tattoos or piercings; checked by staff.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    # Active candidacies (applied, in selection, passed, departed): the quota counter. Changed
    # only by services, under the intake's row lock.
    candidates_count = models.PositiveIntegerField(_("active candidates"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = IntakeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes__gte=F("registration_opens")),
                name="overseas_intake_window_valid",
            ),
            models.CheckConstraint(condition=Q(quota__gt=0), name="overseas_intake_quota_positive"),
            models.CheckConstraint(
                condition=Q(candidates_count__lte=F("quota")), name="overseas_intake_candidates_within_quota"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("overseas:intake", args=[self.pk])

    def clean(self):
        if self.registration_opens and self.registration_closes and self.registration_closes < self.registration_opens:
            raise ValidationError({"registration_closes": _("Registration cannot close before it opens.")})
        for low, high in (("min_age_men", "max_age_men"), ("min_age_women", "max_age_women")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and hi < lo:
                raise ValidationError({high: _("The maximum age is below the minimum age.")})

    def registration_is_open(self, day) -> bool:
        return self.is_published and self.registration_opens <= day <= self.registration_closes

    @property
    def is_full(self) -> bool:
        return self.candidates_count >= self.quota

    @property
    def seats_left(self) -> int:
        return max(self.quota - self.candidates_count, 0)

    def age_range(self, gender):
        if gender == JobSeeker.Gender.FEMALE:
            return self.min_age_women, self.max_age_women
        return self.min_age_men, self.max_age_men


class IntakeStage(models.Model):
    """One selection stage of an intake, in its place in the list (the list is data per intake)."""

    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("Administrative check")
        MATHEMATICS = "mathematics", _("Mathematics test")
        PHYSICAL = "physical", _("Physical and endurance test")
        INTERVIEW = "interview", _("Interview")
        MEDICAL = "medical", _("Medical check")
        JAPANESE = "japanese", _("Japanese test")
        SKILLS = "skills", _("Skills test")
        TRAINING = "training", _("Pre-departure training")
        OTHER = "other", _("Other")

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="stages", verbose_name=_("intake"))
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind, default=Kind.OTHER)
    pass_score = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=2, null=True, blank=True)
    scheduled_on = models.DateField(_("scheduled on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        ordering = ["intake", "position"]
        verbose_name = _("selection stage")
        verbose_name_plural = _("selection stages")
        constraints = [
            models.UniqueConstraint(fields=["intake", "position"], name="overseas_stage_position_unique"),
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"


class CandidacyQuerySet(OrganisationScopedQuerySet):
    view_permission = "overseas.view_candidacy"
    organisation_path = "intake__organisation__"
    seeker_path = "seeker__user"

    def active(self):
        return self.filter(status__in=Candidacy.ACTIVE_STATUSES)


class Candidacy(models.Model):
    """A job seeker's application for an intake, from registration to return."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Registered")
        IN_SELECTION = "in_selection", _("In selection")
        PASSED = "passed", _("Passed selection, preparing departure")
        DEPARTED = "departed", _("Abroad")
        RETURNED = "returned", _("Returned")
        FAILED = "failed", _("Did not pass")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ACTIVE_STATUSES = (Status.APPLIED, Status.IN_SELECTION, Status.PASSED, Status.DEPARTED)
    SELECTION_STATUSES = (Status.APPLIED, Status.IN_SELECTION)

    workflow = Workflow(
        {
            Status.APPLIED: {Status.IN_SELECTION, Status.PASSED, Status.FAILED, Status.WITHDRAWN},
            Status.IN_SELECTION: {Status.IN_SELECTION, Status.PASSED, Status.FAILED, Status.WITHDRAWN},
            Status.PASSED: {Status.DEPARTED, Status.WITHDRAWN},
            Status.DEPARTED: {Status.RETURNED},
        },
        reason_required={Status.FAILED, Status.WITHDRAWN},
    )

    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="candidacies", verbose_name=_("intake"))
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="candidacies", verbose_name=_("job seeker")
    )
    status = models.CharField(_("status"), max_length=15, choices=Status, default=Status.APPLIED)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    # The stage to be recorded next (None once every stage is passed, or the candidacy ended).
    next_stage = models.ForeignKey(
        IntakeStage, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("next stage")
    )
    height_cm = models.PositiveSmallIntegerField(_("height (cm)"))
    weight_kg = models.PositiveSmallIntegerField(_("weight (kg)"))
    local_resident = models.BooleanField(_("resident of Kabupaten Bekasi"), default=False)
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    passed_on = models.DateField(_("passed selection on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at", "-id"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints = [
            # One candidacy in progress per person: a double click is one application.
            models.UniqueConstraint(
                fields=["seeker"],
                condition=Q(status__in=["applied", "in_selection", "passed", "departed"]),
                name="overseas_candidacy_one_active_per_seeker",
            ),
        ]
        indexes = [
            # The pipeline and the staff list: an intake's candidates by status and stage.
            models.Index(fields=["intake", "status", "next_stage"], name="overseas_cand_pipeline_idx"),
            models.Index(fields=["status", "-applied_at"], name="overseas_cand_status_idx"),
            # The staff candidate list of one intake, newest first (ids-first pagination).
            models.Index(fields=["intake", "-applied_at", "-id"], name="overseas_cand_intake_new_idx"),
        ]

    def __str__(self):
        return f"{self.seeker} – {self.intake}"

    def get_absolute_url(self):
        return reverse("overseas:my_candidacy")

    def get_staff_url(self):
        return reverse("overseas:staff_candidacy", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class StageResult(models.Model):
    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    candidacy = models.ForeignKey(
        Candidacy, on_delete=models.CASCADE, related_name="results", verbose_name=_("candidacy")
    )
    stage = models.ForeignKey(IntakeStage, on_delete=models.PROTECT, related_name="results", verbose_name=_("stage"))
    held_on = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=10, choices=Result)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("examiner's note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["stage__position"]
        verbose_name = _("stage result")
        verbose_name_plural = _("stage results")
        constraints = [
            # The last guard against a stage recorded twice (the candidacy lock is the first).
            models.UniqueConstraint(fields=["candidacy", "stage"], name="overseas_result_once_per_stage"),
        ]
        indexes = [models.Index(fields=["stage", "result"], name="overseas_result_stage_idx")]

    def __str__(self):
        return f"{self.stage}: {self.get_result_display()}"


class CandidateDocument(models.Model):
    """A travel or work document of a candidate: number, issue and expiry dates."""

    class Kind(models.TextChoices):
        PASSPORT = "passport", _("Passport")
        MEDICAL = "medical", _("Medical certificate")
        COE = "coe", _("Certificate of Eligibility")
        VISA = "visa", _("Visa")
        CONTRACT = "contract", _("Employment contract")

    candidacy = models.ForeignKey(
        Candidacy, on_delete=models.CASCADE, related_name="documents", verbose_name=_("candidacy")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("candidate document")
        verbose_name_plural = _("candidate documents")
        constraints = [
            models.UniqueConstraint(fields=["candidacy", "kind"], name="overseas_document_one_per_kind"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("issued_on")),
                name="overseas_document_expires_after_issue",
            ),
        ]
        indexes = [models.Index(fields=["expires_on"], name="overseas_doc_expires_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class DeploymentQuerySet(OrganisationScopedQuerySet):
    view_permission = "overseas.view_deployment"
    organisation_path = "candidacy__intake__organisation__"
    seeker_path = "candidacy__seeker__user"


class Deployment(models.Model):
    """The time abroad: where, for whom, from when until when."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Working abroad")
        EXTENDED = "extended", _("Extended")
        TRANSFERRED = "transferred", _("Transferred to the new scheme")
        RETURNED = "returned", _("Returned")
        RETURNED_EARLY = "returned_early", _("Returned early")

    ABROAD_STATUSES = (Status.ACTIVE, Status.EXTENDED, Status.TRANSFERRED)

    workflow = Workflow(
        {
            Status.ACTIVE: {Status.EXTENDED, Status.TRANSFERRED, Status.RETURNED, Status.RETURNED_EARLY},
            Status.EXTENDED: {Status.EXTENDED, Status.TRANSFERRED, Status.RETURNED, Status.RETURNED_EARLY},
            Status.TRANSFERRED: {Status.RETURNED, Status.RETURNED_EARLY},
        },
        reason_required={Status.RETURNED_EARLY, Status.TRANSFERRED},
    )

    candidacy = models.OneToOneField(
        Candidacy, on_delete=models.CASCADE, related_name="deployment", verbose_name=_("candidacy")
    )
    host_company = models.CharField(_("host company"), max_length=150)
    supervising_organisation = models.CharField(_("supervising organisation in Japan"), max_length=150, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=12, choices=Prefecture)
    job_field = models.CharField(_("job field"), max_length=100)
    departure_date = models.DateField(_("departure date"))
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"))
    extension_months = models.PositiveSmallIntegerField(_("extension (months)"), default=0)
    contract_end = models.DateField(_("contract ends"))
    emergency_contact_name = models.CharField(_("emergency contact"), max_length=150)
    emergency_contact_phone = models.CharField(_("emergency contact phone"), max_length=20)
    emergency_contact_relation = models.CharField(_("relationship"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status, default=Status.ACTIVE)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = DeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["-departure_date", "-id"]
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_end__gt=F("departure_date")), name="overseas_deployment_ends_after_departure"
            ),
        ]
        indexes = [
            models.Index(fields=["departure_date"], name="overseas_dep_departure_idx"),
            models.Index(fields=["contract_end"], name="overseas_dep_contract_end_idx"),
            models.Index(fields=["prefecture", "host_company"], name="overseas_dep_place_idx"),
        ]

    def __str__(self):
        return f"{self.candidacy.seeker} – {self.host_company}"

    @staticmethod
    def compute_contract_end(departure_date, duration_months, extension_months=0):
        return add_months(departure_date, duration_months + extension_months)

    @property
    def is_abroad(self) -> bool:
        return self.status in self.ABROAD_STATUSES


class DataTransfer(models.Model):
    """Personal data sent abroad (UU 27/2022 on personal-data protection, art. 56): what, to whom,
    on which legal basis."""

    class LegalBasis(models.TextChoices):
        ADEQUATE = "adequate", _("The recipient's country protects personal data at least as well")
        SAFEGUARDS = "safeguards", _("Adequate and binding safeguards (contract with the recipient)")
        CONSENT = "consent", _("Consent of the person")

    candidacy = models.ForeignKey(
        Candidacy, on_delete=models.CASCADE, related_name="data_transfers", verbose_name=_("candidacy")
    )
    recipient = models.CharField(_("recipient"), max_length=150)
    recipient_country = models.CharField(_("recipient's country"), max_length=60, default="Jepang")
    legal_basis = models.CharField(_("legal basis"), max_length=12, choices=LegalBasis)
    data_categories = models.CharField(
        _("data sent"), max_length=255, help_text=_("E.g. identity, passport, education, medical results.")
    )
    purpose = models.CharField(_("purpose"), max_length=255)
    transferred_on = models.DateField(_("sent on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["-transferred_on", "-id"]
        verbose_name = _("personal-data transfer abroad")
        verbose_name_plural = _("personal-data transfers abroad")

    def __str__(self):
        return f"{self.recipient} ({self.transferred_on})"


class ReturnRecord(models.Model):
    """What a person brought home, and what they want to do next."""

    class Intention(models.TextChoices):
        JAPANESE_COMPANY = "japanese_company", _("Work at a Japanese-affiliated company in Bekasi")
        OTHER_EMPLOYMENT = "other_employment", _("Work at another company")
        BUSINESS = "business", _("Start a business")
        ABROAD = "abroad", _("Continue abroad")
        OTHER = "other", _("Other")

    candidacy = models.OneToOneField(
        Candidacy, on_delete=models.CASCADE, related_name="return_record", verbose_name=_("candidacy")
    )
    returned_on = models.DateField(_("returned on"))
    early = models.BooleanField(_("returned early"), default=False)
    skill_level = models.CharField(
        _("certificate or skill level reached"),
        max_length=150,
        blank=True,
        help_text=_("E.g. “Technical intern skill test, level 3 (senmonkyu)”."),
    )
    japanese_level = models.CharField(_("Japanese level"), max_length=10, choices=JapaneseLevel, blank=True)
    intention = models.CharField(_("intention"), max_length=20, choices=Intention)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # The placement that followed (placements app), set through `services.return_link_placement`;
    # `replaced_on` is its start date, for the "re-placed within 6 months" figure.
    placement = models.ForeignKey(
        Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("placement")
    )
    replaced_on = models.DateField(_("re-placed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["-returned_on", "-id"]
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        indexes = [
            models.Index(fields=["returned_on"], name="overseas_return_day_idx"),
            # The staff returnee list, newest return first (selectors.returnees).
            models.Index(fields=["-returned_on", "-candidacy"], name="overseas_return_list_idx"),
        ]

    def __str__(self):
        return f"{self.candidacy.seeker} ({self.returned_on})"

    @property
    def replaced_within_six_months(self) -> bool:
        return self.replaced_on is not None and self.replaced_on <= add_months(self.returned_on, 6)


class JapaneseAffiliation(models.Model):
    """An employer of the placements app that is Japanese-affiliated (a Japanese parent company or
    shareholder): its vacancies are proposed to returnees first. Kept here, not on the employer,
    because it matters only to the Japan programme."""

    employer = models.OneToOneField(
        Employer, on_delete=models.CASCADE, related_name="japanese_affiliation", verbose_name=_("employer")
    )
    parent_company = models.CharField(_("Japanese parent company or shareholder"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("Japanese-affiliated employer")
        verbose_name_plural = _("Japanese-affiliated employers")

    def __str__(self):
        return str(self.employer)
