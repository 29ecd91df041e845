from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverseasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "overseas"
    verbose_name = _("Japan internships")
