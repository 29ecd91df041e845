from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from core import health, metrics

        # `tasks`: registers the tasks in every process (web, worker, shell): services publish them
        # by name, and Celery only finds a task by name once its module is imported.
        from . import monitoring, tasks  # noqa: F401

        # The outbox backlog in /readyz?full=1 and /metrics: core shows it, this app knows it.
        health.register(health.Check(name="outbox", run=monitoring.outbox_check))
        metrics.register_collector("outbox", monitoring.outbox_families)

        # accounts keeps the one-time codes; the SMS that carries one goes through this outbox.
        from accounts import otp

        from .services import one_time_code_send

        otp.register_sender(one_time_code_send)

        from core import retention

        retention.register(
            "notifications",
            purge=_purge_notifications,
            days=365,
            description="inbox, email and SMS rows deleted (their text names the person)",
        )


def _purge_notifications(cutoff) -> int:
    from .models import Notification

    return Notification.objects.filter(created_at__lt=cutoff).exclude(status="pending").delete()[0]
