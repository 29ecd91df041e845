from celery import shared_task

from . import services


@shared_task(name="placements.expire_vacancies", ignore_result=True)
def expire_vacancies():
    """Daily just after midnight (Asia/Jakarta, the beat's timezone): published vacancies whose
    closing date has passed are closed as expired. A second run finds nothing to do."""
    return services.vacancies_expire()


@shared_task(name="placements.send_follow_ups", ignore_result=True)
def send_follow_ups():
    """Daily: ask the people placed 3 and 6 months ago whether they still work there. Each
    follow-up is claimed with a conditional UPDATE and has a notification key: asked once."""
    return services.follow_ups_send()
