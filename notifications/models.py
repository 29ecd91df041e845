"""The notification outbox and each person's channel preferences.

A `Notification` row is one message to one person over one channel, written in the same
transaction as the change that caused it (see `services.notify`). Its subject and body are
rendered when it is written, in the recipient's language, so that sending needs nothing but the
row and the recipient's current address.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INBOX = "inbox", _("In-app inbox")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class NotificationQuerySet(models.QuerySet):
    def inbox(self):
        return self.filter(channel=Channel.INBOX)

    def unread(self):
        return self.inbox().filter(read_at__isnull=True)


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(_("event"), max_length=80)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    body_html = models.TextField(_("HTML text"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Idempotency key: with it, the same (recipient, event, key) is notified once, ever.
    key = models.CharField(_("idempotency key"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Not before: the claim skips a row whose retry is scheduled later, and the sweeper re-queues
    # a pending row only once this is comfortably in the past (its message was lost).
    next_attempt_at = models.DateTimeField(_("next attempt"))
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event", "key", "channel"],
                condition=~Q(key=""),
                name="notifications_once_per_key",
            ),
        ]
        indexes = [
            # The inbox page: one person's in-app messages, newest first.
            models.Index(
                fields=["recipient", "-created_at"],
                condition=Q(channel="inbox"),
                name="notifications_inbox_idx",
            ),
            # The navbar badge on every page: COUNT of one person's unread messages.
            models.Index(
                fields=["recipient"],
                condition=Q(channel="inbox", read_at__isnull=True),
                name="notifications_unread_idx",
            ),
            # The sweeper, every minute: rows still waiting. Partial, so it stays tiny however
            # many millions of sent rows the table holds.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="notifications_waiting_idx",
            ),
            # The admin log: newest first, optionally by status (failed ones, above all).
            models.Index(fields=["status", "-created_at"], name="notifications_status_idx"),
            models.Index(fields=["-created_at"], name="notifications_created_idx"),
        ]

    def __str__(self):
        return f"{self.event} → {self.get_channel_display()} #{self.pk}"

    @property
    def is_unread(self):
        return self.channel == Channel.INBOX and self.read_at is None


class NotificationPreference(models.Model):
    """Which channels a person wants besides the in-app inbox (which everyone has).

    No row means the defaults: email on, SMS and WhatsApp off until the person opts in (and SMS
    or WhatsApp also need a verified mobile number).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    email = models.BooleanField(_("email"), default=True)
    sms = models.BooleanField(_("SMS"), default=False)
    whatsapp = models.BooleanField(_("WhatsApp"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)
