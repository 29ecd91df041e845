from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "financing"
    verbose_name = _("Training loans")

    def ready(self):
        from accounts import landing
        from accounts.roles import Role

        landing.register(
            "bank", landing.Landing(applies=lambda user: user.has_role(Role.BANK), url_name="financing:bank_home")
        )
