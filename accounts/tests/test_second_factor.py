"""Second factor for staff (issue 14): TOTP + recovery codes, enrolment on first login, the
lost-device procedure, 30 minutes idle. The switch OTP_REQUIRED_FOR_STAFF is on here."""

import re
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import PASSWORD, UserFactory
from core.models import AuditLog

pytestmark = pytest.mark.django_db

OTP_PAGES = ("/akun/verifikasi/", "/akun/verifikasi/daftar/")


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True


def _code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _login(client, user):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})


def _enrol(client):
    client.get("/akun/verifikasi/daftar/")
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/akun/verifikasi/daftar/", {"token": _code(device)})
    return device, response


def _every_url():
    """Every URL pattern of the project, its arguments filled with something that matches."""

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    def fill(route):
        route = re.sub(r"<(?:int:)?\w+>", "1", route)
        route = re.sub(r"<uuid:\w+>", str(uuid.uuid4()), route)
        route = re.sub(r"<(?:str|slug|path):\w+>", "x", route)
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)  # admin's regex routes
        return "/" + route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")

    return sorted({fill(r) for r in walk(get_resolver().url_patterns)})


@pytest.mark.parametrize("persona", ["disnaker_staff", "partner_staff", "bank_officer", "superuser"])
def test_a_staff_login_without_its_second_factor_reaches_nothing_protected(client, request, persona):
    user = UserFactory(is_staff=True, is_superuser=True) if persona == "superuser" else request.getfixturevalue(persona)
    client.force_login(user)
    open_paths = {
        *OTP_PAGES, "/akun/masuk/", "/akun/keluar/", "/i18n/setlang/", "/admin/logout/", "/healthz",
        "/readyz", "/metrics",  # answered before sessions (core.middleware.HealthEndpointsMiddleware): no personal data
    }  # fmt: skip
    reached = []
    urls = _every_url()
    assert "/admin/" in urls and any(u.startswith("/pelatihan/") for u in urls)
    for url in urls:
        if url in open_paths:
            continue
        for method in (client.get, client.post):
            response = method(url)
            if not (response.status_code == 302 and response["Location"].startswith(OTP_PAGES)):
                reached.append((method.__name__, url, response.status_code))
    assert reached == []


def test_a_seeker_needs_no_second_factor(client, seeker):
    client.force_login(seeker)
    assert client.get("/pencari-kerja/").status_code in (200, 302)
    assert not client.get("/pencari-kerja/").get("Location", "").startswith(OTP_PAGES)


def test_first_login_enrols_then_every_login_asks_for_a_code_and_a_recovery_code_works_once(client, settings):
    # django-otp's own throttle (a growing delay after each wrong code) is tested by django-otp.
    settings.OTP_STATIC_THROTTLE_FACTOR = settings.OTP_TOTP_THROTTLE_FACTOR = 0
    staff = UserFactory(is_staff=True, is_superuser=True)
    response = _login(client, staff)
    assert client.get("/admin/")["Location"].startswith("/akun/verifikasi/daftar/")

    device, response = _enrol(client)
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert AuditLog.objects.filter(object_id=staff.pk, action="otp_enrolled").exists()

    client.post(reverse("accounts:logout"))
    _login(client, staff)
    assert client.get("/admin/")["Location"].startswith("/akun/verifikasi/?")
    assert client.post("/akun/verifikasi/", {"token": "000000"}).status_code == 200  # wrong: the form again
    client.post("/akun/verifikasi/", {"token": codes[0]})
    assert client.get("/admin/").status_code == 200

    client.post(reverse("accounts:logout"))
    _login(client, staff)
    client.post("/akun/verifikasi/", {"token": codes[0]})  # used already
    assert client.get("/admin/").status_code == 302


def test_the_lost_device_procedure_is_a_superusers_audited_act_and_the_person_enrols_again(client):
    staff = UserFactory(is_staff=True)
    admin = UserFactory(is_staff=True, is_superuser=True)
    _login(client, staff)
    _enrol(client)
    assert StaticDevice.objects.filter(user=staff).exists()

    with pytest.raises(Exception, match="superuser"):
        call_command("otp_reset", account=staff.email, by=staff.email, reason="x")
    call_command("otp_reset", account=staff.email, by=admin.email, reason="phone stolen, ticket 42")

    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    entry = AuditLog.objects.get(object_id=staff.pk, action="otp_reset")
    assert (entry.actor_id, entry.reason) == (admin.pk, "phone stolen, ticket 42")
    # The open session was verified with a device that is gone: it must enrol again.
    assert client.get("/admin/")["Location"].startswith("/akun/verifikasi/daftar/")


def test_a_staff_session_ends_after_30_minutes_idle_a_seekers_does_not(client, disnaker_staff, seeker):
    client.force_login(disnaker_staff)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.get("/akun/verifikasi/daftar/")
        traveller.shift(timedelta(minutes=29))
        assert client.get("/akun/verifikasi/daftar/").status_code == 200
        traveller.shift(timedelta(minutes=31))
        assert client.get("/akun/verifikasi/daftar/")["Location"].startswith("/akun/masuk/")

    other = type(client)()
    other.force_login(seeker)
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=False):
        assert not other.get("/pencari-kerja/").get("Location", "").startswith("/akun/masuk/")


def test_every_role_that_sees_other_peoples_data_needs_the_second_factor_a_seeker_does_not(
    disnaker_staff, tkp3d_member, partner_staff, bank_officer, seeker
):
    from accounts.second_factor import needs_second_factor

    assert [needs_second_factor(u) for u in (disnaker_staff, tkp3d_member, partner_staff, bank_officer)] == [True] * 4
    assert not needs_second_factor(seeker)
