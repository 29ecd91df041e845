"""A person's permissions across requests, in the shared cache.

Django's ModelBackend reads a user's permissions with two queries (their own, and their groups')
on the first permission check of every request and keeps them on the user object for the rest of
it (`_user_perm_cache`, `_group_perm_cache`). Every staff page checks a permission, so those two
queries were the largest fixed cost of a staff page. `accounts.backends.EmailOrPhoneBackend`
asks this module first: the two sets, exactly as ModelBackend computes them, are kept in the
shared cache under a version per person and a version for everyone (core.caching), for active
non-superusers only (a superuser's checks never read them; an inactive user has none, decided
from the user row of the request, never from this cache; accounts/account_cache.py keeps that
row under a version set anew on every change of the account).

The versions are set anew, at once and again after commit, whenever what the sets are made of
changes, so a permission taken away is gone on the person's very next request:
- a person's own permissions or groups (`m2m_changed` from either side: `user.groups.remove(g)`
  and `group.user_set.remove(user)`; a clear from the group's or permission's side: everyone);
- a group's permissions (`m2m_changed` on Group.permissions, either side): everyone;
- a group or a permission deleted (their m2m rows go by cascade, without `m2m_changed`), or a
  permission saved (renamed): everyone;
- a user created, saved with `is_active`, `is_superuser` or `is_staff` possibly changed (any
  save that does not name only other fields), or deleted: that person.

Only where the cache is shared by every worker (`settings.PERMISSIONS_CACHE`, on with Redis): a
per-process cache would keep a revoked permission alive in the other workers. A cache outage
costs the two queries, never the check (core.caching swallows the errors)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.caching import bump_versions, versioned_get, versioned_set

ALL_VERSION = "accounts:perms:v:all"
TIMEOUT = 6 * 60 * 60
# Fields a user save may change that decide whether (and which) permissions apply.
FLAG_FIELDS = frozenset({"is_active", "is_superuser", "is_staff"})


def enabled() -> bool:
    return getattr(settings, "PERMISSIONS_CACHE", False)


def _entry_key(user_pk) -> str:
    return f"accounts:perms:{user_pk}"


def _version_key(user_pk) -> str:
    return f"accounts:perms:v:{user_pk}"


def load(user, compute) -> None:
    """Put the person's two permission sets on `user` (ModelBackend's `_user_perm_cache` and
    `_group_perm_cache`), from the cache or, on a miss, from `compute(user, None, from_name)`
    (ModelBackend's `_get_permissions`, which also sets them) and store them."""
    key = _entry_key(user.pk)
    value, stamp = versioned_get(key, [_version_key(user.pk), ALL_VERSION])
    if value is not None:
        own, of_groups = value
        user._user_perm_cache = set(own)
        user._group_perm_cache = set(of_groups)
        return
    own = compute(user, None, "user")
    of_groups = compute(user, None, "group")
    versioned_set(key, stamp, (tuple(sorted(own)), tuple(sorted(of_groups))), TIMEOUT)


def forget_users(user_pks) -> None:
    bump_versions(_version_key(pk) for pk in user_pks)


def forget_all() -> None:
    bump_versions([ALL_VERSION])


# --- Invalidation --------------------------------------------------------------------------


def _user_m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """User.groups and User.user_permissions, from the user's side (instance = the user) or
    the other (instance = the group or permission, pk_set = the users)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        forget_users([instance.pk])
    elif pk_set is None:  # group.user_set.clear(): which users is no longer known
        forget_all()
    elif pk_set:
        forget_users(pk_set)


def _group_permissions_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        forget_all()


def _everyone(sender, **kwargs):
    forget_all()


def _user_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    # A new account too: an id used before (a rolled-back row on SQLite) must not find an entry.
    if not created and update_fields is not None and not FLAG_FIELDS.intersection(update_fields):
        return  # e.g. last_login at each login
    forget_users([instance.pk])


def _user_deleted(sender, instance, **kwargs):
    forget_users([instance.pk])


def connect() -> None:
    User = get_user_model()
    uid = "accounts.permissions_cache"
    m2m_changed.connect(_user_m2m_changed, sender=User.groups.through, dispatch_uid=f"{uid}.groups")
    m2m_changed.connect(_user_m2m_changed, sender=User.user_permissions.through, dispatch_uid=f"{uid}.user_perms")
    m2m_changed.connect(_group_permissions_changed, sender=Group.permissions.through, dispatch_uid=f"{uid}.group_perms")
    post_delete.connect(_everyone, sender=Group, dispatch_uid=f"{uid}.group_deleted")
    post_delete.connect(_everyone, sender=Permission, dispatch_uid=f"{uid}.perm_deleted")
    post_save.connect(_everyone, sender=Permission, dispatch_uid=f"{uid}.perm_saved")
    post_save.connect(_user_saved, sender=User, dispatch_uid=f"{uid}.user_saved")
    post_delete.connect(_user_deleted, sender=User, dispatch_uid=f"{uid}.user_deleted")
