"""One-time codes sent by SMS: password reset by mobile number, and verifying a number.

accounts keeps the codes (hashed) and checks them; it does not send anything itself, because
the SMS outbox belongs to `notifications`, an app above this one. That app registers the sender
from its `AppConfig.ready()` (`register_sender`), as other apps register landings and sections.

Rules: a 6-digit code, valid `OTP_LIFETIME` (10 minutes), used once, refused after
`OTP_MAX_GUESSES` wrong guesses; a new code retires the earlier ones; at most `OTP_PER_NUMBER`
codes per number and `OTP_PER_IP` requests per client address per `OTP_WINDOW` (core/throttle.py).
"""

import hmac
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core import throttle
from core.caching import bump_versions
from core.services import audit

from .models import OneTimeCode, User, roles_version_key

Purpose = OneTimeCode.Purpose

OTP_LENGTH = 6


def _setting(name, default):
    return getattr(settings, name, default)


def lifetime() -> timedelta:
    return timedelta(minutes=_setting("OTP_LIFETIME_MINUTES", 10))


def max_guesses() -> int:
    return _setting("OTP_MAX_GUESSES", 5)


_sender: Callable | None = None


def register_sender(sender: Callable) -> None:
    """`sender(*, user, phone, code, purpose, minutes)` writes the SMS to the outbox (inside the
    caller's transaction). Registered by the notifications app."""
    global _sender
    _sender = sender


def _hash(*, code_id_salt: str, code: str) -> str:
    return salted_hmac("accounts.otp", f"{code_id_salt}:{code}", algorithm="sha256").hexdigest()


class Throttled(Exception):
    """Too many codes asked for this number or from this address; try again later."""


def throttle_request(*, phone: str, ip: str) -> None:
    """Count one request for a code; raise Throttled past the limits (per number, per address).

    Counted before looking the number up, so that a number without an account is throttled
    exactly like one with an account (the answers tell nothing about who has an account)."""
    window = _setting("OTP_WINDOW_MINUTES", 60) * 60
    per_number = throttle.allow(f"otp:number:{phone}", limit=_setting("OTP_PER_NUMBER", 3), window_seconds=window)
    per_ip = throttle.allow(f"otp:ip:{ip}", limit=_setting("OTP_PER_IP", 10), window_seconds=window)
    if not (per_number and per_ip):
        raise Throttled


def code_issue(*, user: User, purpose: str, actor=None) -> OneTimeCode:
    """Make a new code for `user`'s mobile number, retire the earlier ones, and have it sent."""
    if _sender is None:
        raise ImproperlyConfigured("No one-time code sender registered (the notifications app registers one).")
    if not user.phone:
        raise ValueError("A one-time code needs a mobile number on the account.")
    code = f"{secrets.randbelow(10**OTP_LENGTH):0{OTP_LENGTH}d}"
    now = timezone.now()
    with transaction.atomic():
        OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
        salt = secrets.token_hex(8)
        row = OneTimeCode.objects.create(
            user=user,
            purpose=purpose,
            phone=user.phone,
            code_hash=f"{salt}${_hash(code_id_salt=salt, code=code)}",
            created_at=now,
            expires_at=now + lifetime(),
        )
        audit(actor=actor, obj=user, action=f"otp_sent_{purpose}")
        _sender(user=user, phone=user.phone, code=code, purpose=purpose, minutes=int(lifetime().total_seconds() // 60))
    return row


def code_check(*, user: User, purpose: str, code: str) -> bool:
    """True, and the code used up, when `code` is the person's live code for `purpose`.

    A wrong guess counts against the live code; after `max_guesses()` it is dead. The row is
    locked so that two simultaneous guesses cannot both use one code."""
    code = "".join((code or "").split())
    with transaction.atomic():
        row = (
            OneTimeCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if row is None or row.phone != user.phone:
            return False
        salt, _, digest = row.code_hash.partition("$")
        if (
            len(code) == OTP_LENGTH
            and code.isdigit()
            and hmac.compare_digest(digest, _hash(code_id_salt=salt, code=code))
        ):
            OneTimeCode.objects.filter(pk=row.pk).update(used_at=timezone.now())
            return True
        attempts = row.attempts + 1
        OneTimeCode.objects.filter(pk=row.pk).update(
            attempts=attempts, used_at=timezone.now() if attempts >= max_guesses() else None
        )
        return False


def phone_mark_verified(*, user: User, actor=None) -> None:
    """Record that the person proved they hold their mobile number (a code reached it)."""
    with transaction.atomic():
        user.phone_verified_at = timezone.now()
        User.objects.filter(pk=user.pk).update(phone_verified_at=user.phone_verified_at)
        bump_versions([roles_version_key(user.pk)])  # update() sends no post_save (accounts/account_cache.py)
        audit(actor=actor if actor is not None else user, obj=user, action="phone_verified")


def throttle_reset(*, phone: str = "", ip: str = "") -> None:
    """Forget the request counters of a number and/or a client address."""
    window = _setting("OTP_WINDOW_MINUTES", 60) * 60
    if phone:
        throttle.reset(f"otp:number:{phone}", window_seconds=window)
    if ip:
        throttle.reset(f"otp:ip:{ip}", window_seconds=window)
