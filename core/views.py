import logging
import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from accounts.roles import Role

from .tasks import ping

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "core/home.html")


@login_required
def after_login(request):
    """Send each person to the page their role starts from."""
    user = request.user
    if user.is_staff:
        return redirect("admin:index")
    if user.has_role(Role.TKP3D):
        return redirect("dashboard:index")
    if user.has_role(Role.PARTNER):
        return redirect("trainings:partner_home")
    if user.has_role(Role.BANK):
        return redirect("financing:bank_home")
    return redirect("seekers:dashboard")


@require_POST
def set_language(request):
    """Django's language switcher, which also remembers the choice on the account (emails and
    SMS are written in it)."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES) and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


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
