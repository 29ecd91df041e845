"""The outbox as operators see it: a `/readyz?full=1` check and metrics, registered into core
(which cannot import this app) from `NotificationsConfig.ready()`."""

from django.conf import settings
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from . import selectors


def _age(backlog, now) -> float | None:
    oldest = backlog["oldest_pending_at"]
    return None if oldest is None else max((now - oldest).total_seconds(), 0.0)


def outbox_check() -> dict:
    backlog = selectors.outbox_backlog()
    age = _age(backlog, timezone.now())
    late = age is not None and age > settings.HEALTH_OUTBOX_LATE_SECONDS
    return {
        "status": "late" if late else "ok",
        "pending": backlog["pending"],
        "sending": backlog["sending"],
        "failed": backlog["failed"],
        "oldest_pending_seconds": None if age is None else round(age, 1),
    }


def outbox_families():
    backlog = selectors.outbox_backlog()
    messages = GaugeMetricFamily("bekasi_outbox_messages", "Notifications not sent (yet), by status", labels=["status"])
    for status in ("pending", "sending", "failed"):
        messages.add_metric([status], backlog[status])
    yield messages
    yield GaugeMetricFamily(
        "bekasi_outbox_oldest_pending_seconds",
        "Age of the oldest pending notification (0 when none is pending)",
        value=_age(backlog, timezone.now()) or 0.0,
    )
