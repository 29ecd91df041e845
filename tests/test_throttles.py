"""Each throttle trips and recovers (issue 14): registration, password reset, one-time codes,
uploads, training applications. 429 with the portal's page and Retry-After; the same answer for
an account that exists and one that does not."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core import throttle
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.tests.factories import BatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _throttles_on(settings):
    settings.THROTTLES_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def _trip(post, limit):
    """Post `limit` times (all let through), then once more: the 429."""
    for _ in range(limit):
        assert post().status_code != 429
    return post()


def _assert_429(response, max_seconds):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= max_seconds
    assert "Terlalu banyak permintaan" in response.content.decode()


def test_password_reset_trips_per_account_the_same_for_an_unknown_address_and_recovers(client, seeker):
    url = reverse("accounts:password_reset")
    known = _trip(lambda: client.post(url, {"email": seeker.email}, REMOTE_ADDR="10.0.0.1"), 3)
    unknown = _trip(lambda: client.post(url, {"email": "nobody@example.org"}, REMOTE_ADDR="10.0.0.2"), 3)
    _assert_429(known, 3600)
    _assert_429(unknown, 3600)
    assert known.content == unknown.content  # nothing tells whether the account exists
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=5)):
        assert client.post(url, {"email": seeker.email}, REMOTE_ADDR="10.0.0.1").status_code == 302


def test_password_reset_trips_per_ip_whatever_the_address(client):
    url = reverse("accounts:password_reset")
    response = _trip(lambda: client.post(url, {"email": f"x{id(object())}@example.org"}, REMOTE_ADDR="10.0.0.3"), 10)
    _assert_429(response, 3600)
    assert client.post(url, {"email": "other@example.org"}, REMOTE_ADDR="10.0.0.4").status_code == 302


def test_registration_trips_per_identifier_and_recovers(client):
    url = reverse("seekers:register")
    response = _trip(lambda: client.post(url, {"identifier": "0812 3456 7890"}, REMOTE_ADDR="10.0.1.1"), 3)
    _assert_429(response, 3600)
    # Another spelling of the same number counts as the same account.
    assert client.post(url, {"identifier": "081234567890"}, REMOTE_ADDR="10.0.1.2").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=5)):
        assert client.post(url, {"identifier": "081234567890"}, REMOTE_ADDR="10.0.1.2").status_code == 200


def test_uploads_trip_per_account(client):
    profile = CompleteJobSeekerFactory()
    client.force_login(profile.user)
    url = reverse("seekers:profile_documents")
    response = _trip(lambda: client.post(url, {"kind": "cv"}), 20)
    _assert_429(response, 3600)
    assert client.get(url).status_code == 200  # looking is not uploading


def test_training_applications_trip_per_account(client):
    profile = CompleteJobSeekerFactory()
    client.force_login(profile.user)
    url = reverse("trainings:apply", args=[BatchFactory().pk])
    _assert_429(_trip(lambda: client.post(url, {"motivation": "x"}), 10), 3600)


def test_one_time_codes_trip_per_account(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    client = Client()
    staff = UserFactory(is_staff=True, role=Role.DISNAKER)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=staff, confirmed=True)
    client.force_login(staff)
    _assert_429(_trip(lambda: client.post("/akun/verifikasi/", {"token": "123456"}), 10), 900)


def test_the_decorator_lets_everything_through_when_the_cache_is_down(rf, monkeypatch, settings):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(throttle.cache, "add", broken)
    request = rf.post("/")
    request.user = UserFactory()
    assert throttle.check(request, "x", per_account=(1, 60), per_ip=(1, 60)) is None


def test_every_throttle_is_registered_with_its_limits():
    assert set(throttle.REGISTRY) >= {
        "registration", "password_reset", "one_time_code", "one_time_code_enrol", "upload", "training_application",
        "vacancy_application", "loan_application", "overseas_application", "broker_report",
    }  # fmt: skip


def test_the_bare_counter_of_the_sms_codes_counts_forgets_and_lets_through_when_the_cache_is_down(monkeypatch):
    """core.throttle.allow: the one-time codes (accounts/otp.py) count with it and answer on their
    own form; it is not switched off with THROTTLES_ENABLED."""
    key = "otp:number:+6281200000000"
    assert [throttle.allow(key, limit=3, window_seconds=3600) for _ in range(4)] == [True, True, True, False]
    throttle.reset(key, window_seconds=3600)
    assert throttle.allow(key, limit=3, window_seconds=3600)
    monkeypatch.setattr(throttle.cache, "incr", lambda *a, **k: (_ for _ in ()).throw(ConnectionError("down")))
    assert all(throttle.allow(key, limit=0, window_seconds=3600) for _ in range(3))


@pytest.mark.parametrize(
    ("scope", "url_name", "limit"),
    [("vacancy_application", "placements:apply", 20), ("overseas_application", "overseas:apply", 10)],
)
def test_applications_of_the_other_apps_trip_per_account_and_recover(client, scope, url_name, limit):
    """An application to a vacancy or an intake that does not exist is a 404 each time; the
    throttle counts the attempts all the same, so guessing ids is limited too."""
    client.force_login(CompleteJobSeekerFactory().user)
    url = reverse(url_name, args=[999999])
    response = _trip(lambda: client.post(url, {}), limit)
    _assert_429(response, 3600)
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=5)):
        assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize("scope", ["upload", "training_application"])
def test_a_tripped_account_throttle_recovers_when_its_window_ends(client, scope):
    profile = CompleteJobSeekerFactory()
    client.force_login(profile.user)
    if scope == "upload":
        url, data, limit = reverse("seekers:profile_documents"), {"kind": "cv"}, 20
    else:
        url, data, limit = reverse("trainings:apply", args=[BatchFactory().pk]), {"motivation": "x"}, 10
    assert _trip(lambda: client.post(url, data), limit).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=5)):
        assert client.post(url, data).status_code != 429
