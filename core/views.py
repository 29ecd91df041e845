import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import health

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "core/home.html")


@never_cache
@require_safe
def healthz(request):
    """Liveness: the process answers. No database, no broker, no I/O: restart me only if this fails."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Readiness: the database and the broker answer (200, or 503 naming the failed check).

    With `?full=1` (monitoring) also the Celery heartbeats and what apps registered (the outbox),
    which can only make it "degraded" (still 200). Publishes nothing, writes nothing.
    """
    full = request.GET.get("full") in ("1", "true", "yes")
    status, checks = health.run_checks(full=full)
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == health.ERROR else 200)


def status_glossary(request):
    """What every status word means (core/glossary.py; the apps register theirs)."""
    from . import glossary

    return render(request, "core/status_glossary.html", {"groups": glossary.groups()})


def privacy(request):
    """The privacy notice (UU 27/2022), in plain words; its version is the one consents name."""
    from django.utils.translation import get_language

    from .privacy import NOTICE_VERSION

    language = "en" if (get_language() or "").startswith("en") else "id"
    return render(request, f"core/privacy_{language}.html", {"version": NOTICE_VERSION})


def favicon(request):
    """/favicon.ico, asked for by browsers and crawlers that do not read <link rel="icon">."""
    from django.shortcuts import redirect
    from django.templatetags.static import static

    return redirect(static("img/favicon.ico"), permanent=True)


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
