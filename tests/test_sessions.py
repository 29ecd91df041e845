"""Production sessions with Redis: `cached_db` (bekasi_jobs/settings.py). A page view reads the
session from the cache, not the database; revocation works as with database sessions."""

import pytest
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse

from accounts.services import user_deactivate

CACHED_DB = "django.contrib.sessions.backends.cached_db"
URL = reverse("seekers:dashboard")


def test_production_uses_cached_db_sessions_with_redis_and_db_sessions_without():
    from bekasi_jobs import settings

    assert (CACHED_DB if settings.REDIS_URL else "django.contrib.sessions.backends.db") == settings.SESSION_ENGINE


@pytest.fixture
def cached_sessions():
    with override_settings(SESSION_ENGINE=CACHED_DB):
        yield


def test_a_page_view_reads_no_session_row(cached_sessions, client, seeker, django_assert_num_queries):
    client.force_login(seeker)
    client.get(URL)
    with django_assert_num_queries(1) as queries:  # the user row; roles and "no profile yet" are cached
        assert client.get(URL).status_code == 200
    assert not any("django_session" in q["sql"] for q in queries.captured_queries)


def test_a_deactivated_account_is_logged_out_on_its_next_request(cached_sessions, client, seeker, disnaker_staff):
    client.force_login(seeker)
    assert client.get(URL).status_code == 200
    user_deactivate(user=seeker, actor=disnaker_staff, reason="test")
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_password_change_ends_other_sessions(cached_sessions, client, seeker):
    client.force_login(seeker)
    assert client.get(URL).status_code == 200
    seeker.set_password("another-long-password-2026")
    seeker.save()
    assert client.get(URL).status_code == 302


def test_logout_ends_the_session_in_cache_and_database(cached_sessions, client, seeker):
    client.force_login(seeker)
    cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=cookie).exists()
    client.cookies["sessionid"] = cookie  # the old cookie, replayed
    assert client.get(URL).status_code == 302
