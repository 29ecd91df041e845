from celery import shared_task

from . import health


@shared_task(name=health.HEARTBEAT_TASK, ignore_result=True)
def heartbeat():
    """Beat publishes this every HEALTH_HEARTBEAT_SECONDS (beat records the publish); the worker
    that runs it records the run. See core/health.py."""
    health.heartbeat_record(health.Heartbeat.Process.WORKER)


@shared_task(name="core.ping", ignore_result=True)
def ping():
    """No longer published by anything. Kept registered so that the pings older versions of
    `/healthz` left in a queue are consumed and dropped, not logged as unknown tasks."""
    return "pong"


@shared_task(name="core.retention_purge", ignore_result=True, time_limit=30 * 60)
def retention_purge():
    """Daily: purge or anonymise what is past its retention (core/retention.py)."""
    from .retention import purge_expired

    return purge_expired()
