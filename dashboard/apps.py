from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard"
    verbose_name = _("TKP3D dashboard")

    def ready(self):
        from accounts import landing
        from accounts.roles import Role

        from . import sources, tasks  # noqa: F401 - tasks: registered in every process (published by name)

        landing.register(
            "tkp3d",
            landing.Landing(applies=lambda user: user.has_role(Role.TKP3D), url_name="dashboard:index", order=50),
        )
        sources.register_all()
