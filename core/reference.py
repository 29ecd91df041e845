"""Loading the reference data (wilayah, education levels, sectors) outside migrations: for tests
that empty the database, and for a database restored without its data."""

from importlib import import_module

from django.apps import apps

from .models import Kecamatan


def load_reference_data():
    """Load the reference data unless it is there already."""
    if Kecamatan.objects.exists():
        return
    import_module("core.migrations.0002_reference_data").load(apps, None)
