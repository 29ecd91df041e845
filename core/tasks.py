from celery import shared_task


@shared_task(name="core.ping", ignore_result=True)
def ping():
    """The health check's task: publishing it proves the broker takes work."""
    return "pong"
