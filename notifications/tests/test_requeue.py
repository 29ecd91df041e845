from datetime import timedelta
from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.utils import timezone

from bekasi_jobs.celery import app
from notifications.models import Channel, Notification
from notifications.services import notifications_requeue_stuck
from notifications.tasks import requeue_stuck

from .factories import NotificationFactory


def _email(**kwargs):
    return NotificationFactory(channel=Channel.EMAIL, status=Notification.Status.PENDING, **kwargs)


def test_the_sweeper_sends_what_the_broker_never_got(db, settings):
    settings.NOTIFICATIONS_STUCK_AFTER_SECONDS = 60
    lost = _email(next_attempt_at=timezone.now() - timedelta(minutes=2))
    assert requeue_stuck.apply().get() == 1
    lost.refresh_from_db()
    assert (lost.status, lost.attempts) == (Notification.Status.SENT, 1)
    assert len(mail.outbox) == 1


def test_a_message_interrupted_by_a_dead_worker_is_resent_within_a_minute():
    """Worst case: the sweep that first finds the row lost runs just after the timeout."""
    from notifications.tasks import send_notification

    assert send_notification.time_limit < settings.NOTIFICATIONS_SENDING_TIMEOUT_SECONDS
    worst = settings.NOTIFICATIONS_SENDING_TIMEOUT_SECONDS + settings.NOTIFICATIONS_SWEEP_SECONDS
    assert worst < 60


def test_the_sweeper_leaves_fresh_rows_scheduled_retries_and_finished_rows_alone(db, settings):
    settings.NOTIFICATIONS_STUCK_AFTER_SECONDS = 60
    now = timezone.now()
    _email(next_attempt_at=now - timedelta(seconds=30))  # its message is probably still in the queue
    _email(next_attempt_at=now + timedelta(minutes=4))  # a retry scheduled later
    NotificationFactory(channel=Channel.EMAIL, next_attempt_at=now - timedelta(hours=1))  # sent
    NotificationFactory(channel=Channel.EMAIL, status="failed", next_attempt_at=now - timedelta(hours=1))
    with mock.patch("celery.app.task.Task.apply_async") as publish:
        assert notifications_requeue_stuck() == 0
    publish.assert_not_called()


def test_a_requeued_row_waits_a_full_grace_period_before_it_is_requeued_again(db, settings):
    settings.NOTIFICATIONS_STUCK_AFTER_SECONDS = 60
    row = _email(next_attempt_at=timezone.now() - timedelta(minutes=5))
    with mock.patch("celery.app.task.Task.apply_async") as publish:
        assert notifications_requeue_stuck() == 1
        assert notifications_requeue_stuck() == 0  # the worker has not had it yet: no duplicate
        assert notifications_requeue_stuck(now=timezone.now() + timedelta(seconds=61)) == 1
    assert [c.args[0] for c in publish.call_args_list] == [(row.pk,), (row.pk,)]


def test_the_sweeper_works_in_batches_until_nothing_is_left(db, settings):
    settings.NOTIFICATIONS_STUCK_AFTER_SECONDS = 60
    old = timezone.now() - timedelta(minutes=5)
    NotificationFactory.create_batch(7, channel=Channel.EMAIL, status="pending", next_attempt_at=old)
    with (
        mock.patch("notifications.services.REQUEUE_BATCH", 3),
        mock.patch("celery.app.task.Task.apply_async") as publish,
    ):
        assert notifications_requeue_stuck() == 7
    assert publish.call_count == 7


def test_a_row_left_sending_by_a_dead_worker_is_sent_again_after_the_timeout(db, settings):
    now = timezone.now()
    lost = _email(next_attempt_at=now - timedelta(hours=1))
    Notification.objects.filter(pk=lost.pk).update(status="sending", attempts=1, claimed_at=now - timedelta(minutes=11))
    busy = _email(next_attempt_at=now - timedelta(hours=1))
    Notification.objects.filter(pk=busy.pk).update(status="sending", attempts=1, claimed_at=now - timedelta(seconds=20))
    exhausted = _email(next_attempt_at=now - timedelta(hours=1))
    Notification.objects.filter(pk=exhausted.pk).update(
        status="sending", attempts=settings.NOTIFICATIONS_MAX_ATTEMPTS, claimed_at=now - timedelta(hours=1)
    )
    assert notifications_requeue_stuck() == 1
    lost.refresh_from_db(), busy.refresh_from_db(), exhausted.refresh_from_db()
    assert (lost.status, lost.attempts) == ("sent", 2)
    assert busy.status == "sending"
    assert (exhausted.status, exhausted.last_error) == ("failed", "worker lost while sending")
    assert len(mail.outbox) == 1


def test_the_beat_schedule_sweeps_every_15_seconds_and_sends_the_digest_on_monday_morning():
    schedule = settings.CELERY_BEAT_SCHEDULE
    sweep = schedule["notifications-requeue-stuck"]
    assert sweep["task"] == requeue_stuck.name
    assert sweep["schedule"] == timedelta(seconds=15)
    digest = schedule["notifications-weekly-tkp3d-digest"]
    assert digest["task"] == "notifications.weekly_digest"
    assert digest["schedule"] == crontab(minute=0, hour=7, day_of_week="mon")
    assert settings.CELERY_TIMEZONE == "Asia/Jakarta"


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_scheduled_task_exists(entry):
    app.loader.import_default_modules()  # what a worker does on start: the apps' tasks modules
    assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in app.tasks
