from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeekersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "seekers"
    verbose_name = _("Job seekers")
