"""Thin Celery tasks: ids in, the work in accounts.passwords. Routed to "notifications"."""

from celery import shared_task

from . import passwords


@shared_task(
    name="accounts.send_password_reset",
    ignore_result=True,
    acks_late=True,
    time_limit=60,
    autoretry_for=(OSError,),
    retry_backoff=10,
    max_retries=5,
)
def send_password_reset(user_id, domain, use_https):
    return passwords.password_reset_send(user_id=user_id, domain=domain, use_https=use_https)
