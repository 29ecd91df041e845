"""Daily AK/1 jobs (scheduled in bekasi_jobs/settings.py, CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import selectors, services
from .notifying import remind


@shared_task(name="seekers.ak1_report_due_reminders")
def ak1_report_due_reminders():
    """Holders whose six-monthly report is due in 7 days."""
    return remind(selectors.cards_report_due_in(days=7), "ak1_report_due", date_field="next_report_due")


@shared_task(name="seekers.ak1_expiring_reminders")
def ak1_expiring_reminders():
    """Holders whose card expires in 30 days."""
    return remind(selectors.cards_expiring_in(days=30), "ak1_expiring", date_field="valid_until")


@shared_task(name="seekers.ak1_expire_cards")
def ak1_expire_cards():
    return services.cards_expire()
