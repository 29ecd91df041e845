"""Thin Celery tasks: ids in, services do the work. No personal data in arguments."""

from celery import shared_task
from django.conf import settings

from . import digest, sending, services


@shared_task(
    bind=True,
    name=services.SEND_TASK,
    ignore_result=True,
    acks_late=True,
    # The database counts attempts (NOTIFICATIONS_MAX_ATTEMPTS), not Celery.
    max_retries=None,
    # Shorter than NOTIFICATIONS_SENDING_TIMEOUT_SECONDS: a row still "sending" after that was
    # claimed by a worker that is gone, and the sweeper re-queues it (within a minute).
    time_limit=settings.NOTIFICATIONS_SEND_TIME_LIMIT,
    soft_time_limit=settings.NOTIFICATIONS_SEND_TIME_LIMIT - 5,
)
def send_notification(self, notification_id):
    outcome = sending.send(notification_id=notification_id)
    if outcome.retry_in is not None and not self.request.is_eager:
        # The row is already pending with its next attempt time: this message is only the
        # wake-up call. If publishing it fails, the sweeper finds the row.
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task(name="notifications.requeue_stuck", ignore_result=True)
def requeue_stuck():
    return services.notifications_requeue_stuck()


@shared_task(name="notifications.weekly_digest", ignore_result=True)
def send_weekly_digest():
    return digest.weekly_digest_send()
