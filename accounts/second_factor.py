"""Second factor for every account that sees other people's data (issue 14).

One layer, keyed on roles: `needs_second_factor(user)` is true for superusers, `is_staff`
accounts and every member of a role group (accounts/roles.py `Role`: Disnaker, TKP3D, partner,
bank, and the roles other apps add there). `SecondFactorMiddleware` lets such a person, once
logged in with a password, reach only the second-factor pages, logout and the language switch
until they verify a TOTP code or a recovery code (django-otp); first login: enrolment. The same
middleware ends a staff session after STAFF_IDLE_TIMEOUT_SECONDS without a request.

Switch: settings.OTP_REQUIRED_FOR_STAFF (True unless set) turns on the gate and the idle timeout;
the test settings turn it off so that tests about other things can log staff in with force_login
and keep their exact query counts; this module's tests turn it on.
"""

import io
import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

RECOVERY_CODES = 10
IDLE_KEY = "staff_last_seen"
IDLE_RESOLUTION_SECONDS = 60


def needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    # `User.roles` (role groups only, read once per request): the same query the navbar's roles use.
    return bool(user.roles)


def has_device(user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


def totp_qr_svg(device) -> str:
    import segno

    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True)
    return out.getvalue().decode()


class SecondFactorMiddleware:
    """After django_otp.middleware.OTPMiddleware. Allowed before verification: the paths below."""

    OPEN_URL_NAMES = (
        "accounts:otp_verify", "accounts:otp_enrol", "accounts:logout", "accounts:login", "set_language",
        "admin:logout", "healthz",
    )  # fmt: skip

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self):
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in self.OPEN_URL_NAMES}
        return self._open_paths

    def __call__(self, request):
        user = getattr(request, "user", None)
        if settings.OTP_REQUIRED_FOR_STAFF and user is not None and needs_second_factor(user):
            now = time.time()
            last = request.session.get(IDLE_KEY)
            if last is not None and now - last > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                logout(request)
                return redirect(f"{reverse('accounts:login')}?next={request.path}")
            if last is None or now - last > IDLE_RESOLUTION_SECONDS:
                request.session[IDLE_KEY] = now  # a session write at most once a minute, not per request
            if (
                not user.is_verified()
                and request.path not in self.open_paths()  # static files: WhiteNoise answered already
            ):
                target = "accounts:otp_verify" if has_device(user) else "accounts:otp_enrol"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
