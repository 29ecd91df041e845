"""Training: providers, programmes, batches (angkatan), enrolments, attendance, certificates.

Statuses move only through `trainings.services` (which call `core.workflow.transition`). Seats are
counted on the batch (`Batch.seats_taken`); every service that can take or free a seat locks the
batch row first, so the counter, the enrolment statuses and the waitlist promotion always agree.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.caching import UserLink
from core.formatting import choice_label
from core.models import EducationLevel, Kecamatan
from core.workflow import Workflow
from seekers.models import JobSeeker


def _is_partner(user) -> bool:
    return user.has_perm("accounts.access_partner_portal")


class ProviderScopedQuerySet(models.QuerySet):
    """The one scoping rule of this app: staff with the model's view permission (Disnaker) see
    every row, partner-institution staff the rows of their own institution, others what
    `for_others` allows (nothing, unless a subclass says otherwise). Views, the admin and the
    exports all start from `for_user`."""

    view_permission = ""
    provider_path = ""  # the lookup from this model to its Provider, ending in "__"

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_perm(self.view_permission):
            return self
        if _is_partner(user):
            # By the institution's id (cached per person: provider_of) rather than a join through
            # the staff links on every query.
            provider_id = provider_of(user)
            if provider_id is None:
                return self.none()
            path = self.provider_path.removesuffix("__")
            return self.filter(**{path: provider_id} if path else {"pk": provider_id})
        return self.for_others(user)

    def for_others(self, user):
        return self.none()


class ProviderQuerySet(ProviderScopedQuerySet):
    view_permission = "trainings.view_provider"


class Provider(models.Model):
    """A training institution: BLK Kabupaten Bekasi, BPPTIK Cikarang, a partner institution (LPK)."""

    class Kind(models.TextChoices):
        BLK = "blk", _("BLK (vocational training centre)")
        BPPTIK = "bpptik", _("BPPTIK (ICT training centre)")
        PARTNER = "partner", _("Partner institution (LPK)")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    address = models.CharField(_("address"), max_length=255)
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kecamatan"),
        help_text=_("Empty when the institution is outside Kabupaten Bekasi."),
    )
    accreditation = models.CharField(
        _("accreditation"), max_length=100, blank=True, help_text=_("E.g. “A (LA-LPK, valid until 2028)”.")
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")

    def __str__(self):
        return self.short_name or self.name


class ProviderStaff(models.Model):
    """Links a partner-institution staff account (role `partner_staff`) to the one provider it works for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_staff", verbose_name=_("user")
    )
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="staff", verbose_name=_("provider"))

    class Meta:
        verbose_name = _("provider staff member")
        verbose_name_plural = _("provider staff")

    def __str__(self):
        return f"{self.user} – {self.provider}"

    def clean(self):
        if self.user_id and not self.user.has_perm("accounts.access_partner_portal"):
            raise ValidationError(
                {"user": _("Give this account the partner-institution staff role first.")}, code="not_partner"
            )


def _read_provider_of(user):
    return ProviderStaff.objects.filter(user=user).values_list("provider_id", flat=True).first()


# The id of the institution `user` works for, or None (core.caching.UserLink; connected in apps.py).
provider_of = UserLink("trainings:provider-of", _read_provider_of, models=("trainings.ProviderStaff",))


class ProgramQuerySet(ProviderScopedQuerySet):
    view_permission = "trainings.view_program"
    provider_path = "provider__"

    def published(self):
        return self.filter(is_published=True, provider__is_active=True)


