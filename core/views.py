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


# --- Error pages ------------------------------------------------------------------------------
# Rendered without the request's context processors and without a CSRF check: an error page must
# not fail for the reason the request failed (Django's default 400 view re-runs the CSRF check,
# which re-reads the unreadable body and answers 500). A plain-text answer if even that fails.
ERROR_TEMPLATES = {400: "400.html", 403: "403.html", 404: "404.html", 429: "429.html", 500: "500.html"}


def render_error(request, status, *, context=None, headers=None):
    from django.http import HttpResponse
    from django.template import loader

    try:
        body = loader.get_template(ERROR_TEMPLATES[status]).render(context or {})
        content_type = "text/html; charset=utf-8"
    except Exception:  # noqa: BLE001 - the last line of defence must not raise
        logger.exception("error page %s could not be rendered", status)
        body, content_type = f"{status}\n", "text/plain; charset=utf-8"
    response = HttpResponse(body, status=status, content_type=content_type)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def bad_request(request, exception=None):
    return render_error(request, 400)


def permission_denied(request, exception=None):
    return render_error(request, 403)


def page_not_found(request, exception=None):
    return render_error(request, 404)


def server_error(request):
    return render_error(request, 500)
