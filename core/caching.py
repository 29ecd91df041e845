"""The shared cache (Redis in production) used as an optimisation only: a cache that is down or
slow costs the work it would have saved, never the page (RELIABILITY.md)."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

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
        logger.warning("cache unavailable (get %s)", keys, exc_info=True)
        return {}


# --- Versioned entries: cached values that must never outlive a change ----------------------
# An entry is stored with the "stamp" of the version keys it was computed under; a change sets
# new version tokens (`bump_versions`), so every entry computed before it no longer matches.
# Race-free because the reader takes the versions *before* it reads the data, and the writer
# sets new versions both at once (its own next request) and again after its transaction commits
# (a reader that read the old rows meanwhile stored them under a token that is already stale).
VERSION_TIMEOUT = 7 * 24 * 60 * 60


def _token() -> str:
    return uuid.uuid4().hex[:12]


def current_version(key) -> str:
    """The token a version key holds now, or a new one set there (nothing cached under the key
    yet, or it expired): a part of the cache keys of the entries that version guards."""
    version = cache_get(key)
    if version is None:
        version = _token()
        cache_set(key, version, VERSION_TIMEOUT)
    return version


def bump_versions(keys) -> None:
    """Call on every change an entry depends on (post_save/post_delete receivers, services)."""
    keys = list(keys)
    if not keys:
        return

    def bump():
        try:
            cache.set_many({key: _token() for key in keys}, VERSION_TIMEOUT)
        except Exception:  # noqa: BLE001
            logger.warning("cache unavailable (bump %s)", keys, exc_info=True)

    bump()
    transaction.on_commit(bump)


def versioned_get(entry_key, version_keys):
    """(value or None, stamp): the entry if it was stored under the current versions. Missing
    versions get new tokens here, before the caller reads the data the entry is made of."""
    found, stamp = versioned_get_many([entry_key], version_keys)
    return found.get(entry_key), stamp


def versioned_get_many(entry_keys, version_keys):
    """({entry key: value} of the entries stored under the current versions, stamp): several
    entries guarded by the same versions, in one round trip (see `versioned_get`)."""
    got = cache_get_many([*entry_keys, *version_keys])
    stamp, missing = [], {}
    for key in version_keys:
        token = got.get(key)
        if token is None:
            token = missing[key] = _token()
        stamp.append(token)
    stamp = tuple(stamp)
    if missing:
        try:
            cache.set_many(missing, VERSION_TIMEOUT)
        except Exception:  # noqa: BLE001
            logger.warning("cache unavailable (set %s)", list(missing), exc_info=True)
        return {}, stamp
    found = {}
    for key in entry_keys:
        entry = got.get(key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp:
            found[key] = entry[1]
    return found, stamp


def versioned_set(entry_key, stamp, value, timeout) -> None:
    cache_set(entry_key, (stamp, value), timeout)


def versioned_value(entry_key, version_keys, compute, timeout):
    """`compute()`, kept under `entry_key` while `version_keys` hold the tokens they held before it
    ran (see `versioned_get`); None is kept like any other value."""
    entry, stamp = versioned_get(entry_key, version_keys)
    if isinstance(entry, tuple) and len(entry) == 1:
        return entry[0]
    value = compute()
    versioned_set(entry_key, stamp, (value,), timeout)
    return value


def on_change(receiver, models, *, uid) -> None:
    """Connect `receiver` to the post_save and post_delete of each model ("app_label.Model"):
    for the receivers that forget cached entries. Call from an AppConfig's `ready()`."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"{uid}:{model}", weak=False)


def bump_on_change(version_key, models, *, uid) -> None:
    """`on_change` with a receiver that sets `version_key` anew (`bump_versions`)."""

    def bump(**kwargs):
        bump_versions([version_key])

    bump.__name__ = bump.__qualname__ = f"bump {version_key}"
    on_change(bump, models, uid=uid)


def versioned_set_many(values: dict, stamp, timeout) -> None:
    if not values:
        return
    try:
        cache.set_many({key: (stamp, value) for key, value in values.items()}, timeout)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable (set %s)", list(values), exc_info=True)


class UserLink:
    """What a staff account works for (its bank, its institution): `read(user)`, kept in the shared
    cache per person under one version for every link, set anew at once and on commit whenever a
    link or a linked organisation is saved or deleted (`models`, connected by `connect()` from the
    app's `ready()`; deleting a user deletes their link with its signal). So a person moved to
    another organisation, or unlinked, is scoped anew on their next request. Only where the cache
    is shared by every worker (`settings.PERMISSIONS_CACHE`, as the permissions it goes with); a
    cache outage costs the read."""

    def __init__(self, name, read, *, models, timeout=6 * 60 * 60):
        self.name, self.read, self.models, self.timeout = name, read, models, timeout
        self.version_key = f"{name}:v"

    def connect(self):
        bump_on_change(self.version_key, self.models, uid=self.name)

    def __call__(self, user):
        if not user.is_authenticated:
            return None
        if not getattr(settings, "PERMISSIONS_CACHE", False):
            return self.read(user)
        return versioned_value(f"{self.name}:{user.pk}", [self.version_key], lambda: self.read(user), self.timeout)
