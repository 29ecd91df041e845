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
