from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Register the tasks in every process (web, worker, shell): services publish them by name,
        # and Celery only finds a task by name once its module is imported.
        from . import tasks  # noqa: F401
