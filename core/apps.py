from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Reference data and audit")

    def ready(self):
        from axes.signals import user_locked_out
        from celery import signals as celery_signals
        from django.contrib.auth.signals import user_login_failed

        from . import health, metrics

        # Beat's heartbeat: recorded in the process that publishes the heartbeat task.
        celery_signals.before_task_publish.connect(health.record_beat_publish, dispatch_uid="core.beat_heartbeat")
        # Task outcomes, counted in the worker that runs them.
        for signal, receiver in (
            (celery_signals.task_success, metrics.task_succeeded),
            (celery_signals.task_failure, metrics.task_failed),
            (celery_signals.task_retry, metrics.task_retried),
            (celery_signals.task_revoked, metrics.task_revoked),
            (celery_signals.task_unknown, metrics.task_unknown),
        ):
            signal.connect(receiver, dispatch_uid=f"core.metrics.{receiver.__name__}", weak=False)
        user_login_failed.connect(metrics.login_failed, dispatch_uid="core.metrics.login_failed")
        user_locked_out.connect(metrics.login_locked_out, dispatch_uid="core.metrics.login_locked_out")

        from django.core.signals import request_started

        from .concurrency import guard_admin_site

        # The admin's autodiscover (django.contrib.admin is first in INSTALLED_APPS) has run:
        # every ModelAdmin gets the concurrency guard and the audit rows. Again at each request
        # if something registered later (cheap: a length check).
        guard_admin_site()
        request_started.connect(_guard_late_registrations, dispatch_uid="core.concurrency.guard")


_guarded_count = 0


def _guard_late_registrations(**kwargs):
    global _guarded_count
    from django.contrib import admin

    from .concurrency import guard_admin_site

    if len(admin.site._registry) != _guarded_count:
        guard_admin_site()
        _guarded_count = len(admin.site._registry)
