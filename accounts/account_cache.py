"""The logged-in person's account row and role names across requests, in the shared cache.

Django's authentication middleware reads the account row (`ModelBackend.get_user`) on every
request of a logged-in person, and most pages then read their role groups (`User.roles`): on a
staff list that answers in a few milliseconds, those were two of its queries and a tenth of its
time. `accounts.backends.EmailOrPhoneBackend.get_user` asks this module first: the row's columns
and the group names are kept together under the same two versions `User.roles` uses
(accounts/signals.py): the person's version, set anew whenever the account is saved or deleted or
its groups change, and the version of every role group. So a deactivated account, a changed
password (the session hash is computed from the row, so other sessions end), a changed language or
a removed role take effect on the person's very next request, as they did when the row was read
each time. Writes that bypass `save()` bump the version themselves (`user_deactivate`,
`phone_mark_verified`).

Only where the cache is shared by every worker (`settings.ACCOUNT_CACHE`, on with Redis): a
per-process cache would keep a deactivated account alive in the other workers. A cache outage
costs the two queries, never the login (core.caching swallows the errors). Off in the test
settings so that the query counts there include the account row, as without Redis; the tests of
this module turn it on."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS

from core.caching import versioned_get, versioned_set

from .models import ROLES_ALL_VERSION_KEY, ROLES_TIMEOUT, roles_version_key


def enabled() -> bool:
    return getattr(settings, "ACCOUNT_CACHE", False)


def _entry_key(user_pk) -> str:
    return f"accounts:account:{user_pk}"


def load(user_id, read):
    """The active user `user_id` or None, from the cache or, on a miss, from `read(user_id)`
    (ModelBackend's `get_user`: the row, None for an unknown or inactive account)."""
    User = get_user_model()
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    fields = [f.attname for f in User._meta.concrete_fields]
    key = _entry_key(pk)
    entry, stamp = versioned_get(key, [roles_version_key(pk), ROLES_ALL_VERSION_KEY])
    if entry is not None:
        names, row, group_names = entry
        if tuple(names) == tuple(fields):  # the same columns (not an entry from before a migration)
            user = User.from_db(DEFAULT_DB_ALIAS, fields, row)
            if not user.is_active:
                return None
            user._prime_roles(group_names)
            return user
    user = read(pk)
    if user is not None:
        group_names = user._group_names()
        versioned_set(key, stamp, (tuple(fields), tuple(getattr(user, f) for f in fields), group_names), ROLES_TIMEOUT)
    return user
