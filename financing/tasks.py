from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import notifying, selectors

REMIND_DAYS_BEFORE = 3


@shared_task(name="financing.remind_instalments", ignore_result=True)
def remind_instalments():
    """Daily (beat): remind borrowers three days before each due date, and once a week while their
    loan is in arrears. Every reminder has a key, so a repeated or catching-up run reminds nobody
    twice."""
    today = timezone.localdate()
    reminded = 0
    for instalment in selectors.instalments_due_on(today + timedelta(days=REMIND_DAYS_BEFORE)).iterator(chunk_size=500):
        with transaction.atomic():
            notifying.instalment_due(instalment)
        reminded += 1
    year, week, _day = today.isocalendar()
    for application in selectors.loans_in_arrears().iterator(chunk_size=500):
        with transaction.atomic():
            notifying.in_arrears(application, week=f"{year}-W{week:02d}")
        reminded += 1
    return reminded
