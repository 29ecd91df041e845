"""Queues per kind of work, with real workers: a long report occupying the "reports" queue does
not delay a password-reset email, which a worker of the "notifications" queue sends in seconds.

Skipped on the embedded default (SQLite, no broker); CI runs it on PostgreSQL and Redis.
"""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.tests.factories import UserFactory
from notifications.tests.realworker import Worker, require_real_services, wait_for
from tests.toyapp.tasks import report_slow

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REPORT_SECONDS = 30


def _reset_link_sent(mail_dir):
    if not mail_dir.is_dir():
        return False
    return any(b"/akun/atur-sandi/" in path.read_bytes() for path in mail_dir.iterdir())


def test_a_password_reset_is_sent_within_seconds_while_a_long_report_occupies_the_report_queue(client, tmp_path):
    require_real_services()
    seeker = UserFactory(email="rina@example.id")
    reports = Worker(
        broker_url=settings.CELERY_BROKER_URL, tmp_path=tmp_path, queues=["reports"], beat=False, name="reports"
    )
    messages = Worker(
        broker_url=settings.CELERY_BROKER_URL,
        tmp_path=tmp_path,
        queues=["notifications", "celery"],
        beat=False,
        name="messages",
    )
    try:
        reports.wait_ready()
        messages.wait_ready()
        report_slow.delay(str(tmp_path), REPORT_SECONDS)
        wait_for(lambda: (tmp_path / "report-started").exists(), timeout=15, what="the report to start")

        started = time.monotonic()
        response = client.post(reverse("accounts:password_reset"), {"email": seeker.email})
        assert response.status_code == 302
        wait_for(lambda: _reset_link_sent(messages.mail_dir), timeout=10, what="the password-reset email")
        elapsed = time.monotonic() - started
        print(f"password-reset email after {elapsed:.2f} s, the report still running")  # shown with -s

        assert elapsed < 5
        assert not (tmp_path / "report-finished").exists(), "the report was not running any more"
        assert "Task accounts.send_password_reset[" in (tmp_path / "messages.log").read_text()
        assert "Task accounts.send_password_reset[" not in (tmp_path / "reports.log").read_text()
    finally:
        reports.stop()
        messages.stop()
