"""Prometheus metrics: what an operator watches (README "Health checks and metrics").

Labels carry only bounded values that name code, never people: a view's URL name (not the path,
which may hold an id or a token), an HTTP method and status, a Celery task's registered name, an
audited action. Event metrics (requests, tasks, logins, audited actions) are counted in the
process where they happen; under gunicorn or with a worker on the same host set
`PROMETHEUS_MULTIPROC_DIR` (see README) so one scrape sums every process. State metrics (the
outbox backlog, heartbeat ages) are read from the database when scraped, by the collectors that
apps register here from their `AppConfig.ready()`.
"""

import hmac
import ipaddress
import logging
import os
import re
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

# --- Event metrics ----------------------------------------------------------------------------

HTTP_REQUESTS = Counter(
    "bekasi_http_requests",
    "HTTP requests answered, by view (URL name), method and status",
    ["view", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "bekasi_http_request_duration_seconds",
    "Time from the request entering Django's middleware to the response leaving it, by view",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
HTTP_DB_QUERIES = Histogram(
    "bekasi_http_request_db_queries",
    "Database queries made while answering one request, by view",
    ["view"],
    buckets=(0, 1, 2, 4, 6, 8, 10, 15, 20, 30, 50, 100),
)
CELERY_TASKS = Counter("bekasi_celery_tasks", "Celery task runs by task name and outcome", ["task", "outcome"])
LOGIN_FAILURES = Counter("bekasi_login_failures", "Failed login attempts (wrong identifier or password, or locked)")
LOGIN_LOCKOUTS = Counter("bekasi_login_lockouts", "Logins refused by the throttle (django-axes lockouts)")
AUDITED = Counter("bekasi_audited_actions", "Committed audited actions, by record type and action", ["model", "action"])

_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
_SAFE_LABEL = re.compile(r"^[A-Za-z0-9_.:\-<>]{1,80}$")
# However labels come about, their combinations stay bounded: past this many, "other".
_MAX_LABEL_SETS = 2000
_seen_label_sets: set[tuple] = set()


def _bounded(metric_name: str, *values: str) -> tuple[str, ...]:
    """The label values, or "other" for any that looks unsafe or once the metric has too many."""
    values = tuple(v if _SAFE_LABEL.match(v) else "other" for v in values)
    key = (metric_name, *values)
    if key not in _seen_label_sets:
        if len(_seen_label_sets) >= _MAX_LABEL_SETS:
            return tuple("other" for _ in values)
        _seen_label_sets.add(key)
    return values


class _QueryCounter:
    """A database execute wrapper that only counts."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestMetricsMiddleware:
    """Counts each request by view, method and status, with its duration and database queries.

    Placed near the top of MIDDLEWARE so the duration includes the other middleware; below
    `HealthEndpointsMiddleware`, so probes and scrapes (every few seconds) are not counted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        queries = _QueryCounter()
        with connection.execute_wrapper(queries):
            response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        # The URL's name, never its path: paths carry ids, card tokens, file names.
        view = (match.view_name or "<unnamed>") if match else "<unresolved>"
        method = request.method if request.method in _METHODS else "other"
        view, method, status = _bounded("http", view, method, str(response.status_code))
        HTTP_REQUESTS.labels(view, method, status).inc()
        HTTP_LATENCY.labels(view).observe(time.perf_counter() - started)
        HTTP_DB_QUERIES.labels(view).observe(queries.count)
        return response


# --- Celery task outcomes, logins, audited actions (signal receivers, connected in core.apps) --


def _task_name(sender=None, **kwargs) -> str:
    return getattr(sender, "name", None) or "unknown"


def task_succeeded(sender=None, **kwargs):
    CELERY_TASKS.labels(*_bounded("celery", _task_name(sender), "succeeded")).inc()


def task_failed(sender=None, **kwargs):
    CELERY_TASKS.labels(*_bounded("celery", _task_name(sender), "failed")).inc()


def task_retried(sender=None, request=None, **kwargs):
    CELERY_TASKS.labels(*_bounded("celery", _task_name(sender), "retried")).inc()


def task_revoked(sender=None, expired=False, **kwargs):
    # `expired`: a message that waited past its `expires` (beat runs while no worker was up).
    CELERY_TASKS.labels(*_bounded("celery", _task_name(sender), "expired" if expired else "revoked")).inc()


def task_unknown(sender=None, **kwargs):
    CELERY_TASKS.labels("unknown", "unknown").inc()  # the message's name is not ours to trust


def login_failed(sender=None, **kwargs):
    LOGIN_FAILURES.inc()


def login_locked_out(sender=None, **kwargs):
    LOGIN_LOCKOUTS.inc()


_on_audit: dict[tuple[str, str], list[Callable[[], None]]] = {}


def count_when_audited(*, model: str, action: str, count: Callable[[], None]) -> None:
    """From an app's `AppConfig.ready()`: call `count()` (a metric's `inc`) each time `action` is
    audited on a `model` ("app_label.modelname") and the transaction commits. This is how the
    business metrics (AK/1 cards issued, applications by kind) are counted without touching the
    services that write them: every such write already passes through `core.services.audit`."""
    _on_audit.setdefault((model, action), []).append(count)


def audited(*, model: str, action: str) -> None:
    """Called by `core.services.audit`: counted once the change commits (a rollback counts nothing)."""
    model, action = _bounded("audit", model, action)
    extra = _on_audit.get((model, action), [])

    def count():
        AUDITED.labels(model, action).inc()
        for inc in extra:
            inc()

    transaction.on_commit(count)


# --- State metrics, read when scraped ---------------------------------------------------------

_collectors: dict[str, Callable[[], Iterable]] = {}


def register_collector(name: str, collect: Callable[[], Iterable]) -> None:
    """Add a function yielding metric families (prometheus_client.core.*MetricFamily), computed at
    scrape time, from an app's `AppConfig.ready()`. Keep it to one cheap query."""
    _collectors[name] = collect


class _LiveCollector:
    """The registered collectors; one that fails is logged and reported by `bekasi_collector_up`."""

    def collect(self):
        up = GaugeMetricFamily("bekasi_collector_up", "1 if the collector answered at the last scrape", labels=["name"])
        for name, collect in _collectors.items():
            try:
                families = list(collect())
            except Exception as exc:  # noqa: BLE001 - a scrape must not fail as a whole
                logger.warning("metrics: collector %s failed: %s", name, type(exc).__name__)
                up.add_metric([name], 0)
                continue
            up.add_metric([name], 1)
            yield from families
        yield up


_live_registry = CollectorRegistry(auto_describe=False)
_live_registry.register(_LiveCollector())


def exposition() -> bytes:
    """The whole metrics page: this process's (or, in multiprocess mode, every process's) event
    metrics, then the state read now."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_live_registry)


# --- Who may read them ------------------------------------------------------------------------

_PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def may_read_metrics(request) -> bool:
    """A bearer token equal to METRICS_TOKEN, or a direct connection from METRICS_ALLOWED_NETWORKS.

    A request that came through a proxy (it carries a forwarding header) is never let in by
    address: behind nginx on the same host every request comes from 127.0.0.1."""
    token = settings.METRICS_TOKEN
    auth = request.headers.get("Authorization", "")
    if token and auth.startswith("Bearer ") and hmac.compare_digest(auth[7:].strip().encode(), token.encode()):
        return True
    if any(h in request.META for h in _PROXY_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_NETWORKS)


@never_cache
@require_GET
def metrics_view(request):
    if not may_read_metrics(request):
        return HttpResponseForbidden(
            "metrics: not from an allowed network and no valid token\n", content_type="text/plain"
        )
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
