"""The daily internship reminders (beat schedule in settings): each selects the people due with
one query and notifies each with a key that includes the date, so a repeated or catching-up run
reminds nobody twice, and a changed date reminds again."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import notifying, selectors


def _each(rows, send) -> int:
    count = 0
    for row in rows.iterator(chunk_size=500):
        with transaction.atomic():
            send(row)
        count += 1
    return count


@shared_task(name="overseas.remind_stages_scheduled", ignore_result=True)
def remind_stages_scheduled():
    return _each(selectors.stages_to_remind(timezone.localdate()), notifying.stage_scheduled)


@shared_task(name="overseas.remind_documents_expiring", ignore_result=True)
def remind_documents_expiring():
    return _each(selectors.documents_expiring(timezone.localdate()), notifying.document_expiring)


@shared_task(name="overseas.remind_departures", ignore_result=True)
def remind_departures():
    return _each(selectors.departures_soon(timezone.localdate()), notifying.departure_soon)


@shared_task(name="overseas.remind_contracts_ending", ignore_result=True)
def remind_contracts_ending():
    return _each(selectors.contracts_ending(timezone.localdate()), notifying.contract_ending)


@shared_task(name="overseas.follow_up_returns", ignore_result=True)
def follow_up_returns():
    return _each(selectors.returns_to_follow_up(timezone.localdate()), notifying.after_return)
