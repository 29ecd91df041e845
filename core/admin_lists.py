"""Lean admin changelists for big tables (README, "Speed under load").

`LeanChangeListMixin` (first in the bases: `class XAdmin(LeanChangeListMixin, admin.ModelAdmin)`):
- writes each row's action checkbox directly: Django renders it through the form widget
  templates, with 50 rows about a third of the staff seeker list's rendering time;
- leaves out the navigation sidebar (the list needs the width; the breadcrumbs lead back), so
  the app list behind it is never built (core/admin_site.py);
- reads the shown page through `changelist_rows(queryset)`: an admin returns there the joins and
  columns its list shows (`select_related`/`only`), while actions, exports and the change page
  keep `get_queryset()`. Fewer joins also plan faster: PostgreSQL took 7.5 ms to plan the
  enrolment list's eight-table join, under 1 ms for the five tables the list shows;
- takes the filter panel's HTML from the shared cache (core/templatetags/lean_admin.py).

`cached_choices_filter(Model)`: a `list_filter` of a foreign key whose choices (pk, name) come from
the shared cache instead of a query of the whole table on every page; forgotten when a row of
that model is saved or deleted, and after `CHOICES_SECONDS` in any case (bulk updates send no
signal). A cache outage costs the query (core/caching.py).
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db.models.signals import post_delete, post_save
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .caching import cache_delete_many, cache_get, cache_set

CHOICES_SECONDS = 600


class LeanChangeList(ChangeList):
    def get_results(self, request):
        self.queryset = self.model_admin.changelist_rows(self.queryset)
        super().get_results(request)


class LeanChangeListMixin:
    change_list_template = "admin/lean_change_list.html"  # the filter panel from the cache

    def get_changelist(self, request, **kwargs):
        return LeanChangeList

    def changelist_rows(self, queryset):
        """The list's queryset (filtered, searched, ordered) narrowed to what its columns show."""
        return queryset

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )


def _choices_key(model, language):
    return f"admin:choices:v1:{model._meta.label_lower}:{language}"


def _forget_choices(sender, **kwargs):
    cache_delete_many([_choices_key(sender, code) for code, _name in settings.LANGUAGES])


_watched = set()  # the models whose choices are cached


def forget_choices():
    """Every cached choice list read afresh (tests: rolled-back rows send no signal)."""
    cache_delete_many([_choices_key(model, code) for model in _watched for code, _name in settings.LANGUAGES])


def cached_choices_filter(model):
    """A RelatedFieldListFilter for a relation to `model` with its choices from the cache (in
    the related admin's ordering, as Django's; names may be translated: one entry a language)."""
    uid = f"core.admin_lists.choices:{model._meta.label_lower}"
    post_save.connect(_forget_choices, sender=model, dispatch_uid=uid)
    post_delete.connect(_forget_choices, sender=model, dispatch_uid=uid)
    _watched.add(model)

    class CachedChoicesFilter(admin.RelatedFieldListFilter):
        def field_choices(self, field, request, model_admin):
            key = _choices_key(model, get_language())
            choices = cache_get(key)
            if choices is None:
                choices = super().field_choices(field, request, model_admin)
                cache_set(key, choices, CHOICES_SECONDS)
            return choices

    CachedChoicesFilter.__name__ = f"Cached{model.__name__}Filter"
    return CachedChoicesFilter
