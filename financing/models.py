"""Financing: partner banks, their loan products, loan applications, instalments and repayments.

Statuses move only through `financing.services` (which call `core.workflow.transition`). Money is
whole rupiah in `DecimalField`s and never passes through `float` (see `financing.money`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.caching import UserLink
from core.formatting import choice_label
from core.workflow import Workflow
from overseas.models import Candidacy
from seekers.models import JobSeeker
from seekers.storage import private_storage
from trainings.models import Enrolment

MONEY = {"max_digits": 14, "decimal_places": 0}


def _loan_upload_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"financing/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{extension}"


class PartnerBank(models.Model):
    """A bank that finances training fees (and departure costs) under an agreement with Disnaker."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    address = models.CharField(_("branch address"), max_length=255, blank=True)
    four_eyes_above = models.DecimalField(
        _("decisions above this amount need a supervisor (Rp)"),
        **MONEY,
        default=10_000_000,
        help_text=_("A bank officer's decision on a larger loan waits for a bank supervisor's confirmation."),
    )
    arrears_after_days = models.PositiveSmallIntegerField(
        _("in arrears after (days past due)"),
        default=30,
        help_text=_("A loan whose repayment file reports at least this many days past due is in arrears."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner bank")
        verbose_name_plural = _("partner banks")
        constraints = [
            models.CheckConstraint(condition=Q(four_eyes_above__gte=0), name="financing_bank_four_eyes_not_negative"),
            models.CheckConstraint(condition=Q(arrears_after_days__gt=0), name="financing_bank_arrears_days_positive"),
        ]

    def __str__(self):
        return self.short_name or self.name


class BankStaff(models.Model):
    """Links a bank officer or supervisor account to the one bank it works for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bank_staff", verbose_name=_("user")
    )
    bank = models.ForeignKey(PartnerBank, on_delete=models.CASCADE, related_name="staff", verbose_name=_("bank"))

    class Meta:
        verbose_name = _("bank staff member")
        verbose_name_plural = _("bank staff")

    def __str__(self):
        return f"{self.user} – {self.bank}"


def _read_bank_of(user):
    staff = BankStaff.objects.filter(user=user).select_related("bank").first()
    return staff.bank if staff else None


# The bank `user` works for (a `PartnerBank`), or None (core.caching.UserLink; connected in apps.py).
bank_of = UserLink("financing:bank-of", _read_bank_of, models=("financing.BankStaff", "financing.PartnerBank"))


class ProductQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, bank__is_active=True)


class Product(models.Model):
    """A loan product of a partner bank, with the summary the bank must give before a contract
    (OJK's RIPLAY: Ringkasan Informasi Produk dan Layanan)."""

    class Method(models.TextChoices):
        FLAT = "flat", _("Flat rate")
        ANNUITY = "annuity", _("Effective rate (annuity)")

    class Purpose(models.TextChoices):
        COURSE_FEE = "course_fee", _("Course fee at a partner institution")
        DEPARTURE = "departure", _("Overseas departure costs")

    class Requirement(models.TextChoices):
        KTP = "ktp", _("KTP (identity card)")
        KK = "kk", _("KK (family card)")
        INCOME_OR_GUARANTOR = "income_or_guarantor", _("Statement of income, or a guarantor's statement")

    bank = models.ForeignKey(PartnerBank, on_delete=models.PROTECT, related_name="products", verbose_name=_("bank"))
    name = models.CharField(_("name"), max_length=150)
    purpose = models.CharField(_("pays for"), max_length=12, choices=Purpose, default=Purpose.COURSE_FEE)
    method = models.CharField(_("interest method"), max_length=8, choices=Method)
    annual_rate = models.DecimalField(
        _("annual interest rate (%)"), max_digits=5, decimal_places=2, help_text=_("E.g. 6.00 for 6% a year.")
    )
    min_amount = models.DecimalField(_("minimum amount (Rp)"), **MONEY, default=1)
    max_amount = models.DecimalField(_("maximum amount (Rp)"), **MONEY)
    min_tenor = models.PositiveSmallIntegerField(_("shortest tenor (months)"), default=1)
    max_tenor = models.PositiveSmallIntegerField(_("longest tenor (months)"))
    grace_months = models.PositiveSmallIntegerField(
        _("grace period (months)"),
        default=0,
        help_text=_("Months before the first principal instalment, in which only interest is paid."),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    local_only = models.BooleanField(_("only for residents of Kabupaten Bekasi"), default=True)
    required_documents = models.JSONField(
        _("documents required"),
        default=list,
        blank=True,
        help_text=_("Any of: ktp, kk, income_or_guarantor."),
    )
    # RIPLAY, in plain Bahasa Indonesia: what it costs, what can go wrong, what the borrower must do.
    riplay_costs = models.TextField(_("costs (RIPLAY)"))
    riplay_risks = models.TextField(_("risks (RIPLAY)"))
    riplay_obligations = models.TextField(_("obligations (RIPLAY)"))
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["bank__name", "name"]
        verbose_name = _("loan product")
        verbose_name_plural = _("loan products")
        constraints = [
            models.CheckConstraint(
                condition=Q(annual_rate__gte=0) & Q(annual_rate__lt=100), name="financing_product_rate_range"
            ),
            models.CheckConstraint(
                condition=Q(min_amount__gt=0) & Q(max_amount__gte=F("min_amount")),
                name="financing_product_amount_range",
            ),
            models.CheckConstraint(
                condition=Q(min_tenor__gt=0) & Q(max_tenor__gte=F("min_tenor")),
                name="financing_product_tenor_range",
            ),
            models.CheckConstraint(
                condition=Q(max_age__isnull=True) | Q(max_age__gte=F("min_age")), name="financing_product_age_range"
            ),
        ]

    def __str__(self):
        return f"{self.bank} – {self.name}"

    def get_absolute_url(self):
        return reverse("financing:product", args=[self.pk])

    @property
    def requirements(self) -> list[str]:
        return [r for r in (self.required_documents or []) if r in self.Requirement.values]


class ApplicationQuerySet(models.QuerySet):
    """The one scoping rule: Disnaker staff (with the view permission) see every application; bank
    staff the applications sent to their own bank; a seeker their own; everyone else nothing.
    Views, the admin and the exports all start from `for_user`."""

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.has_perm("financing.view_application"):
            return self
        if user.has_perm("accounts.access_bank_portal"):
            return self._of_users_bank(user)
        return self.filter(seeker__user=user)

    def for_bank_user(self, user):
        """Bank pages only: what a bank officer or supervisor of the user's bank may see."""
        if not user.is_authenticated or not user.has_perm("accounts.access_bank_portal"):
            return self.none()
        return self._of_users_bank(user)

    def _of_users_bank(self, user):
        # By the bank's id (the (bank, status, submitted_at) index) rather than a join through
        # the staff links, which PostgreSQL planned without knowing the bank.
        bank = bank_of(user)
        if bank is None:
            return self.none()
        return self.filter(bank_id=bank.pk, status__in=Application.BANK_STATUSES)

    def loans(self):
        return self.filter(status__in=Application.LOAN_STATUSES)


class Application(models.Model):
    """A job seeker's request for a loan, and the loan it becomes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, waiting for Disnaker")
        RETURNED = "returned", _("Returned for correction")
        VERIFIED = "verified", _("Verified by Disnaker")
        SENT = "sent", _("With the bank")
        CONFIRMING = "confirming", _("Decision awaiting a supervisor")
        APPROVED = "approved", _("Offer made")
        ACCEPTED = "accepted", _("Offer accepted, waiting for disbursement")
        DECLINED = "declined", _("Offer declined")
        REJECTED = "rejected", _("Rejected by the bank")
        DISBURSED = "disbursed", _("Disbursed")
        REPAYING = "repaying", _("Repaying")
        ARREARS = "arrears", _("In arrears")
        SETTLED = "settled", _("Settled")
        WRITTEN_OFF = "written_off", _("Written off")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        STOPPED = "stopped", _("Stopped")

    S = Status
    _BEFORE_DISBURSEMENT = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.VERIFIED, S.SENT, S.CONFIRMING, S.APPROVED, S.ACCEPTED)
    workflow = Workflow(
        {
            S.DRAFT: {S.SUBMITTED, S.WITHDRAWN, S.STOPPED},
            S.SUBMITTED: {S.VERIFIED, S.RETURNED, S.WITHDRAWN, S.STOPPED},
            S.RETURNED: {S.SUBMITTED, S.WITHDRAWN, S.STOPPED},
            S.VERIFIED: {S.SENT, S.WITHDRAWN, S.STOPPED},
            S.SENT: {S.APPROVED, S.REJECTED, S.CONFIRMING, S.WITHDRAWN, S.STOPPED},
            # A supervisor confirms the officer's decision, or sends it back for another look.
            S.CONFIRMING: {S.APPROVED, S.REJECTED, S.SENT, S.WITHDRAWN, S.STOPPED},
            S.APPROVED: {S.ACCEPTED, S.DECLINED, S.WITHDRAWN, S.STOPPED},
            S.ACCEPTED: {S.DISBURSED, S.WITHDRAWN, S.STOPPED},
            S.DISBURSED: {S.REPAYING, S.ARREARS, S.SETTLED},
            S.REPAYING: {S.ARREARS, S.SETTLED},
            S.ARREARS: {S.REPAYING, S.SETTLED, S.WRITTEN_OFF},
        },
        reason_required={S.RETURNED, S.REJECTED, S.STOPPED, S.WRITTEN_OFF},
    )
    # At most one of these per seeker ("no other active loan").
    ACTIVE_STATUSES = (*_BEFORE_DISBURSEMENT, S.DISBURSED, S.REPAYING, S.ARREARS)
    BEFORE_DISBURSEMENT = _BEFORE_DISBURSEMENT
    # What the bank sees: from the moment Disnaker sends the file.
    BANK_STATUSES = (
        S.SENT, S.CONFIRMING, S.APPROVED, S.ACCEPTED, S.DECLINED, S.REJECTED, S.DISBURSED, S.REPAYING, S.ARREARS,
        S.SETTLED, S.WRITTEN_OFF,
    )  # fmt: skip
    LOAN_STATUSES = (S.DISBURSED, S.REPAYING, S.ARREARS, S.SETTLED, S.WRITTEN_OFF)
    REPAYABLE_STATUSES = (S.DISBURSED, S.REPAYING, S.ARREARS)
    APPROVED_STATUSES = (S.APPROVED, S.ACCEPTED, S.DECLINED, *LOAN_STATUSES)
    WITHDRAWABLE = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.VERIFIED, S.SENT, S.CONFIRMING, S.APPROVED, S.ACCEPTED)
    BADGES = {
        S.DRAFT: "text-bg-light border",
        S.SUBMITTED: "text-bg-secondary",
        S.RETURNED: "text-bg-warning",
        S.VERIFIED: "text-bg-info",
        S.SENT: "text-bg-info",
        S.CONFIRMING: "text-bg-info",
        S.APPROVED: "text-bg-success",
        S.ACCEPTED: "text-bg-success",
        S.DECLINED: "text-bg-light border",
        S.REJECTED: "text-bg-danger",
        S.DISBURSED: "text-bg-primary",
        S.REPAYING: "text-bg-primary",
        S.ARREARS: "text-bg-danger",
        S.SETTLED: "text-bg-success",
        S.WRITTEN_OFF: "text-bg-dark",
        S.WITHDRAWN: "text-bg-light border",
        S.STOPPED: "text-bg-dark",
    }

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="loan_applications", verbose_name=_("job seeker")
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="applications", verbose_name=_("product")
    )
    # Copied from the product: the bank's queue and its scoping filter on it without a join.
    bank = models.ForeignKey(PartnerBank, on_delete=models.PROTECT, related_name="applications", verbose_name=_("bank"))
    purpose = models.CharField(_("pays for"), max_length=12, choices=Product.Purpose)
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="loan_applications",
        verbose_name=_("enrolment"),
    )
    # For overseas departure costs: the candidacy in progress it pays for.
    candidacy = models.ForeignKey(
        Candidacy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="loan_applications",
        verbose_name=_("overseas candidacy"),
    )
    amount_requested = models.DecimalField(_("amount requested (Rp)"), **MONEY)
    tenor_requested = models.PositiveSmallIntegerField(_("tenor requested (months)"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Consent to share the file with the chosen bank (UU PDP): the notice version and when.
    consent_version = models.CharField(_("consent notice version"), max_length=20, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    # Disnaker's verification.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.TextField(_("what Disnaker verified"), blank=True)
    # The bank's decision (the terms may differ from the request).
    decision = models.CharField(_("decision"), max_length=8, choices=Decision, blank=True)
    approved_amount = models.DecimalField(_("approved amount (Rp)"), **MONEY, null=True, blank=True)
    approved_rate = models.DecimalField(
        _("approved annual rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    approved_tenor = models.PositiveSmallIntegerField(_("approved tenor (months)"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    offer_answered_at = models.DateTimeField(_("offer answered at"), null=True, blank=True)
    # Disbursement.
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)
    disbursed_amount = models.DecimalField(_("disbursed amount (Rp)"), **MONEY, null=True, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=50, blank=True)
    # From the latest repayment file.
    outstanding = models.DecimalField(_("outstanding balance (Rp)"), **MONEY, null=True, blank=True)
    days_past_due = models.PositiveIntegerField(_("days past due"), default=0)
    last_payment_on = models.DateField(_("last payment on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("loan application")
        verbose_name_plural = _("loan applications")
        constraints = [
            models.UniqueConstraint(
                fields=["seeker"],
                condition=Q(
                    status__in=[
                        "draft",
                        "submitted",
                        "returned",
                        "verified",
                        "sent",
                        "confirming",
                        "approved",
                        "accepted",
                        "disbursed",
                        "repaying",
                        "arrears",
                    ]
                ),
                name="financing_application_one_active_per_seeker",
            ),  # fmt: skip
            models.CheckConstraint(condition=Q(amount_requested__gt=0), name="financing_application_amount_positive"),
            models.CheckConstraint(condition=Q(tenor_requested__gt=0), name="financing_application_tenor_positive"),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gt=0),
                name="financing_application_approved_positive",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("decided_by")),
                name="financing_application_four_eyes",
            ),
        ]
        indexes = [
            # The bank queue: one bank, by status (its counts and one status's list) ...
            models.Index(fields=["bank", "status", "submitted_at"], name="financing_app_bank_idx"),
            # ... and its pages in their order over several statuses ("to do"): read in order,
            # stopping after a page (0.3 ms), instead of sorting the bank's matching rows (0.7 ms).
            models.Index(fields=["bank", "submitted_at", "id"], name="financing_app_bank_order_idx"),
            # Disnaker's queue and the portfolio by status.
            models.Index(fields=["status", "submitted_at"], name="financing_app_status_idx"),
            # "My applications".
            models.Index(fields=["seeker", "-created_at"], name="financing_app_seeker_idx"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("financing:my_application", args=[self.pk])

    @property
    def badge_class(self) -> str:
        return self.badge_of(self.status)

    @property
    def status_label(self) -> str:
        return self.label_of(self.status)

    @classmethod
    def badge_of(cls, status) -> str:
        return cls.BADGES.get(status, "text-bg-secondary")

    @classmethod
    def label_of(cls, status) -> str:
        """`get_status_display` without its cost in a list (core.formatting.choice_label)."""
        return choice_label(cls.Status, status)

    @property
    def is_loan(self) -> bool:
        return self.status in self.LOAN_STATUSES

    @property
    def page_state(self) -> str:
        """What a bank decision relies on, as a page showed it: the status, the decision (its time)
        and the balance. A supervisor's confirmation of a decision that was sent back and made
        again, or a write-off after a payment, keeps the status but changes this (the bank pages
        post it as `seen_<pk>`; see core.concurrency.stale_decisions)."""
        decided = self.decided_at.isoformat() if self.decided_at else ""
        return f"{self.status}|{decided}|{self.outstanding if self.outstanding is not None else ''}"

    @property
    def can_withdraw(self) -> bool:
        return self.status in self.WITHDRAWABLE

    @property
    def principal(self):
        return self.disbursed_amount or self.approved_amount or self.amount_requested

    @property
    def rate(self):
        return self.approved_rate if self.approved_rate is not None else self.product.annual_rate

    @property
    def tenor(self):
        return self.approved_tenor or self.tenor_requested


class LoanDocument(models.Model):
    """A document of a loan application (KTP, KK, statement of income or guarantor), checked by the
    seekers' upload pipeline and kept in private storage."""

    class Kind(models.TextChoices):
        KTP = "ktp", _("KTP (identity card)")
        KK = "kk", _("KK (family card)")
        INCOME = "income", _("Statement of income")
        GUARANTOR = "guarantor", _("Guarantor's statement")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="documents", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    file = models.FileField(_("file"), storage=private_storage, upload_to=_loan_upload_path)
    content_type = models.CharField(max_length=50, verbose_name=_("content type"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("loan document")
        verbose_name_plural = _("loan documents")
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="financing_document_one_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.application}"


class Instalment(models.Model):
    """One row of a disbursed loan's schedule (made by `financing.schedule.build_schedule`)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("application")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    due_date = models.DateField(_("due date"))
    principal = models.DecimalField(_("principal (Rp)"), **MONEY)
    interest = models.DecimalField(_("interest (Rp)"), **MONEY)
    amount = models.DecimalField(_("instalment (Rp)"), **MONEY)
    balance_after = models.DecimalField(_("remaining balance (Rp)"), **MONEY)
    paid_amount = models.DecimalField(_("paid (Rp)"), **MONEY, default=0)

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="financing_instalment_unique_number"),
            models.CheckConstraint(condition=Q(amount=F("principal") + F("interest")), name="financing_instalment_sum"),
        ]
        indexes = [
            # The "due in three days" reminder.
            models.Index(fields=["due_date"], name="financing_inst_due_idx"),
        ]

    def __str__(self):
        return f"{self.application} #{self.number}"

    @property
    def is_paid(self) -> bool:
        return self.paid_amount >= self.amount

    @property
    def balance(self):
        """The schedule table reads `balance` from simulated rows and instalments alike."""
        return self.balance_after


class RepaymentFile(models.Model):
    """A repayment file a bank uploaded; the same content twice is recognised by its hash."""

    bank = models.ForeignKey(
        PartnerBank, on_delete=models.PROTECT, related_name="repayment_files", verbose_name=_("bank")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, verbose_name=_("sha256"))
    rows = models.PositiveIntegerField(_("rows"))
    rows_new = models.PositiveIntegerField(_("new rows"))

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("repayment file")
        verbose_name_plural = _("repayment files")
        constraints = [models.UniqueConstraint(fields=["bank", "sha256"], name="financing_repayment_file_once")]

    def __str__(self):
        return f"{self.bank} {self.filename}"


class Repayment(models.Model):
    """One line of a repayment file: a payment, and the loan's balance and days past due after it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="repayments", verbose_name=_("application")
    )
    file = models.ForeignKey(RepaymentFile, on_delete=models.CASCADE, related_name="repayments", verbose_name=_("file"))
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount paid (Rp)"), **MONEY)
    outstanding = models.DecimalField(_("outstanding balance (Rp)"), **MONEY)
    days_past_due = models.PositiveIntegerField(_("days past due"))

    class Meta:
        ordering = ["application", "paid_on", "pk"]
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        constraints = [
            # A line already recorded (from an earlier file) is not recorded twice.
            models.UniqueConstraint(
                fields=["application", "paid_on", "amount", "outstanding"], name="financing_repayment_once"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(outstanding__gte=0), name="financing_repayment_money"
            ),
        ]

    def __str__(self):
        return f"{self.application} {self.paid_on} {self.amount}"
