"""The dashboard's table cells, written in one go: its breakdown tables have hundreds of cells,
and a template loop per cell was a third of drawing the page when the figures are not cached."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def num_cells(cells):
    """`<td class="num">display</td>` per cell (display strings such as "1.234" or "<5"), escaped."""
    return mark_safe("".join(f'<td class="num">{conditional_escape(cell)}</td>' for cell in cells))  # noqa: S308


@register.filter
def num_display_cells(cells):
    """The same for (value, display) pairs: the display is shown."""
    return num_cells(display for _value, display in cells)


@register.filter
def select(bound):
    """A bound ChoiceField as the <select> Django's widget templates write (same markup), without
    one template render per <option>: the dashboard's filters have some fifty options. A field with
    errors (never on the dashboard, whose form shows the filters in use) goes through the widget."""
    if bound.form.is_bound and bound.errors:
        return bound.as_widget()
    current = bound.value()
    current = "" if current is None else str(current)
    attrs = "".join(
        f' {name}="{conditional_escape(value)}"' for name, value in bound.field.widget.attrs.items() if name != "id"
    )
    options = "".join(
        f'  <option value="{conditional_escape(value)}"{" selected" if str(value) == current else ""}>'
        f"{conditional_escape(label)}</option>\n\n"
        for value, label in bound.field.choices
    )
    return mark_safe(  # noqa: S308 - every value escaped above
        f'<select name="{conditional_escape(bound.html_name)}"{attrs} id="{conditional_escape(bound.auto_id)}">\n'
        f"{options}</select>"
    )
