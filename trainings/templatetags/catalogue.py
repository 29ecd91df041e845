"""The catalogue's filter fields, written directly as Bootstrap markup.

Rendering a <select> through Django's widget templates costs one template render per <option>:
the catalogue's six filter fields took 6-8 ms per page that way (PERFORMANCE.md), more than the
rest of the page. These tags write the same markup crispy-forms wrote, in a few microseconds.
"""

from django import forms, template
from django.utils.safestring import mark_safe

from core.html import format_html, format_html_join  # Django's, without the lazy-text wrappers

register = template.Library()


def _errors(bound):
    return format_html_join(
        "", '<div class="invalid-feedback d-block"><strong>{}</strong></div>', ((e,) for e in bound.errors)
    )


@register.simple_tag
def filter_select(form, name, choices=None):
    """A <select> for `form[name]`; `choices` [(value, label)] replaces the field's own (a model
    field's cached choices), after its empty label."""
    bound = form[name]
    field = bound.field
    if choices is None:
        options = list(field.choices)
    else:
        empty = getattr(field, "empty_label", None)
        options = ([("", empty)] if empty is not None else []) + list(choices)
    current = bound.data if form.is_bound else bound.initial
    current = "" if current is None else str(current)
    html = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, mark_safe(" selected") if str(value) == current else "", label) for value, label in options),
    )
    invalid = " is-invalid" if bound.errors else ""
    return format_html(
        '<div id="div_{id}" class="mb-3"><label for="{id}" class="form-label">{label}</label>'
        '<select name="{name}" class="form-select{invalid}" id="{id}">{options}</select>{errors}</div>',
        id=bound.id_for_label, label=bound.label, name=bound.html_name, invalid=invalid, options=html,
        errors=_errors(bound),
    )  # fmt: skip


@register.simple_tag
def filter_checkbox(form, name):
    bound = form[name]
    assert isinstance(bound.field, forms.BooleanField)
    checked = bound.field.to_python(bound.data if form.is_bound else bound.initial)
    return format_html(
        '<div class="mb-3"><div id="div_{id}" class="form-check"><input type="checkbox" name="{name}" '
        'class="form-check-input" id="{id}"{checked}><label for="{id}" class="form-check-label">{label}</label>'
        "</div>{errors}</div>",
        id=bound.id_for_label, name=bound.html_name, label=bound.label,
        checked=mark_safe(" checked") if checked else "", errors=_errors(bound),
    )  # fmt: skip
