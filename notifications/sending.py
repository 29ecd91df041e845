"""Sending one outbox row: claim it, deliver it, record what happened.

Delivery is at least once (a message can reach the worker twice: the on-commit publish and the
sweeper's, or a redelivery after a crash), so the send itself must be idempotent: a worker first
claims the row with a conditional UPDATE, and only the one that changed it sends.
"""

import logging
import random
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db.models import F
from django.utils import timezone

from .gateways import DeliveryError, get_gateway, redact
from .models import Channel, Notification

# Published here and in services.py alike (sending is imported by the tasks, not by services).
UNVERIFIED_NUMBER_EVENTS = frozenset({"accounts.one_time_code"})
SENT_CODE_PLACEHOLDER = "[one-time code removed after sending]"

logger = logging.getLogger(__name__)

# Worker clocks may run a little behind the one that scheduled a retry; a retry that arrives a
# moment "early" must not be skipped (it would then wait for the sweeper).
CLOCK_SLACK = timedelta(seconds=2)


@dataclass(frozen=True)
class Outcome:
    status: str  # "sent", "retry", "failed" or "skipped" (not ours to send, or not due yet)
    retry_in: float | None = None


def backoff_seconds(attempts: int) -> float:
    """Exponential backoff with jitter: about base, 2 base, 4 base, ... capped.

    "Equal jitter": half the delay is fixed, half random, so retries of many messages that failed
    together (a gateway outage) spread out instead of hitting the gateway again all at once.
    """
    delay = min(
        settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), settings.NOTIFICATIONS_RETRY_MAX_SECONDS
    )
    return delay / 2 + random.uniform(0, delay / 2)


def _deliver(notification: Notification) -> None:
    user = notification.recipient
    reference = f"notification-{notification.pk}"
    if notification.channel == Channel.EMAIL:
        if not user.email:
            raise DeliveryError("the recipient no longer has an email address", permanent=True)
        message = EmailMultiAlternatives(
            subject=notification.subject,
            body=notification.body,
            to=[user.email],
            headers={
                # Stable across retries: mail systems drop a duplicate with the same Message-ID.
                "Message-ID": f"<{reference}@{DNS_NAME}>",
                "X-Bekasi-Notification": str(notification.pk),
                "Auto-Submitted": "auto-generated",
            },
        )
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        try:
            message.send()
        except OSError as exc:  # smtplib.SMTPException and socket errors
            permanent = isinstance(exc, smtplib.SMTPRecipientsRefused)
            raise DeliveryError(f"{type(exc).__name__}: {exc}", permanent=permanent) from exc
    elif notification.channel in (Channel.SMS, Channel.WHATSAPP):
        if not user.phone:
            raise DeliveryError("the recipient no longer has a mobile number", permanent=True)
        if not user.phone_verified_at and notification.event not in UNVERIFIED_NUMBER_EVENTS:
            raise DeliveryError("the recipient no longer has a verified mobile number", permanent=True)
        get_gateway().send(channel=notification.channel, to=user.phone, text=notification.body, reference=reference)
    else:
        raise DeliveryError(f"channel {notification.channel} is not sent by a worker", permanent=True)


def send(*, notification_id: int) -> Outcome:
    now = timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id,
        status=Notification.Status.PENDING,
        next_attempt_at__lte=now + CLOCK_SLACK,
    ).update(status=Notification.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        # Sent already, being sent by another worker, waiting for its scheduled retry, or gone.
        return Outcome("skipped")
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    mine = Notification.objects.filter(pk=notification_id, status=Notification.Status.SENDING)
    try:
        _deliver(notification)
    except DeliveryError as exc:
        error, permanent = redact(exc), exc.permanent
    except Exception as exc:  # noqa: BLE001 - anything unexpected is retried, then shown to staff as failed
        error, permanent = redact(f"{type(exc).__name__}: {exc}"), False
    else:
        sent = {"status": Notification.Status.SENT, "sent_at": timezone.now(), "last_error": ""}
        if notification.event in UNVERIFIED_NUMBER_EVENTS:
            sent["body"] = SENT_CODE_PLACEHOLDER  # the code is kept only as a hash (accounts.otp)
        mine.update(**sent)
        return Outcome("sent")
    if permanent or notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        mine.update(status=Notification.Status.FAILED, last_error=error)
        logger.warning(
            "notification %s (%s) failed after %s attempt(s): %s",
            notification.pk,
            notification.channel,
            notification.attempts,
            error,
        )
        return Outcome("failed")
    delay = backoff_seconds(notification.attempts)
    mine.update(
        status=Notification.Status.PENDING,
        last_error=error,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    logger.info(
        "notification %s (%s) will be retried in %.0f s: %s", notification.pk, notification.channel, delay, error
    )
    return Outcome("retry", retry_in=delay)
