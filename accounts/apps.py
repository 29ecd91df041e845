from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", **kwargs):
    from .roles import sync_role_permissions

    sync_role_permissions(using=using)


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Sent once per migrated app; the last one (after every app's permissions exist) wins.
        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_roles")

        from . import signals

        signals.connect()

        from core import retention

        retention.register(
            "login_attempts", purge=_purge_login_attempts, days=90, description="django-axes attempts and logs deleted"
        )

        from . import landing, permissions_cache

        permissions_cache.connect()

        # Staff work in the admin, whatever other role they hold.
        landing.register("staff", landing.Landing(applies=lambda user: user.is_staff, url_name="admin:index", order=0))


def _purge_login_attempts(cutoff) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )
