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
- takes the filter panel's HTML from the shared cache (core/templatetags/lean_admin.py);
- writes its rows with the per-column work done once a page (`lean_results`, below) and
  renders the action select box once per process (`LeanActionForm`).

`cached_choices_filter(Model)`: a `list_filter` of a foreign key whose choices (pk, name) come from
the shared cache instead of a query of the whole table on every page; forgotten when a row of
that model is saved or deleted, and after `CHOICES_SECONDS` in any case (bulk updates send no
signal). A cache outage costs the query (core/caching.py).
"""

import datetime
import decimal
from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .caching import cache_delete_many, cache_get, cache_set, on_change
from .fragments import ProcessMemo
from .html import escape as _escape
from .html import format_html

CHOICES_SECONDS = 600


class LeanChangeList(ChangeList):
    def get_results(self, request):
        self.queryset = self.model_admin.changelist_rows(self.queryset)
        super().get_results(request)
        prepare = getattr(self.model_admin, "changelist_prepare", None)
        if prepare is not None and not self.list_editable:  # an editable list's formset needs the queryset
            self.result_list = list(self.result_list)
            prepare(self.result_list)


class _RememberedRendering:
    """A widget whose HTML, a pure function of its name, value, attributes, choices and the
    language, is rendered by Django's templates once per process and then remembered."""

    _rendered = ProcessMemo(limit=500)

    def render(self, name, value, attrs=None, renderer=None):
        choices = tuple((str(v), str(label)) for v, label in getattr(self, "choices", ()))
        key = (type(self).__name__, name, str(value), repr(sorted({**self.attrs, **(attrs or {})}.items())),
               choices, get_language())  # fmt: skip
        render = super().render
        return self._rendered.get_or_render(key, lambda: render(name, value, attrs, renderer))


class _RememberedSelect(_RememberedRendering, forms.Select):
    pass


class _RememberedHiddenInput(_RememberedRendering, forms.HiddenInput):
    pass


class LeanActionForm(helpers.ActionForm):
    """Django's action form (same fields, labels and HTML) with its select box rendered once:
    through the widget templates it took 0.6-0.7 ms of every changelist page."""

    action = forms.ChoiceField(label=helpers.ActionForm.base_fields["action"].label, widget=_RememberedSelect)
    select_across = forms.BooleanField(
        label="", required=False, initial=0, widget=_RememberedHiddenInput({"class": "select-across"})
    )


class LeanChangeListMixin:
    change_list_template = "admin/lean_change_list.html"  # the filter panel from the cache
    action_form = LeanActionForm

    def get_changelist(self, request, **kwargs):
        return LeanChangeList

    def changelist_rows(self, queryset):
        """The list's queryset (filtered, searched, ordered) narrowed to what its columns show."""
        return queryset

    def is_list_page(self, request) -> bool:
        """A GET of this list's page (no action runs: actions are POSTs), for a `get_queryset` that
        can leave out what only the actions, exports and change page need."""
        match = getattr(request, "resolver_match", None)
        opts = self.model._meta
        return (
            request.method == "GET"
            and match is not None
            and match.url_name == f"{opts.app_label}_{opts.model_name}_changelist"
        )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    def get_actions(self, request):
        """Django's, worked out once a request: the changelist asks twice (the actions, then the
        choices of the action form), each time collecting every action and checking its permission."""
        memo = request.__dict__.setdefault("_lean_admin_actions", {})
        if id(self) not in memo:
            memo[id(self)] = super().get_actions(request)
        return memo[id(self)]

    def action_checkbox(self, obj):
        return _checkbox(obj, _("Select this object for an action - {}"))


