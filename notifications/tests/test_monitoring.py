"""The outbox as operators see it: /readyz?full=1 and the metrics endpoint."""

import datetime

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from notifications.models import Notification
from notifications.tests.factories import NotificationFactory

S = Notification.Status


def _created(minutes_ago, **kwargs):
    row = NotificationFactory(**kwargs)
    Notification.objects.filter(pk=row.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago))
    return row


@pytest.fixture
def outbox(db):
    _created(12, status=S.PENDING)
    _created(3, status=S.PENDING)
    _created(1, status=S.SENDING)
    _created(60, status=S.FAILED)
    _created(90, status=S.SENT)  # sent rows are neither counted nor aged


def test_full_readiness_reports_the_oldest_pending_message_and_degrades_past_ten_minutes(client, outbox):
    body = client.get("/readyz?full=1").json()
    check = body["checks"]["outbox"]
    assert (check["status"], check["pending"], check["sending"], check["failed"]) == ("late", 2, 1, 1)
    assert 12 * 60 <= check["oldest_pending_seconds"] < 12 * 60 + 30
    assert body["status"] == "degraded"


def test_a_backlog_younger_than_the_setting_is_ok(client, outbox, settings):
    settings.HEALTH_OUTBOX_LATE_SECONDS = 15 * 60
    assert client.get("/readyz?full=1").json()["checks"]["outbox"]["status"] == "ok"


def test_an_empty_outbox_is_ok_with_no_age(client, db):
    check = client.get("/readyz?full=1").json()["checks"]["outbox"]
    assert (check["status"], check["pending"], check["oldest_pending_seconds"]) == ("ok", 0, None)


def test_the_metrics_carry_the_outbox_counts_and_the_oldest_pending_age(client, outbox):
    families = {f.name: f for f in text_string_to_metric_families(client.get("/metrics").content.decode())}
    counts = {s.labels["status"]: s.value for s in families["bekasi_outbox_messages"].samples}
    assert counts == {"pending": 2, "sending": 1, "failed": 1}
    age = families["bekasi_outbox_oldest_pending_seconds"].samples[0].value
    assert 12 * 60 <= age < 12 * 60 + 30
    up = {s.labels["name"]: s.value for s in families["bekasi_collector_up"].samples}
    assert up == {"heartbeat": 1, "outbox": 1}
