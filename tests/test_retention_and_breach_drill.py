"""Privacy under UU 27/2022 (issue 14): retention per kind of record with a purge job, a breach
drill from the audit trail, and every cookie Secure and SameSite in production."""

import io
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from core import retention
from core.models import AuditLog
from core.services import audit
from notifications.models import Notification
from notifications.tests.factories import NotificationFactory
from seekers.tests.factories import CompleteJobSeekerFactory

pytestmark = pytest.mark.django_db


def test_every_kind_of_record_has_a_retention_and_the_daily_job_is_scheduled():
    assert set(retention.REGISTRY) >= {"audit_log", "notifications", "login_attempts", "sessions"}
    assert django_settings.CELERY_BEAT_SCHEDULE["core-retention-purge"]["task"] == "core.retention_purge"


def test_the_purge_deletes_expired_notifications_and_anonymises_old_audit_rows_keeping_the_counts(settings):
    settings.RETENTION_DAYS = {"notifications": 30}
    old, recent = NotificationFactory(), NotificationFactory()
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    staff, seeker = UserFactory(is_staff=True), UserFactory()
    old_entry = audit(actor=staff, obj=seeker, action="profile_updated", reason="full_name, phone")
    new_entry = audit(actor=staff, obj=seeker, action="profile_updated", reason="address")
    AuditLog.objects.filter(pk=old_entry.pk).update(created_at=timezone.now() - timedelta(days=5 * 365 + 1))

    done = retention.purge_expired()

    assert done["notifications"] == 1 and done["audit_log"] == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [recent.pk]
    old_entry.refresh_from_db(), new_entry.refresh_from_db()
    assert (old_entry.actor_id, old_entry.reason, old_entry.action) == (None, "", "profile_updated")  # still counted
    assert (new_entry.actor_id, new_entry.reason) == (staff.pk, "address")
    assert retention.purge_expired()["audit_log"] == 0  # idempotent


def test_the_breach_drill_lists_the_people_an_account_touched_in_the_period_and_only_them():
    staff = UserFactory(is_staff=True, role=Role.DISNAKER, email="clerk@example.org")
    seen, later, untouched = CompleteJobSeekerFactory(), CompleteJobSeekerFactory(), CompleteJobSeekerFactory()
    audit(actor=staff, obj=seen, action="viewed_nik")
    entry = audit(actor=staff, obj=later, action="profile_updated")
    AuditLog.objects.filter(pk=entry.pk).update(created_at=timezone.now() + timedelta(days=40))
    audit(actor=UserFactory(), obj=untouched, action="viewed_nik")
    audit(actor=staff, obj=staff, action="exported_seekers_csv", reason="120 rows")

    out = io.StringIO()
    today = timezone.localdate()
    call_command("breach_drill", account="clerk@example.org", since=str(today - timedelta(days=1)),
                 until=str(today + timedelta(days=1)), stdout=out)  # fmt: skip
    text = out.getvalue()
    assert seen.full_name in text and "viewed_nik" in text
    assert later.full_name not in text and untouched.full_name not in text
    assert "EXPORT" in text and "120 rows" in text
    assert "disnaker_staff" in text


def test_every_cookie_is_secure_and_samesite_in_production(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = True
    language = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    form = client.get(reverse("accounts:login"))
    user = UserFactory()
    login = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert login.status_code == 302
    cookies = {**language.cookies, **form.cookies, **login.cookies}
    assert {"django_language", "csrftoken", "sessionid"} <= set(cookies)
    for name in ("django_language", "csrftoken", "sessionid"):
        assert cookies[name]["secure"], name
        assert cookies[name]["samesite"] == "Lax", name


def test_the_production_settings_make_every_cookie_secure_when_secure_is_on():
    s = django_settings
    assert s.LANGUAGE_COOKIE_SAMESITE == s.SESSION_COOKIE_SAMESITE == s.CSRF_COOKIE_SAMESITE == "Lax"
    assert s.LANGUAGE_COOKIE_HTTPONLY and s.SESSION_COOKIE_HTTPONLY
