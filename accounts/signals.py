"""Forget the cached `User.roles` (accounts/models.py) at once when what they are made of changes:
a lost role takes effect on the person's next request."""

from django.contrib.auth.models import Group

from core.caching import bump_versions

from .models import ROLES_ALL_VERSION_KEY, User, roles_version_key


def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # user.groups.add/remove/set/clear
        bump_versions([roles_version_key(instance.pk)])
    elif pk_set:  # group.user_set.add/remove/set: the users named
        bump_versions([roles_version_key(pk) for pk in pk_set])
    else:  # group.user_set.clear(): who was in it is no longer known
        bump_versions([ROLES_ALL_VERSION_KEY])


def group_changed(sender, instance, **kwargs):
    """A group renamed (a role's name is what counts) or deleted (its members' rows go with it,
    without an m2m signal)."""
    bump_versions([ROLES_ALL_VERSION_KEY])


def user_changed(sender, instance, **kwargs):
    """Deactivated, deleted, or any other change of the account: its roles are read afresh."""
    bump_versions([roles_version_key(instance.pk)])


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    m2m_changed.connect(user_groups_changed, sender=User.groups.through, dispatch_uid="accounts.roles.m2m")
    for signal in (post_save, post_delete):
        signal.connect(group_changed, sender=Group, dispatch_uid=f"accounts.roles.group.{signal is post_save}")
        signal.connect(user_changed, sender=User, dispatch_uid=f"accounts.roles.user.{signal is post_save}")