class Program(models.Model):
    """A course a provider runs again and again, in batches."""

    class Category(models.TextChoices):
        VOCATIONAL = "vocational", _("Vocational / competency")
        DIGITAL = "digital", _("Digital")
        ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")

    class Mode(models.TextChoices):
        OFFLINE = "offline", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="programs", verbose_name=_("provider")
    )
    title = models.CharField(_("title"), max_length=150)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    description = models.TextField(_("description"), blank=True)
    competency_standard = models.CharField(
        _("competency standard"), max_length=200, blank=True, help_text=_("E.g. the SKKNI or scheme it trains for.")
    )
    hours = models.PositiveSmallIntegerField(_("hours (JP)"))
    fee = models.DecimalField(
        _("fee (Rp)"), max_digits=12, decimal_places=0, default=0, help_text=_("Zero for government-funded training.")
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode, default=Mode.OFFLINE)
    min_education = models.ForeignKey(
        EducationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minimum education"),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    local_only = models.BooleanField(
        _("only for residents of Kabupaten Bekasi"), default=False, help_text=_("Domicile in Kabupaten Bekasi.")
    )
    prerequisites = models.TextField(
        _("other prerequisites"), blank=True, help_text=_("Checked by staff during selection.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="trainings_program_fee_not_negative"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="trainings_program_hours_positive"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(max_age__gte=F("min_age")),
                name="trainings_program_age_range_valid",
            ),
        ]
        indexes = [
            # The catalogue's filters, on published programmes only.
            models.Index(fields=["category", "title"], condition=Q(is_published=True), name="trainings_prog_cat_idx"),
            models.Index(fields=["mode"], condition=Q(is_published=True), name="trainings_prog_mode_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainings:program", args=[self.pk])

    @property
    def is_free(self) -> bool:
        return not self.fee


class BatchQuerySet(ProviderScopedQuerySet):
    view_permission = "trainings.view_batch"
    provider_path = "program__provider__"

    def visible(self):
        """Batches the public sees: published, running or finished (not drafts, not cancelled)."""
        return self.filter(status__in=Batch.PUBLIC_STATUSES)

    def open_for_registration(self, day=None):
        day = day or timezone.localdate()
        return self.filter(status=Batch.Status.PUBLISHED, registration_opens__lte=day, registration_closes__gte=day)


class Batch(models.Model):
    """One run of a programme (angkatan): dates, place, seats and the registration window."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not published")
        PUBLISHED = "published", _("Published")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    class Admission(models.TextChoices):
        SELECTION = "selection", _("Selection by staff")
        FIRST_COME = "first_come", _("First come, first served")

    workflow = Workflow(
        {
            Status.DRAFT: {Status.PUBLISHED, Status.CANCELLED},
            Status.PUBLISHED: {Status.DRAFT, Status.RUNNING, Status.CANCELLED},
            Status.RUNNING: {Status.FINISHED},
        },
        reason_required={Status.CANCELLED},
    )
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.RUNNING, Status.FINISHED)

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="batches", verbose_name=_("programme"))
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. “Angkatan II 2026”."))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    admission = models.CharField(_("admission"), max_length=10, choices=Admission, default=Admission.SELECTION)
    start_date = models.DateField(_("starts on"))
    end_date = models.DateField(_("ends on"))
    schedule = models.CharField(
        _("schedule"), max_length=150, blank=True, help_text=_("E.g. “Monday–Friday, 08.00–16.00 WIB”.")
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kecamatan of the location"),
    )
    capacity = models.PositiveSmallIntegerField(_("seats"))
    # Accepted, attending and completed enrolments. Written only by services, under the batch's
    # row lock (see trainings.services): never edited by a form.
    seats_taken = models.PositiveSmallIntegerField(_("seats taken"), default=0, editable=False)
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(_("registration closes"))
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        constraints = [
            models.CheckConstraint(
                condition=Q(seats_taken__gte=0) & Q(seats_taken__lte=F("capacity")),
                name="trainings_batch_seats_within_capacity",
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="trainings_batch_capacity_positive"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="trainings_batch_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_closes__gte=F("registration_opens"))
                & Q(registration_closes__lte=F("start_date")),
                name="trainings_batch_registration_before_start",
            ),
        ]
        indexes = [
            # The catalogue's "open for registration" and a programme page's open batches.
            models.Index(
                fields=["program", "registration_closes"],
                condition=Q(status="published"),
                name="trainings_batch_open_idx",
            ),
            # The "starts tomorrow" reminder.
            models.Index(fields=["start_date", "status"], name="trainings_batch_start_idx"),
        ]

    def __str__(self):
        return f"{self.program} – {self.name}"

    def get_absolute_url(self):
        return f"{self.program.get_absolute_url()}#angkatan-{self.pk}"

    @property
    def seats_free(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_taken >= self.capacity

    def registration_is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.status == self.Status.PUBLISHED and self.registration_opens <= day <= self.registration_closes

    @property
    def has_started(self) -> bool:
        return self.status in (self.Status.RUNNING, self.Status.FINISHED)


class EnrolmentQuerySet(ProviderScopedQuerySet):
    view_permission = "trainings.view_enrolment"
    provider_path = "batch__program__provider__"

    def for_others(self, user):
        return self.filter(seeker__user=user)  # a seeker: their own

    def active(self):
        return self.filter(status__in=Enrolment.ACTIVE_STATUSES)

    def waitlist(self):
        """The waitlist in promotion order (see README, "Training": local residents first)."""
        return self.filter(status=Enrolment.Status.WAITLISTED).order_by(
            "-local_resident", "waitlisted_at", "applied_at", "pk"
        )


class Enrolment(models.Model):
    """A job seeker's application for a batch, and what became of it."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Not accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ATTENDING = "attending", _("Attending")
        COMPLETED = "completed", _("Completed")
        DROPPED = "dropped", _("Dropped out")

    workflow = Workflow(
        {
            Status.APPLIED: {Status.SHORTLISTED, Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
            Status.SHORTLISTED: {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
            Status.WAITLISTED: {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN},
            # Rejection after acceptance and a drop before the start free the seat.
            Status.ACCEPTED: {Status.ATTENDING, Status.REJECTED, Status.DROPPED, Status.WITHDRAWN},
            Status.ATTENDING: {Status.COMPLETED, Status.DROPPED},
        },
        reason_required={Status.REJECTED, Status.DROPPED},
    )
    # Statuses that hold a seat of the batch (counted in Batch.seats_taken).
    SEAT_STATUSES = (Status.ACCEPTED, Status.ATTENDING, Status.COMPLETED)
    # At most one of these per seeker and batch.
    ACTIVE_STATUSES = (
        Status.APPLIED,
        Status.SHORTLISTED,
        Status.ACCEPTED,
        Status.WAITLISTED,
        Status.ATTENDING,
        Status.COMPLETED,
    )
    UNDECIDED_STATUSES = (Status.APPLIED, Status.SHORTLISTED, Status.WAITLISTED)
    BADGES = {
        Status.APPLIED: "text-bg-secondary",
        Status.SHORTLISTED: "text-bg-info",
        Status.ACCEPTED: "text-bg-success",
        Status.WAITLISTED: "text-bg-warning",
        Status.REJECTED: "text-bg-danger",
        Status.WITHDRAWN: "text-bg-light border",
        Status.ATTENDING: "text-bg-primary",
        Status.COMPLETED: "text-bg-success",
        Status.DROPPED: "text-bg-dark",
    }

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("batch"))
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("job seeker")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.APPLIED)
    # Snapshot at application time: the waitlist order must not change when someone moves house.
    local_resident = models.BooleanField(_("resident of Kabupaten Bekasi"), default=False)
    motivation = models.CharField(_("why this training"), max_length=500, blank=True)
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("waitlisted at"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    pre_test_score = models.DecimalField(_("pre-test score"), max_digits=5, decimal_places=2, null=True, blank=True)
    post_test_score = models.DecimalField(_("post-test score"), max_digits=5, decimal_places=2, null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["applied_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            # trainings_enrolment_one_active_per_batch: added below the Meta, with ACTIVE_STATUSES.
            models.CheckConstraint(
                condition=(Q(pre_test_score__isnull=True) | Q(pre_test_score__gte=0, pre_test_score__lte=100))
                & (Q(post_test_score__isnull=True) | Q(post_test_score__gte=0, post_test_score__lte=100)),
                name="trainings_enrolment_scores_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="waitlisted") | Q(waitlisted_at__isnull=False),
                name="trainings_enrolment_waitlisted_has_time",
            ),
        ]
        indexes = [
            # Applicant lists: one batch, by status, in order of application.
            models.Index(fields=["batch", "status", "applied_at"], name="trainings_enr_batch_idx"),
            # The same without a status filter: a page's ids without sorting the whole batch.
            models.Index(fields=["batch", "applied_at", "id"], name="trainings_enr_applied_idx"),
            # "My trainings".
            models.Index(fields=["seeker", "-applied_at"], name="trainings_enr_seeker_idx"),
            # Promotion: the first waitlisted of a batch.
            models.Index(
                fields=["batch", "-local_resident", "waitlisted_at"],
                condition=Q(status="waitlisted"),
                name="trainings_enr_waitlist_idx",
            ),
        ]

    # A nested class cannot see the names of the class around it, so this constraint is added to
    # the Meta here (still before Django builds the model), from the one list of active statuses.
    Meta.constraints.insert(
        0,
        models.UniqueConstraint(
            fields=["batch", "seeker"],
            condition=Q(status__in=list(ACTIVE_STATUSES)),
            name="trainings_enrolment_one_active_per_batch",
        ),
    )

    def __str__(self):
        return f"{self.seeker} – {self.batch}"

    def get_absolute_url(self):
        return f"{reverse('trainings:my_trainings')}#pendaftaran-{self.pk}"

    def get_status_display(self):
        # Django's version translates all ten labels at every call: 0.12 ms a row (list pages).
        return str(choice_label(self.Status, self.status))

    @property
    def badge_class(self) -> str:
        return self.badge_of(self.status)

    @classmethod
    def badge_of(cls, status) -> str:
        return cls.BADGES.get(status, "text-bg-secondary")

    @property
    def can_withdraw(self) -> bool:
        return (
            self.workflow.can(self.status, self.Status.WITHDRAWN)
            and self.batch.status == Batch.Status.PUBLISHED
            and timezone.localdate() < self.batch.start_date
        )


class Session(models.Model):
    """One training day of a batch, for the attendance register."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("batch"))
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=150, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.UniqueConstraint(fields=["batch", "date"], name="trainings_session_one_per_day")]

    def __str__(self):
        return f"{self.batch} – {self.date:%Y-%m-%d}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused / sick")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("enrolment")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="trainings_attendance_once_per_session")
        ]

    def __str__(self):
        return f"{self.enrolment} {self.session.date}: {self.status}"


class CertificateQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(enrolment__in=Enrolment.objects.for_user(user))


class Certificate(models.Model):
    """Issued when an enrolment is completed. The PDF is drawn from these rows on demand."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate", verbose_name=_("enrolment")
    )
    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    # The QR code carries this, not the sequential number: nobody can walk through certificates.
    token = models.UUIDField(_("verification token"), default=uuid.uuid4, unique=True, editable=False)
    issued_on = models.DateField(_("issued on"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=255, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="trainings_certificate_revocation_has_reason",
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("trainings:certificate_pdf", args=[self.pk])

    def get_verify_url(self):
        return reverse("trainings:certificate_verify", args=[self.token])

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class BusinessOutcome(models.Model):
    """For entrepreneurship tracks: did the graduate start a business, six months on?"""

    class Kind(models.TextChoices):
        FOOD = "food", _("Food and drink")
        RETAIL = "retail", _("Shop / online selling")
        SERVICES = "services", _("Services")
        DIGITAL = "digital", _("Digital / creative")
        CRAFT = "craft", _("Craft / manufacturing")
        AGRICULTURE = "agriculture", _("Farming / fishery")
        OTHER = "other", _("Other")

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="business_outcome", verbose_name=_("enrolment")
    )
    started = models.BooleanField(_("business started"))
    kind = models.CharField(_("kind of business"), max_length=12, choices=Kind, blank=True)
    business_name = models.CharField(_("business name"), max_length=150, blank=True)
    registration_number = models.CharField(
        _("registration number (NIB)"), max_length=20, blank=True, help_text=_("Leave empty if not registered.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("business outcome")
        verbose_name_plural = _("business outcomes")
        constraints = [
            models.CheckConstraint(
                condition=Q(started=True) | (Q(kind="") & Q(business_name="") & Q(registration_number="")),
                name="trainings_outcome_details_only_if_started",
            )
        ]

    def __str__(self):
        return f"{self.enrolment}: {'✓' if self.started else '–'}"