def _checkbox(obj, label_format) -> SafeString:
    """A row's action checkbox, as Django writes it (`label_format`: the translated aria-label)."""
    return format_html(
        '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
        helpers.ACTION_CHECKBOX_NAME,
        obj.pk,
        format_html(label_format, str(obj)),
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
    on_change(_forget_choices, (model._meta.label,), uid="core.admin_lists.choices")
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


# --- Rows ------------------------------------------------------------------------------------
# Django's `items_for_result` works out, for every cell of every row, what the column is (a
# model field or an admin method: found by catching FieldDoesNotExist), its empty value and its
# CSS class, asks the static files storage for a boolean icon's URL each time, and reverses each
# row's link and parses its preserved filters. `lean_results` does that once per column and page
# and gives the same HTML (tests/test_lean_admin.py compares both on every lean list); lists with
# editable columns or popups use Django's own.


def _column(cl, index, field_name):
    model_admin = cl.model_admin
    try:
        field = _get_non_gfk_field(cl.lookup_opts, field_name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        field = None
    if field is not None:
        kind, attr = "field", None
    elif field_name == "action_checkbox" and isinstance(model_admin, LeanChangeListMixin):
        # LeanChangeListMixin.action_checkbox written here, its label translated once a page.
        kind, attr = "checkbox", _("Select this object for an action - {}")
    elif callable(field_name):
        kind, attr = "callable", field_name
    elif hasattr(model_admin, field_name) and field_name != "__str__":
        kind, attr = "callable", getattr(model_admin, field_name)
    else:
        kind, attr = "lookup", None  # an attribute of the object: Django's lookup, per row
    if cl.list_display_links is None:
        link = False
    else:
        link = (index == 0 and not cl.list_display_links) or field_name in cl.list_display_links
    datetime_format = None
    if isinstance(field, models.DateTimeField) and not field.flatchoices:
        # display_for_field's localize(template_localtime(value)), with the zone and the format
        # looked up once a page instead of once a cell.
        datetime_format = (timezone.get_current_timezone() if settings.USE_TZ else None, get_format("DATETIME_FORMAT"))
    return {
        "name": field_name,
        "kind": kind,
        "field": field,
        "datetime_format": datetime_format,
        "attr": attr,
        "link": link,
        "class": f"field-{admin_list._coerce_field_name(field_name, index)}",
        "empty": model_admin.get_empty_value_display(),
    }


def lean_results(cl):
    """Django's `admin_list.results(cl)`: the same HTML, with the per-column work done once."""
    if cl.formset or cl.is_popup:
        yield from admin_list.results(cl)
        return
    columns = [_column(cl, index, name) for index, name in enumerate(cl.list_display)]
    memo = {}
    change_url = _change_url(cl)
    for result in cl.result_list:
        cells, first = [], True
        for column in columns:
            cells.append(_cell(cl, column, result, first, memo, change_url))
            if column["link"]:
                first = False
        yield admin_list.ResultList(None, cells)


_PK_MARK = "leanadminpk"


def _change_url(cl):
    """url(result): a row's change link with the preserved filters. Only the pk differs between
    rows: for integer pks the link is reversed and the filters added once, with a mark in the
    pk's place (replaced in the path only); otherwise Django's per row."""

    def per_row(result):
        url = cl.url_for_result(result)
        return add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)

    if cl.to_field or not isinstance(cl.lookup_opts.pk, (models.AutoField, models.BigAutoField)):
        return per_row
    try:
        marked = per_row(SimpleNamespace(**{cl.pk_attname: _PK_MARK}))
    except NoReverseMatch:
        return per_row
    path, sep, query = marked.partition("?")
    if path.count(_PK_MARK) != 1:
        return per_row
    before, after = path.split(_PK_MARK)
    return lambda result: f"{before}{getattr(result, cl.pk_attname)}{after}{sep}{query}"


def _cell(cl, column, result, first, memo, change_url):
    """One cell of a row, as Django's `items_for_result` writes it. `memo` is the page's: boolean
    icons, and whole cells that follow from the value alone (a status label, a number)."""
    if column["kind"] == "checkbox":
        return SafeString(f'<td class="action-checkbox">{_checkbox(result, column["attr"])}</td>')
    field_name = column["name"]
    link = column["link"] and first
    try:
        if column["kind"] == "field":
            f, attr, value = column["field"], None, getattr(result, column["field"].name)
        elif column["kind"] == "callable":
            f, attr, value = None, column["attr"], column["attr"](result)
        else:
            f, attr, value = lookup_field(field_name, result, cl.model_admin)
    except ObjectDoesNotExist:
        return _cell_end([column["class"]], link, column["empty"], result, change_url)
    # A label of a field with choices (a translated lookup in a dict Django builds for each cell)
    # or a number (number_format): the same cell for the same value, written once a page.
    if not link and (
        (f is not None and f.flatchoices and not f.auto_created)
        or (f is None and type(value) in (int, float, decimal.Decimal) and not getattr(attr, "boolean", False))
    ):
        key = ("cell", field_name, type(value), value)
        if key not in memo:
            memo[key] = _cell_value(column, f, attr, value, link, memo, result, change_url)
        return memo[key]
    return _cell_value(column, f, attr, value, link, memo, result, change_url)


def _cell_value(column, f, attr, value, link, memo, result, change_url):
    def icon(value):
        if ("icon", value) not in memo:
            memo["icon", value] = admin_list._boolean_icon(value)
        return memo["icon", value]

    field_name, row_classes = column["name"], [column["class"]]
    empty_value_display = getattr(attr, "empty_value_display", column["empty"])
    if isinstance(value, str) and value.strip() == "":
        value = ""
    if f is None or f.auto_created:
        if field_name == "action_checkbox":
            row_classes = ["action-checkbox"]
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)
        if boolean and value in (True, False, None):
            result_repr = icon(value)
        else:
            result_repr = display_for_value(value, empty_value_display, boolean)
        if isinstance(value, (datetime.date, datetime.time)):
            row_classes.append("nowrap")
    else:
        if isinstance(f.remote_field, models.ManyToOneRel):
            field_val = getattr(result, f.name)
            result_repr = empty_value_display if field_val is None else field_val
        elif isinstance(f, models.BooleanField) and not f.flatchoices:
            result_repr = icon(value)
        elif column["datetime_format"] and value is not None:
            zone, datetime_format = column["datetime_format"]
            if zone is not None and timezone.is_aware(value):
                value = value.astimezone(zone)
            result_repr = dateformat.format(value, datetime_format)
        else:
            result_repr = display_for_field(value, f, empty_value_display, avoid_link=link)
        if isinstance(f, (models.DateField, models.TimeField, models.ForeignKey)):
            row_classes.append("nowrap")
    return _cell_end(row_classes, link, result_repr, result, change_url)


def _cell_end(row_classes, link, result_repr, result, change_url):
    # As Django's format_html: the class names (from list_display) as they are, the rest escaped.
    row_class = ' class="{}"'.format(" ".join(row_classes))
    if not link:
        return SafeString(f"<td{row_class}>{_escape(result_repr)}</td>")
    try:
        url = change_url(result)
    except NoReverseMatch:
        link_or_text = _escape(result_repr)
    else:
        link_or_text = f'<a href="{_escape(url)}">{_escape(result_repr)}</a>'
    return SafeString(f"<th{row_class}>{link_or_text}</th>")
