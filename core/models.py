from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kecamatan(models.Model):
    """One of the 23 kecamatan (districts) of Kabupaten Bekasi, by its Kemendagri code."""

    code = models.CharField(_("code"), max_length=8, unique=True)  # "32.16.01"
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self):
        return self.name


class Desa(models.Model):
    """A desa or kelurahan (village) inside a kecamatan."""

    class Kind(models.TextChoices):
        DESA = "desa", _("desa")
        KELURAHAN = "kelurahan", _("kelurahan")

    code = models.CharField(_("code"), max_length=13, unique=True)  # "32.16.01.2001"
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="desa_set", verbose_name=_("kecamatan")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")

    def __str__(self):
        return self.name


class EducationLevel(models.Model):
    """SD ... S3, ordered so that "at least SMA" is `rank >= level.rank`."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("education level")
        verbose_name_plural = _("education levels")

    def __str__(self):
        return self.name


class Sector(models.Model):
    """An economic sector: a KBLI 2020 section (A ... U)."""

    code = models.CharField(_("KBLI section"), max_length=1, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("economic sector")
        verbose_name_plural = _("economic sectors")

    def __str__(self):
        return f"{self.code} – {self.name}"


class Counter(models.Model):
    """Yearly serial numbers (AK/1 cards, certificates): `core.services.next_serial`."""

    name = models.CharField(_("name"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number used"), default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="core_counter_one_per_name_and_year")]

    def __str__(self):
        return f"{self.name} {self.year}: {self.last}"


class AuditLog(models.Model):
    """Who did what to which record, when, and why. Written only by `core.services.audit`."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    action = models.CharField(_("action"), max_length=50)
    from_status = models.CharField(_("from status"), max_length=40, blank=True)
    to_status = models.CharField(_("to status"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            # "History of this record", the admin's and every detail page's query.
            models.Index(fields=["content_type", "object_id", "-created_at"], name="core_audit_record_idx"),
            # "What did this person do", for reviews of staff access to personal data.
            models.Index(fields=["actor", "-created_at"], name="core_audit_actor_idx"),
        ]

    def __str__(self):
        moved = f" {self.from_status} → {self.to_status}" if self.to_status else ""
        return f"{self.action}{moved} ({self.content_type.model} #{self.object_id})"


class Heartbeat(models.Model):
    """When the Celery beat last published, and a worker last ran, the heartbeat task.

    One row per process kind, overwritten: the table never grows. Read by `/readyz?full=1` and
    the metrics endpoint (see core/health.py).
    """

    class Process(models.TextChoices):
        BEAT = "beat", _("Celery beat")
        WORKER = "worker", _("Celery worker")

    process = models.CharField(_("process"), max_length=10, choices=Process, primary_key=True)
    at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.get_process_display()}: {self.at:%Y-%m-%d %H:%M:%S}"
