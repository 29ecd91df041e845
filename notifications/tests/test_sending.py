import threading
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from notifications import sending
from notifications.gateways import LocmemGateway
from notifications.models import Channel, Notification, NotificationPreference
from notifications.services import notify
from notifications.tasks import send_notification
from tests.toyapp.models import Ticket


def _queue(user, *, capture):
    """notify() in a transaction, keeping its on-commit publish from running: the tests run the
    task themselves."""
    with capture(execute=False), transaction.atomic():
        rows = notify(user=user, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=3)})
    return [row for row in rows if row.channel != Channel.INBOX]


@pytest.fixture
def sms_seeker(seeker):
    seeker.phone_verified_at = timezone.now()
    seeker.save()
    NotificationPreference.objects.create(user=seeker, email=False, sms=True)
    return seeker


def test_a_task_run_twice_for_the_same_row_sends_once(seeker, django_capture_on_commit_callbacks):
    [email] = _queue(seeker, capture=django_capture_on_commit_callbacks)
    assert send_notification.apply(args=(email.pk,)).get() == "sent"
    assert send_notification.apply(args=(email.pk,)).get() == "skipped"
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Notification.Status.SENT, 1)
    assert email.sent_at is not None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_row_send_it_once(seeker):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the claim is a row-level race")
    with transaction.atomic():
        [email] = [
            n
            for n in notify(user=seeker, event="toyapp.ticket_approved", context={"ticket": Ticket(pk=3)})
            if n.channel == "email"
        ]
    mail.outbox.clear()  # the eager on-commit send already ran; make it pending again
    Notification.objects.filter(pk=email.pk).update(status="pending", attempts=0)
    barrier = threading.Barrier(4)
    outcomes = []

    def work():
        try:
            barrier.wait(timeout=10)
            outcomes.append(sending.send(notification_id=email.pk).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["sent", "skipped", "skipped", "skipped"]
    assert len(mail.outbox) == 1


def test_a_failing_gateway_is_retried_with_exponential_backoff_then_marked_failed(
    sms_seeker, gateway_server, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 4
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 30
    gateway_server.answers.extend([(503, 0)] * 10)
    [sms] = _queue(sms_seeker, capture=django_capture_on_commit_callbacks)
    delays = []
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for attempt in range(1, 5):
            outcome = sending.send(notification_id=sms.pk)
            sms.refresh_from_db()
            assert sms.attempts == attempt
            assert "HTTP 503" in sms.last_error
            assert "6281234567890" not in sms.last_error  # the gateway echoed the number: redacted
            if attempt < 4:
                assert (outcome.status, sms.status) == ("retry", Notification.Status.PENDING)
                delay = (sms.next_attempt_at - timezone.now()).total_seconds()
                assert delay == pytest.approx(outcome.retry_in)
                delays.append(delay)
                # Not due yet: a duplicate message that arrives early leaves the row alone.
                assert sending.send(notification_id=sms.pk).status == "skipped"
                traveller.shift(timedelta(seconds=delay))
            else:
                assert (outcome.status, sms.status) == ("failed", Notification.Status.FAILED)
    # About 30 s, 60 s, 120 s: half fixed, half random ("equal jitter").
    for attempt, delay in enumerate(delays, start=1):
        full = 30 * 2 ** (attempt - 1)
        assert full / 2 <= delay <= full
    assert len(gateway_server.requests) == 4
    assert {r["json"]["reference"] for r in gateway_server.requests} == {f"notification-{sms.pk}"}


def test_the_task_asks_celery_to_retry_after_the_backoff_delay(
    sms_seeker, settings, django_capture_on_commit_callbacks
):
    [sms] = _queue(sms_seeker, capture=django_capture_on_commit_callbacks)
    with (
        mock.patch.object(LocmemGateway, "send", side_effect=OSError("gateway down")),
        mock.patch.object(send_notification, "retry", side_effect=Retry) as retry,
        pytest.raises(Retry),
    ):
        send_notification.run(sms.pk)
    sms.refresh_from_db()
    [call] = retry.call_args_list
    assert call.kwargs["countdown"] == pytest.approx((sms.next_attempt_at - timezone.now()).total_seconds(), abs=1)
    assert 15 <= call.kwargs["countdown"] <= 30


def test_a_refused_number_fails_at_once_without_retrying(
    sms_seeker, gateway_server, django_capture_on_commit_callbacks
):
    gateway_server.answers.append((400, 0))
    [sms] = _queue(sms_seeker, capture=django_capture_on_commit_callbacks)
    assert sending.send(notification_id=sms.pk).status == "failed"
    sms.refresh_from_db()
    assert (sms.status, sms.attempts) == (Notification.Status.FAILED, 1)
    assert sms.last_error.startswith("gateway answered HTTP 400")


def test_a_number_unverified_since_the_notification_was_written_is_not_texted(
    sms_seeker, django_capture_on_commit_callbacks
):
    [sms] = _queue(sms_seeker, capture=django_capture_on_commit_callbacks)
    sms_seeker.phone_verified_at = None
    sms_seeker.save()
    assert sending.send(notification_id=sms.pk).status == "failed"
    assert LocmemGateway.outbox == []


def test_an_email_goes_to_the_address_the_person_has_when_it_is_sent(seeker, django_capture_on_commit_callbacks):
    [email] = _queue(seeker, capture=django_capture_on_commit_callbacks)
    seeker.email = "rina.baru@example.id"
    seeker.save()
    send_notification.apply(args=(email.pk,))
    assert mail.outbox[0].to == ["rina.baru@example.id"]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<notification-{email.pk}@")


def test_an_unexpected_error_is_retried_and_recorded(seeker, django_capture_on_commit_callbacks):
    [email] = _queue(seeker, capture=django_capture_on_commit_callbacks)
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ValueError("boom for rina@example.id")):
        assert sending.send(notification_id=email.pk).status == "retry"
    email.refresh_from_db()
    assert (email.status, email.last_error) == (Notification.Status.PENDING, "ValueError: boom for [email]")
