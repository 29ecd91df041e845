"""Every field of every model of the portal has a translated name: the admin, form labels and
error messages show it to people in Bahasa Indonesia or English, never a column name."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils.functional import Promise

PROJECT = Path(settings.BASE_DIR).resolve()
OUR_APPS = [c for c in apps.get_app_configs() if Path(c.path).resolve().parent == PROJECT]


@pytest.mark.parametrize("app", OUR_APPS, ids=lambda c: c.label)
def test_every_model_field_has_a_translated_verbose_name(app):
    untranslated = [
        f"{model.__name__}.{field.name}"
        for model in app.get_models()
        for field in model._meta.get_fields()
        if not field.auto_created and (field.concrete or field.many_to_many)
        and not isinstance(field.verbose_name, Promise)
    ]  # fmt: skip
    assert untranslated == []
