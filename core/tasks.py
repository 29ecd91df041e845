from celery import shared_task


@shared_task(name="core.ping", ignore_result=True)
def ping():
    """The health check's task: publishing it proves the broker takes work."""
    return "pong"


@shared_task(name="core.retention_purge", ignore_result=True, time_limit=30 * 60)
def retention_purge():
    """Daily: purge or anonymise what is past its retention (core/retention.py)."""
    from .retention import purge_expired

    return purge_expired()
