"""Throttles for expensive or abusable actions, per account and per IP, in the shared cache.

    from core.throttle import throttle

    @throttle("vacancy_apply", per_account=(10, 3600), per_ip=(30, 3600))
    def apply(request, pk): ...

Counts attempts (POST, unless `methods` says otherwise) in fixed windows, in Django's default cache
(Redis in production, so every web process shares the counts). Over a limit, the view is not run:
the answer is 429 with the portal's page ("try again in N minutes") and `Retry-After` in seconds.

"Account" is the logged-in person, or, for anonymous forms, the identifier typed into the form
(`account_field`, e.g. the email of a password reset), hashed: the counter exists whether or not
that account does, and the 429 is the same either way, so it reveals nothing about who is
registered. Limits can be changed per scope in settings.THROTTLE_RATES
(`{"password_reset": {"per_ip": [10, 3600], "per_account": [3, 3600]}}`); settings.THROTTLES_ENABLED
switches them all (off in tests/settings.py; the throttle tests turn it on). If the cache is down
the request is let through (logged): a Redis outage must not close registration.
"""

import hashlib
import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# Every throttle of the portal, with its default limits: (attempts, window in seconds).
REGISTRY: dict[str, dict[str, tuple[int, int]]] = {}


def client_ip(request) -> str:
    """The client address as django-axes reads it (AXES_IPWARE_META_PRECEDENCE_ORDER)."""
    for header in getattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", ["REMOTE_ADDR"]):
        value = request.META.get(header, "")
        if value:
            return value.split(",")[0].strip()[:64]
    return "unknown"


def _limits(scope, defaults):
    configured = getattr(settings, "THROTTLE_RATES", {}).get(scope, {})
    return {kind: tuple(configured.get(kind, limit)) for kind, limit in defaults.items() if limit}


def _key(key, window, now) -> tuple[str, int]:
    bucket = int(now // window)
    return f"throttle:{key}:{bucket}", bucket


def _hit(key, limit, window, now) -> float | None:
    """Count one attempt; seconds to wait if over the limit, else None."""
    full_key, bucket = _key(key, window, now)
    cache.add(full_key, 0, timeout=window + 5)
    count = cache.incr(full_key)
    if count > limit:
        return (bucket + 1) * window - now
    return None


def allow(key: str, *, limit: int, window_seconds: int) -> bool:
    """The counter alone, for callers that answer in their own way (the SMS one-time codes say so
    on their form): count one hit on `key`; False once more than `limit` fell in the current
    window. A cache that is down allows the request (logged). Not switched by THROTTLES_ENABLED."""
    try:
        return _hit(key, limit, window_seconds, time.time()) is None
    except Exception:  # noqa: BLE001 - a cache outage must not refuse every request
        logger.warning("throttle %s: cache unavailable, not counted", key.split(":")[0], exc_info=True)
        return True


def reset(key: str, *, window_seconds: int) -> None:
    """Forget the current window's count of `key` (tests; staff helping a person who is locked out)."""
    cache.delete(_key(key, window_seconds, time.time())[0])


def _account(request, account_field):
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    for field in (account_field,) if isinstance(account_field, str) else account_field or ():
        typed = (request.POST.get(field) or "").strip().lower().replace(" ", "")
        if typed:
            return "typed:" + hashlib.sha256(typed.encode()).hexdigest()[:32]
    return None


def check(request, scope, *, per_account=None, per_ip=None, account_field=None) -> float | None:
    """Count this attempt against `scope`; the seconds to wait if a limit is exceeded."""
    if not getattr(settings, "THROTTLES_ENABLED", True):
        return None
    limits = _limits(scope, {"per_account": per_account, "per_ip": per_ip})
    now = time.time()
    waits = []
    try:
        if "per_ip" in limits:
            waits.append(_hit(f"{scope}:ip:{client_ip(request)}", *limits["per_ip"], now))
        account = _account(request, account_field)
        if "per_account" in limits and account:
            waits.append(_hit(f"{scope}:{account}", *limits["per_account"], now))
    except Exception:  # noqa: BLE001 - the cache is down: let the request through
        logger.warning("throttle %s: cache unavailable, not counted", scope, exc_info=True)
        return None
    waits = [w for w in waits if w is not None]
    return max(waits) if waits else None


def too_many_requests(request, retry_after: float):
    from core.views import render_error

    seconds = max(1, math.ceil(retry_after))
    return render_error(
        request, 429, context={"retry_minutes": max(1, math.ceil(seconds / 60))}, headers={"Retry-After": str(seconds)}
    )


def throttle(scope, *, per_account=None, per_ip=None, account_field=None, methods=("POST",)):
    """Decorator: see the module docstring."""
    REGISTRY[scope] = {k: v for k, v in (("per_account", per_account), ("per_ip", per_ip)) if v}

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                wait = check(request, scope, per_account=per_account, per_ip=per_ip, account_field=account_field)
                if wait is not None:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
