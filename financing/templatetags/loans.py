"""The rows of a repayment schedule, written in Python: a 12- to 36-row table rendered through the
template engine (a variable lookup, a filter and an escape per cell, 8 cells a row) was most of the
loan simulator's time (README, "Training loans")."""

from django import template
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.formatting import rupiah
from core.html import format_html, format_html_join  # Django's, without the lazy-text wrappers

register = template.Library()
HIGHLIGHT = mark_safe(' class="table-warning"')  # noqa: S308 - a constant
SELECTED = mark_safe(" selected")  # noqa: S308 - a constant


def _amount(value) -> str:
    return rupiah(value).replace("Rp ", "")


@register.simple_tag
def schedule_rows(rows, paid_column=False, next_due=None, today=None):
    """`<tr>` rows for `financing/_schedule_table.html`: number, due date (dd-mm-yy), principal,
    interest, instalment, remaining balance in whole rupiah without "Rp", and with `paid_column`
    each row's state (paid, overdue before `today`, due), the `next_due` row highlighted."""
    states = {
        "paid": format_html('<span class="badge text-bg-success">{}</span>', _("paid")),
        "overdue": format_html('<span class="badge text-bg-danger">{}</span>', _("overdue")),
        "due": format_html('<span class="badge text-bg-light border">{}</span>', _("due")),
    }
    next_pk = getattr(next_due, "pk", None) if paid_column and next_due else None

    def cells(row):
        highlight = HIGHLIGHT if next_pk is not None and row.pk == next_pk else ""
        state = ""
        if paid_column:
            key = "paid" if row.is_paid else "overdue" if today and row.due_date < today else "due"
            state = format_html('<td data-testid="paid-state">{}</td>', states[key])
        return (
            format_html('<tr data-testid="schedule-row"{}>', highlight),
            row.number,
            f"{row.due_date:%d-%m-%y}",
            _amount(row.principal),
            _amount(row.interest),
            _amount(row.amount),
            _amount(row.balance),
            state,
        )

    return format_html_join(
        "\n",
        '{}<td>{}</td><td class="text-nowrap">{}</td><td class="text-end text-nowrap">{}</td>'
        '<td class="text-end text-nowrap">{}</td><td class="text-end text-nowrap fw-semibold">{}</td>'
        '<td class="text-end text-nowrap">{}</td>{}</tr>',
        (cells(row) for row in rows),
    )


@register.simple_tag
def simulator_fields(form, products):
    """The loan simulator's three fields, written directly (the same markup the template loop
    wrote): the product <select> labelled "bank – product (rate%, method)", the amount and tenor
    as numeric text inputs, each with its label and errors (`data-testid="error-<name>"`)."""
    html = []
    for bound in form:
        invalid = " is-invalid" if bound.errors else ""
        if bound.name == "product":
            current = str(bound.value())
            options = format_html_join(
                "",
                '<option value="{}"{}>{} – {} ({}%, {})</option>',
                (
                    (p.pk, SELECTED if str(p.pk) == current else "", p.bank, p.name, localize(p.annual_rate),
                     str(p.get_method_display()).lower())
                    for p in products
                ),
            )  # fmt: skip
            control = format_html(
                '<select name="product" id="{}" class="form-select{}">{}</select>', bound.id_for_label, invalid, options
            )
        else:
            value = bound.value()
            control = format_html(
                '<input type="text" name="{}" id="{}" value="{}" inputmode="numeric" class="form-control{}">',
                bound.html_name, bound.id_for_label, "" if value is None else value, invalid,
            )  # fmt: skip
        errors = format_html_join(
            "",
            '<div class="invalid-feedback d-block" data-testid="error-{}">{}</div>',
            ((bound.name, e) for e in bound.errors),
        )
        html.append(
            format_html(
                '<div class="mb-2">\n<label class="form-label" for="{}">{}</label>\n{}\n{}</div>\n',
                bound.id_for_label,
                bound.label,
                control,
                errors,
            )  # fmt: skip
        )
    return mark_safe("".join(html))  # noqa: S308 - each part was built with format_html
