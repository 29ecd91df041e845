"""The dashboard's own tables: yearly targets (with their history) and requested meeting reports.

Everything else the dashboard shows it reads from the other apps (through their selectors)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Kecamatan
from core.workflow import Workflow
from seekers.storage import private_storage
from trainings.models import Program

from . import indicators as registry


class Target(models.Model):
    """What the regency plans to reach in a year, for one indicator: for the whole regency, or
    for one kecamatan, or for one programme category. Changed only through
    `services.target_save`, which keeps the history (`TargetRevision`)."""

    indicator = models.CharField(_("indicator"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kecamatan"),
        help_text=_("Empty: the whole regency."),
    )
    category = models.CharField(
        _("programme category"),
        max_length=20,
        choices=Program.Category,
        blank=True,
        help_text=_("Empty: all categories."),
    )
    value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=1, help_text=_("People, cards, rupiah or percent, as the indicator.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("updated by"),
    )  # fmt: skip

    class Meta:
        ordering = ["-year", "indicator", "kecamatan__code", "category"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "category"],
                condition=Q(kecamatan__isnull=True),
                name="dashboard_target_one_per_regency",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "kecamatan", "category"],
                condition=Q(kecamatan__isnull=False),
                name="dashboard_target_one_per_kecamatan",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="dashboard_target_not_negative"),
        ]

    def __str__(self):
        scope = " · ".join(str(s) for s in (self.kecamatan, self.get_category_display()) if s)
        return f"{registry.label_of(self.indicator)} {self.year}" + (f" ({scope})" if scope else "")


class TargetRevision(models.Model):
    """One change of a target: the history TKP3D meetings ask about ("who lowered it, and why?")."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("target"))
    old_value = models.DecimalField(_("old value"), max_digits=16, decimal_places=1, null=True, blank=True)
    new_value = models.DecimalField(_("new value"), max_digits=16, decimal_places=1)
    note = models.CharField(_("note"), max_length=255, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("target change")
        verbose_name_plural = _("target history")

    def __str__(self):
        return f"{self.target}: {self.old_value} → {self.new_value}"


class MeetingReport(models.Model):
    """A PDF meeting report someone asked for; built by a Celery task, announced in their inbox."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    workflow = Workflow({Status.PENDING: {Status.READY, Status.FAILED}})

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("requested by")
    )
    filters = models.JSONField(_("filters"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    file = models.FileField(_("file"), storage=private_storage, upload_to="reports/%Y/", blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting report")
        verbose_name_plural = _("meeting reports")

    def __str__(self):
        return f"{self.requested_by} {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("dashboard:report_download", args=[self.pk])


class Summary(models.Model):
    """Materialised counts the dashboard reads instead of the big tables (refreshed by Celery beat,
    `summaries.refresh()`): per indicator, month, kecamatan of the person and programme category,
    either in total (`dimension` "all") or split by one breakdown (gender, age band, education,
    provider). Written only by `summaries.refresh()`, which replaces the whole table."""

    indicator = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    kecamatan = models.CharField(max_length=8, blank=True)  # "" = outside Kabupaten Bekasi
    category = models.CharField(max_length=20, blank=True)  # "" = not about training
    dimension = models.CharField(max_length=12)
    code = models.CharField(max_length=40, blank=True)
    label = models.CharField(max_length=150, blank=True)  # education level or provider name
    extra = models.CharField(max_length=20, blank=True)  # the kind of a provider
    value = models.DecimalField(max_digits=18, decimal_places=0)

    class Meta:
        verbose_name = _("dashboard summary row")
        verbose_name_plural = _("dashboard summary")
        indexes = [
            # Every dashboard query: a dimension over a range of months.
            models.Index(fields=["dimension", "year", "month"], name="dashboard_summary_dim_idx"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}-{self.month:02d} {self.dimension}={self.code}: {self.value}"


class SummaryRefresh(models.Model):
    """When the summary was last rebuilt (one row): the "figures as of" of every page."""

    finished_at = models.DateTimeField()
    seconds = models.FloatField(default=0)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("dashboard summary refresh")
        verbose_name_plural = _("dashboard summary refreshes")

    def __str__(self):
        return f"{self.finished_at:%Y-%m-%d %H:%M} ({self.rows} rows, {self.seconds:.1f} s)"
