from django.apps import AppConfig


class ToyAppConfig(AppConfig):
    name = "tests.toyapp"
    label = "toyapp"
    default_auto_field = "django.db.models.BigAutoField"
