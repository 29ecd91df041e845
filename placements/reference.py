"""Loading this app's reference data outside migrations (tests that empty the database)."""

from importlib import import_module

from django.apps import apps

from .models import OccupationGroup


def load_reference_data():
    if OccupationGroup.objects.exists():
        return
    import_module("placements.migrations.0002_reference_data").load(apps, None)
