import logging
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .tasks import ping

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "core/home.html")


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        ping.delay()  # runs in-process
        return "eager"
    # Publishing the health task is what a status change does too; `expires` keeps a worker
    # that was down from working through a pile of stale pings. Bounded by the short broker
    # timeouts in settings, so a dead Redis answers 503 in seconds, not a hung request.
    ping.apply_async(expires=30, retry=False)
    return "ok"


@never_cache
@require_GET
def healthz(request):
    checks = {}
    healthy = True
    for name, check in (("database", _check_database), ("broker", _check_broker)):
        started = time.monotonic()
        try:
            status = check()
        except Exception as exc:  # noqa: BLE001 - any failure is "unhealthy", reported by type only
            logger.warning("healthz: %s check failed: %s", name, type(exc).__name__)
            status, healthy = "error", False
            checks[name] = {"status": status, "error": type(exc).__name__}
        else:
            checks[name] = {"status": status}
        checks[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
