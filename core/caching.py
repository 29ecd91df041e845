"""The shared cache (Redis in production) used as an optimisation only: a cache that is down or
slow costs the work it would have saved, never the page (RELIABILITY.md)."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def cache_get(key, default=None):
    try:
        return cache.get(key, default)
    except Exception:  # noqa: BLE001 - any cache failure: do the work instead
        logger.warning("cache unavailable (get %s)", key, exc_info=True)
        return default


def cache_set(key, value, timeout):
    try:
        cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable (set %s)", key, exc_info=True)


def cache_delete_many(keys):
    try:
        cache.delete_many(keys)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable (delete %s)", keys, exc_info=True)


def cache_get_many(keys) -> dict:
    """Several keys in one round trip (a version and the entry it guards, say); {} when the
    cache is down."""
    try:
        return cache.get_many(keys)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable (get_many %s)", keys, exc_info=True)
        return {}
