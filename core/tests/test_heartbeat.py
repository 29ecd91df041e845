"""The Celery heartbeat: beat and worker each leave a timestamp; /readyz?full=1 reads them."""

import datetime

import pytest
from celery import current_app
from django.conf import settings

from core import health
from core.models import Heartbeat
from core.tasks import heartbeat

NOW = datetime.datetime(2026, 11, 29, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def _seen(process):
    return Heartbeat.objects.get(process=process).at


def test_beat_publishes_the_heartbeat_every_minute_and_drops_stale_runs():
    entry = settings.CELERY_BEAT_SCHEDULE["core-heartbeat"]
    assert entry["task"] == "core.heartbeat"
    assert entry["schedule"] == datetime.timedelta(seconds=60)
    assert entry["options"]["expires"] == 60


def test_running_the_heartbeat_task_records_the_worker_and_overwrites_its_row(db, now, time_machine):
    heartbeat.apply()
    assert _seen("worker") == now
    time_machine.move_to(NOW + datetime.timedelta(minutes=1), tick=False)
    heartbeat.apply()
    assert _seen("worker") == NOW + datetime.timedelta(minutes=1)
    assert Heartbeat.objects.count() == 1  # one row per process kind, ever


def test_publishing_the_heartbeat_task_records_beat_and_publishing_another_task_does_not(db, now, broker):
    broker("memory://")  # an in-process queue: the publish is real, nobody consumes it
    current_app.send_task("notifications.requeue_stuck")
    assert not Heartbeat.objects.filter(process="beat").exists()
    current_app.send_task("core.heartbeat")
    assert _seen("beat") == now
    assert not Heartbeat.objects.filter(process="worker").exists()  # nothing ran it


def test_a_database_error_while_beat_publishes_is_logged_and_publishing_goes_on(db, broker, caplog, monkeypatch):
    broker("memory://")

    def fail(process):
        raise RuntimeError("database gone")

    monkeypatch.setattr(health, "heartbeat_record", fail)
    current_app.send_task("core.heartbeat")  # does not raise
    assert "could not record beat: RuntimeError" in caplog.text


def _full(client):
    response = client.get("/readyz?full=1")
    assert response.status_code == 200, response.content  # never 503 for a late worker
    return response.json()


def test_fresh_heartbeats_are_ok(client, db, now, broker):
    broker("memory://")
    Heartbeat.objects.create(process="beat", at=now - datetime.timedelta(seconds=30))
    Heartbeat.objects.create(process="worker", at=now - datetime.timedelta(seconds=31))
    body = _full(client)
    assert body["status"] == "ok"
    assert body["checks"]["beat"] == {"status": "ok", "age_seconds": 30.0, "ms": body["checks"]["beat"]["ms"]}
    assert body["checks"]["worker"]["age_seconds"] == 31.0


def test_a_late_worker_heartbeat_is_reported_as_degraded(client, db, now, broker):
    broker("memory://")
    Heartbeat.objects.create(process="beat", at=now - datetime.timedelta(seconds=30))
    # Beat goes on publishing, but no worker has run the task for 10 minutes.
    Heartbeat.objects.create(process="worker", at=now - datetime.timedelta(minutes=10))
    body = _full(client)
    assert body["status"] == "degraded"
    assert body["checks"]["worker"]["status"] == "late"
    assert body["checks"]["worker"]["age_seconds"] == 600.0
    assert body["checks"]["beat"]["status"] == "ok"


def test_lateness_follows_the_setting(client, db, now, broker, settings):
    broker("memory://")
    settings.HEALTH_HEARTBEAT_LATE_SECONDS = 900
    for process in ("beat", "worker"):
        Heartbeat.objects.create(process=process, at=now - datetime.timedelta(minutes=10))
    assert _full(client)["status"] == "ok"


def test_a_heartbeat_never_seen_is_missing_and_degraded(client, db, now, broker):
    broker("memory://")
    Heartbeat.objects.create(process="worker", at=now)
    body = _full(client)
    assert body["status"] == "degraded"
    assert body["checks"]["beat"]["status"] == "missing"


def test_without_a_broker_no_worker_is_expected(client, db, celery_eager):
    body = _full(client)
    assert body["status"] == "ok"
    assert body["checks"]["worker"]["status"] == body["checks"]["beat"]["status"] == "eager"


def test_full_readiness_costs_four_small_queries(client, db, now, broker, django_assert_num_queries):
    broker("memory://")
    with django_assert_num_queries(4):
        # SELECT 1; the beat heartbeat; the worker heartbeat; the outbox backlog (one grouped COUNT)
        _full(client)


def test_a_failing_monitoring_check_degrades_but_does_not_fail_readiness(client, db, broker, monkeypatch):
    broker("memory://")

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(health._checks, "beat", health.Check(name="beat", run=broken))
    body = _full(client)
    assert body["status"] == "degraded"
    assert body["checks"]["beat"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


def test_with_the_broker_down_full_readiness_fails_and_skips_the_monitoring_checks(client, db, broker):
    broker("redis://127.0.0.1:9/0")  # nothing listens there
    response = client.get("/readyz?full=1")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["worker"] == body["checks"]["beat"] == {"status": "skipped"}
