"""Writes to accounts: every other app creates, changes, deactivates or erases a user through
these functions, so that normalisation, audit and the rules of accounts stay in one place."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.caching import bump_versions
from core.services import audit

from .models import User, roles_version_key

ACCOUNT_TAKEN = "account_taken"


def user_create(*, email=None, phone=None, password, full_name, actor=None, **extra) -> User:
    """Create an account; `ValidationError(code="account_taken")` when the email or number is
    in use (also when two sign-ups race: the unique constraint keeps one). Must run inside the
    caller's transaction when the caller writes more rows for the same person."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(email or None, password, phone=phone or None, full_name=full_name, **extra)
            if actor is not None:
                audit(actor=actor, obj=user, action="user_created")
    except IntegrityError:
        raise ValidationError(
            _("An account with this email address or mobile number already exists."), code=ACCOUNT_TAKEN
        ) from None
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language on the account: emails and SMS are written in it."""
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return
    user.language = language
    user.save(update_fields=["language"])


def user_deactivate(*, user: User, actor, reason: str = "") -> None:
    """Stop a person from logging in; their open sessions are refused on the next request
    (Django's ModelBackend rejects inactive users)."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        bump_versions([roles_version_key(user.pk)])  # update() sends no post_save (accounts/signals.py)
        audit(actor=actor, obj=user, action="user_deactivated", reason=reason)


def user_erase(*, user: User) -> None:
    """Delete an account and, by cascade, what the apps above keep about the person (their
    pre_delete handlers give back seats and remove files). The caller audits why."""
    user.delete()


def otp_reset(*, user: User, actor, reason: str) -> int:
    """The lost-device procedure (a superuser's act): remove every second-factor device of `user`;
    they enrol again at their next login, and any session verified with a removed device is no
    longer verified (django-otp finds no device). Audited with the reason."""
    from django_otp import devices_for_user

    if not (actor and actor.is_superuser):
        raise ValidationError(_("Only a superuser may reset a second factor."), code="not_superuser")
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        audit(actor=actor, obj=user, action="otp_reset", reason=reason.strip()[:1000])
    return len(devices)
def user_grant_role(*, user: User, role, actor) -> None:
    """Put the account in a role's group (e.g. an employer's HR officer once Disnaker verified
    them). Audited; granting a role the account has is a no-op."""
    with transaction.atomic():
        group = Group.objects.get(name=str(role))
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            audit(actor=actor, obj=user, action="role_granted", reason=str(role))
        if hasattr(user, "_roles_cache"):
            del user._roles_cache
