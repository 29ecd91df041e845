from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import notifying, selectors


@shared_task(name="trainings.remind_batches_starting_tomorrow", ignore_result=True)
def remind_batches_starting_tomorrow():
    """Daily (beat): remind accepted people that their training starts tomorrow. Each reminder has
    a key, so a run that is repeated or catches up reminds nobody twice."""
    day = timezone.localdate() + timedelta(days=1)
    reminded = 0
    for enrolment in selectors.enrolments_to_remind(day).iterator(chunk_size=500):
        with transaction.atomic():
            notifying.batch_starts_tomorrow(enrolment)
        reminded += 1
    return reminded
