"""Readiness checks and the Celery heartbeat.

`/healthz` (liveness) checks nothing but that the process answers. `/readyz` (readiness) checks
the database and the broker at connection level: a `SELECT 1` and a Redis `PING`, each bounded by
`HEALTH_CHECK_TIMEOUT`. Neither publishes a task or writes a row, so a load balancer calling them
every second during a worker outage fills nothing (a published ping task used to stay in Redis
until a worker came back: 153,816 messages after one 15-minute benchmark).

`/readyz?full=1` (for monitoring) adds the checks below the web node's own readiness: how long
ago beat and a worker were last seen, and what other apps register here from their
`AppConfig.ready()` (the notifications outbox). Those say "degraded", never "error": a late
worker does not make this web node unfit for traffic.

Heartbeat: beat publishes `core.heartbeat` every `HEALTH_HEARTBEAT_SECONDS`; the beat process
records the publish (signal `before_task_publish`), the worker that runs it records the run.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import redis
from celery import current_app
from django.conf import settings
from django.db import connection
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from redis.backoff import NoBackoff
from redis.retry import Retry

from . import metrics
from .models import Heartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_TASK = "core.heartbeat"

OK, DEGRADED, ERROR = "ok", "degraded", "error"


@dataclass(frozen=True)
class Check:
    """A named check. `run()` returns a dict with at least "status" ("ok", "degraded" or another
    word a person reads, e.g. "eager"); raising counts as "error"."""

    name: str
    run: Callable[[], dict]
    # Essential checks decide 200 or 503; the others only "degraded" and run only with ?full=1.
    essential: bool = False


_checks: dict[str, Check] = {}


def register(check: Check) -> None:
    """Add a check (from an app's `AppConfig.ready()`); registering a name again replaces it."""
    _checks[check.name] = check


def checks(*, full: bool) -> list[Check]:
    return [c for c in _checks.values() if full or c.essential]


def run_checks(*, full: bool) -> tuple[str, dict]:
    """Run the checks: ("ok" | "degraded" | "error", {name: {"status": ..., "ms": ...}})."""
    results = {}
    overall = OK
    for check in checks(full=full):
        if overall == ERROR and not check.essential:
            # The database or broker is down: the monitoring checks would only wait on it too.
            results[check.name] = {"status": "skipped"}
            continue
        started = time.monotonic()
        try:
            result = dict(check.run())
        except Exception as exc:  # noqa: BLE001 - any failure is "error", reported by type only
            logger.warning("readyz: %s check failed: %s", check.name, type(exc).__name__)
            result = {"status": ERROR, "error": type(exc).__name__}
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
        results[check.name] = result
        if result["status"] == ERROR and check.essential:
            overall = ERROR
        elif result["status"] not in (OK, "eager") and overall == OK:
            overall = DEGRADED
    return overall, results


# --- Essential checks ------------------------------------------------------------------------


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK}


_redis_clients: dict[str, redis.Redis] = {}


def _redis_client(url: str) -> redis.Redis:
    """One small connection pool per broker URL and process, with the health check's own short
    timeouts and no retries. The broker's pool (kombu's) has the publish timeouts (3 s, with a
    retry) and no per-call timeout, so a paused Redis would hold the check past what a load
    balancer waits; this pool opens one connection and keeps it, so a check costs one round trip.
    """
    client = _redis_clients.get(url)
    if client is None:
        timeout = settings.HEALTH_CHECK_TIMEOUT
        client = redis.Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
            retry_on_timeout=False,
            health_check_interval=0,
        )
        _redis_clients[url] = client
    return client


def check_broker() -> dict:
    conf = current_app.conf
    if conf.task_always_eager:
        return {"status": "eager"}  # tasks run in-process: there is no broker to reach
    url = conf.broker_url
    if urlsplit(url).scheme in ("redis", "rediss"):
        _redis_client(url).ping()
    else:
        # Another transport: a connection-level check through kombu, still publishing nothing.
        with current_app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=1, timeout=settings.HEALTH_CHECK_TIMEOUT)
    return {"status": OK}


# --- The heartbeat ---------------------------------------------------------------------------


def heartbeat_record(process: str) -> None:
    """Overwrite the row of `process` with the current time (one UPDATE; an INSERT the first time)."""
    now = timezone.now()
    if not Heartbeat.objects.filter(process=process).update(at=now):
        Heartbeat.objects.get_or_create(process=process, defaults={"at": now})


def record_beat_publish(sender=None, **kwargs) -> None:
    """`before_task_publish` receiver: in the beat process, publishing the heartbeat task is beat's
    sign of life. Never raises: a database hiccup must not stop beat publishing."""
    task_name = sender or (kwargs.get("headers") or {}).get("task")
    if task_name != HEARTBEAT_TASK:
        return
    try:
        heartbeat_record(Heartbeat.Process.BEAT)
    except Exception as exc:  # noqa: BLE001 - logged; the next publish tries again
        logger.warning("heartbeat: could not record beat: %s", type(exc).__name__)
        connection.close()  # a broken connection is not reused by the next attempt


def heartbeat_ages(*, now=None) -> dict[str, float | None]:
    """Seconds since beat and a worker were last seen (None: never). One query."""
    now = now or timezone.now()
    seen = dict(Heartbeat.objects.values_list("process", "at"))
    return {p: ((now - seen[p]).total_seconds() if p in seen else None) for p in Heartbeat.Process.values}


def _heartbeat_check(process: str) -> Callable[[], dict]:
    def run() -> dict:
        if current_app.conf.task_always_eager:
            return {"status": "eager"}  # no worker and no beat expected
        age = heartbeat_ages()[process]
        late_after = timedelta(seconds=settings.HEALTH_HEARTBEAT_LATE_SECONDS).total_seconds()
        if age is None:
            return {"status": "missing", "age_seconds": None}
        return {"status": OK if age <= late_after else "late", "age_seconds": round(age, 1)}

    return run


register(Check(name="database", run=check_database, essential=True))
register(Check(name="broker", run=check_broker, essential=True))
register(Check(name="beat", run=_heartbeat_check(Heartbeat.Process.BEAT)))
register(Check(name="worker", run=_heartbeat_check(Heartbeat.Process.WORKER)))


def heartbeat_families():
    ages = GaugeMetricFamily(
        "bekasi_celery_heartbeat_age_seconds",
        "Seconds since Celery beat published, and a worker ran, the heartbeat task",
        labels=["process"],
    )
    for process, age in heartbeat_ages().items():
        if age is not None:
            ages.add_metric([process], age)
    yield ages


metrics.register_collector("heartbeat", heartbeat_families)
