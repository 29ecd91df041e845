from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Reference data and audit")

    def ready(self):
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
