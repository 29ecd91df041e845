"""Fixed-window counters in the cache (Redis in production): "at most N per window per key".

Used for the one-time codes, per mobile number and per client address. A cache that is down
must not lock people out: the counter then allows the request (the codes are still single-use,
short-lived and limited to a few guesses each).
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def allow(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit on `key`; False once more than `limit` hits fell in the current window."""
    cache_key = f"throttle:{key}"
    try:
        if cache.add(cache_key, 1, timeout=window_seconds):
            return True
        return cache.incr(cache_key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds)
        return True
    except Exception as exc:  # noqa: BLE001 - a cache outage must not refuse every request
        logger.warning("throttle: cache unavailable (%s); allowing", type(exc).__name__)
        return True


def reset(key: str) -> None:
    """Forget the counter of `key` (tests; staff helping a person who is locked out)."""
    cache.delete(f"throttle:{key}")
