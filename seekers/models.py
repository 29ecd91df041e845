import uuid
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.formatting import choice_label
from core.models import Desa, EducationLevel, Kecamatan, Sector
from core.privacy import NOTICE_VERSION
from core.workflow import Workflow

from .nik import mask_nik, validate_nik
from .storage import private_storage, private_upload_path

CONSENT_NOTICE_VERSION = NOTICE_VERSION  # the notice at /kebijakan-privasi/ (core/privacy.py)
NIK_TAKEN = _("This NIK is already registered. If it is yours, log in to your existing account or contact Disnaker.")


class Consent(models.Model):
    """Consent to the processing of personal data (UU 27/2022), recorded before anything is stored."""

    class Purpose(models.TextChoices):
        JOB_SEEKER_SERVICES = "job_seeker_services", _("Job-seeker registration, AK/1 card, training and placement")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents", verbose_name=_("user")
    )
    purpose = models.CharField(_("purpose"), max_length=40, choices=Purpose)
    notice_version = models.CharField(_("privacy notice version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.notice_version})"


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)  # stored lower-case

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.name


class JobSeekerQuerySet(models.QuerySet):
    def with_completeness(self):
        """Annotate what `missing_items` checks (an education, a skill, a photo) as three EXISTS in
        the same query, instead of prefetching the rows in three more."""
        seeker = models.OuterRef("pk")
        return self.annotate(
            has_education=models.Exists(Education.objects.filter(seeker=seeker)),
            has_skills=models.Exists(JobSeeker.skills.through.objects.filter(jobseeker=seeker)),
            has_photo=models.Exists(Document.objects.filter(seeker=seeker, kind=Document.Kind.PHOTO)),
        )


class JobSeeker(models.Model):
    """A job seeker's profile (pencari kerja), the data the AK/1 card carries and more."""

    class Gender(models.TextChoices):
        MALE = "L", _("Male")
        FEMALE = "P", _("Female")

    class MaritalStatus(models.TextChoices):
        SINGLE = "single", _("Not married")
        MARRIED = "married", _("Married")
        DIVORCED = "divorced", _("Divorced")
        WIDOWED = "widowed", _("Widowed")

    class Religion(models.TextChoices):
        ISLAM = "islam", "Islam"
        PROTESTANT = "kristen", _("Christian (Protestant)")
        CATHOLIC = "katolik", _("Catholic")
        HINDU = "hindu", "Hindu"
        BUDDHIST = "buddha", _("Buddhist")
        CONFUCIAN = "khonghucu", _("Confucian")
        BELIEF = "kepercayaan", _("Belief in God Almighty (Kepercayaan)")

    class EmploymentStatus(models.TextChoices):
        NEVER_WORKED = "never_worked", _("Not working, never worked")
        UNEMPLOYED = "unemployed", _("Not working (previously worked)")
        LAID_OFF = "laid_off", _("Laid off (PHK)")
        STUDENT = "student", _("Student / about to graduate")
        EMPLOYED = "employed", _("Working, looking for another job")
        HIRED = "hired", _("Hired (no longer looking)")

    class Disability(models.TextChoices):
        NONE = "", _("None")
        PHYSICAL = "physical", _("Physical")
        SENSORY_SIGHT = "sight", _("Visual")
        SENSORY_HEARING = "hearing", _("Hearing / speech")
        INTELLECTUAL = "intellectual", _("Intellectual")
        MENTAL = "mental", _("Mental / psychosocial")
        MULTIPLE = "multiple", _("Multiple")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker", verbose_name=_("user")
    )
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        unique=True,
        validators=[validate_nik],
        error_messages={"unique": NIK_TAKEN},
    )
    full_name = models.CharField(_("full name (as on the KTP)"), max_length=150)
    birth_place = models.CharField(_("place of birth"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender)
    marital_status = models.CharField(_("marital status"), max_length=10, choices=MaritalStatus)
    religion = models.CharField(_("religion"), max_length=12, choices=Religion)
    address = models.CharField(_("address (street, RT/RW)"), max_length=255)
    # Null when the person lives outside Kabupaten Bekasi: "local" comes from here, never the NIK.
    domicile_kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kecamatan")
    )
    domicile_desa = models.ForeignKey(
        Desa, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("desa/kelurahan")
    )
    domicile_outside = models.CharField(_("city/regency (if outside Kabupaten Bekasi)"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=16, blank=True)

    education_level = models.ForeignKey(
        EducationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("highest education"),
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="seekers", verbose_name=_("skills"))
    employment_status = models.CharField(
        _("employment status"), max_length=15, choices=EmploymentStatus, default=EmploymentStatus.NEVER_WORKED
    )
    preferred_sectors = models.ManyToManyField(
        Sector, blank=True, related_name="+", verbose_name=_("preferred sectors")
    )
    preferred_position = models.CharField(_("position wanted"), max_length=100, blank=True)
    willing_abroad = models.BooleanField(_("willing to work abroad"), default=False)
    expected_wage = models.DecimalField(
        _("expected monthly wage (Rp)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    disability = models.CharField(_("disability"), max_length=15, choices=Disability, blank=True, default="")
    accommodations = models.CharField(_("accommodations needed"), max_length=255, blank=True)

    nik_flagged = models.BooleanField(_("NIK needs review"), default=False, db_index=True)
    nik_flag_note = models.CharField(_("why the NIK needs review"), max_length=255, blank=True)

    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = JobSeekerQuerySet.as_manager()

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        ordering = ["-created_at"]
        permissions = [("view_full_nik", _("Can see full NIKs and documents of job seekers"))]
        indexes = [
            # The staff list and the dashboards filter by these, newest first.
            models.Index(fields=["domicile_kecamatan", "-created_at"], name="seekers_js_kec_idx"),
            models.Index(fields=["education_level"], name="seekers_js_edu_idx"),
            models.Index(fields=["birth_date"], name="seekers_js_birth_idx"),
            models.Index(fields=["gender"], name="seekers_js_gender_idx"),
            models.Index(fields=["phone"], name="seekers_js_phone_idx"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("seekers:dashboard")

    @property
    def masked_nik(self):
        return mask_nik(self.nik)

    @property
    def masked_name(self):
        """ "Rina Marlina" -> "R*** M******": enough for a checker to match a face, no more."""
        return " ".join(word[0] + "*" * (len(word) - 1) for word in self.full_name.split())

    @property
    def is_local(self) -> bool:
        return self.domicile_kecamatan_id is not None

    def age_on(self, day: date) -> int:
        return relativedelta(day, self.birth_date).years

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    @cached_property
    def missing_items(self) -> list[tuple[str, str]]:
        """What stops the profile from being complete: [(section url name, label)]. Uses the
        annotations of `JobSeeker.objects.with_completeness()`, or prefetched relations, when the
        caller loaded them (no query then)."""
        missing = []
        if not (self.domicile_kecamatan_id or self.domicile_outside):
            missing.append(("seekers:profile_personal", _("Domicile")))
        has_education = getattr(self, "has_education", None)
        if has_education is None:
            has_education = bool(self.educations.all())
        if not self.education_level_id or not has_education:
            missing.append(("seekers:profile_education", _("Education")))
        has_skills = getattr(self, "has_skills", None)
        if not (bool(self.skills.all()) if has_skills is None else has_skills):
            missing.append(("seekers:profile_skills", _("Skills")))
        has_photo = getattr(self, "has_photo", None)
        if has_photo is None:
            has_photo = Document.Kind.PHOTO in {d.kind for d in self.documents.all()}
        if not has_photo:
            missing.append(("seekers:profile_documents", _("Photo")))
        return missing

    @property
    def is_complete(self) -> bool:
        return not self.missing_items

    @property
    def completeness_percent(self) -> int:
        total = 5  # personal data (always there once a profile exists) + the four checks above
        return round(100 * (total - len(self.missing_items)) / total)


class Education(models.Model):
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="educations", verbose_name=_("job seeker")
    )
    level = models.ForeignKey(EducationLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("level"))
    school = models.CharField(_("school / university"), max_length=150)
    major = models.CharField(_("major"), max_length=100, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("year of graduation"), null=True, blank=True)

    class Meta:
        ordering = ["-level__rank"]
        verbose_name = _("formal education")
        verbose_name_plural = _("formal education")

    def __str__(self):
        return f"{self.level.code} {self.school}"


class NonFormalTraining(models.Model):
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("job seeker")
    )
    name = models.CharField(_("course"), max_length=150)
    organiser = models.CharField(_("organiser"), max_length=150, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    certified = models.BooleanField(_("certificate received"), default=False)

    class Meta:
        verbose_name = _("non-formal training")
        verbose_name_plural = _("non-formal training")

    def __str__(self):
        return self.name


class Experience(models.Model):
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="experiences", verbose_name=_("job seeker")
    )
    employer = models.CharField(_("employer"), max_length=150)
    position = models.CharField(_("position"), max_length=100)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty if you still work there."))
    description = models.CharField(_("what you did"), max_length=255, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="seekers_experience_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.position}, {self.employer}"


class LanguageSkill(models.Model):
    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        JAPANESE = "ja", _("Japanese")
        MANDARIN = "zh", _("Mandarin")
        KOREAN = "ko", _("Korean")
        ARABIC = "ar", _("Arabic")
        GERMAN = "de", _("German")

    class Level(models.TextChoices):
        BASIC = "basic", _("Basic")
        INTERMEDIATE = "intermediate", _("Intermediate")
        FLUENT = "fluent", _("Fluent")
        JLPT_NONE = "jlpt_none", _("Japanese: no JLPT")
        N5 = "N5", "JLPT N5"
        N4 = "N4", "JLPT N4"
        N3 = "N3", "JLPT N3"
        N2 = "N2", "JLPT N2"
        N1 = "N1", "JLPT N1"

    JAPANESE_LEVELS = ("jlpt_none", "N5", "N4", "N3", "N2", "N1")

    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="languages", verbose_name=_("job seeker")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language)
    level = models.CharField(_("level"), max_length=12, choices=Level)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["seeker", "language"], name="seekers_language_once_per_seeker"),
            # JLPT levels exist only for Japanese, and Japanese is measured in JLPT levels.
            models.CheckConstraint(
                condition=(Q(language="ja") & Q(level__in=["jlpt_none", "N5", "N4", "N3", "N2", "N1"]))
                | (~Q(language="ja") & Q(level__in=["basic", "intermediate", "fluent"])),
                name="seekers_language_level_fits_language",
            ),
        ]

    def __str__(self):
        return f"{self.get_language_display()}: {self.get_level_display()}"


class Document(models.Model):
    """An uploaded file, stored under a generated name in private storage."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        CV = "cv", _("CV")
        DIPLOMA = "diploma", _("Diploma")

    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="documents", verbose_name=_("job seeker")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    file = models.FileField(_("file"), storage=private_storage, upload_to=private_upload_path)
    thumbnail = models.FileField(_("thumbnail"), storage=private_storage, upload_to=private_upload_path, blank=True)
    content_type = models.CharField(_("file type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [models.UniqueConstraint(fields=["seeker", "kind"], name="seekers_document_one_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.seeker}"

    def get_absolute_url(self):
        return reverse("seekers:document", args=[self.pk])


class AK1CardQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status__in=[AK1Card.Status.ACTIVE, AK1Card.Status.SUSPENDED])


class AK1Card(models.Model):
    """The AK/1 job-seeker card (Kartu Tanda Pencari Kerja)."""

    VALIDITY = relativedelta(years=2)
    REPORT_EVERY = relativedelta(months=6)

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", _("Closed (hired)")
        EXPIRED = "expired", _("Expired")

    workflow = Workflow(
        {
            Status.ACTIVE: {Status.ACTIVE, Status.SUSPENDED, Status.CLOSED, Status.EXPIRED},  # active→active: renew
            Status.SUSPENDED: {Status.ACTIVE, Status.CLOSED},
            Status.EXPIRED: {Status.ACTIVE},
        },
        reason_required={Status.SUSPENDED},
    )

    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="cards", verbose_name=_("job seeker"))
    number = models.CharField(_("card number"), max_length=20, unique=True)
    # The QR code carries this, not the (guessable, sequential) number: no enumeration.
    token = models.UUIDField(_("verification token"), default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    issued_at = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    next_report_due = models.DateField(_("next report due"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AK1CardQuerySet.as_manager()

    class Meta:
        verbose_name = _("AK/1 card")
        verbose_name_plural = _("AK/1 cards")
        ordering = ["-issued_at", "-id"]
        constraints = [
            # One card in force per seeker; closed and expired ones stay as history.
            models.UniqueConstraint(
                fields=["seeker"],
                condition=Q(status__in=["active", "suspended"]),
                name="seekers_ak1_one_current_card_per_seeker",
            ),
        ]
        indexes = [
            # Reminder jobs: "report due on D", "expires on D", only for active cards.
            models.Index(fields=["next_report_due"], condition=Q(status="active"), name="seekers_ak1_report_due_idx"),
            models.Index(fields=["valid_until"], condition=Q(status="active"), name="seekers_ak1_valid_until_idx"),
            models.Index(fields=["status"], name="seekers_ak1_status_idx"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("seekers:card")

    def get_status_display(self):
        # Django's version translates every label of the field's choices at each call: one here.
        return str(choice_label(self.Status, self.status))

    def get_verify_url(self):
        return reverse("seekers:card_verify", args=[self.token])

    @property
    def is_valid_today(self) -> bool:
        return self.status == self.Status.ACTIVE and self.valid_until >= timezone.localdate()


class AK1Report(models.Model):
    """The holder's six-monthly report: still looking, or hired (which closes the card)."""

    card = models.ForeignKey(AK1Card, on_delete=models.CASCADE, related_name="reports", verbose_name=_("AK/1 card"))
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    still_looking = models.BooleanField(_("still looking for work"))
    employer = models.CharField(_("employer"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-reported_at"]
        verbose_name = _("AK/1 report")
        verbose_name_plural = _("AK/1 reports")

    def __str__(self):
        return f"{self.card} {self.reported_at:%Y-%m-%d}"


class DeletionRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        DONE = "done", _("Deleted")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="deletion_requests",
        verbose_name=_("user"),
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"
