"""The rows of the bank's list (templates/financing/bank/queue.html), written directly: through the
template language each of the 25 rows cost a URL reversal, a translation block, a filter and a
dozen variable lookups, most of the page's rendering. The same markup and message ids as the
template had (so the same translations); see trainings/templatetags/applicants.py."""

from django import template
from django.utils.translation import gettext as _

from core.formatting import rupiah
from core.html import format_html, format_html_join  # Django's, without the lazy-text wrappers
from core.links import pk_url

register = template.Library()

ROW = (
    '<a class="list-group-item list-group-item-action" href="{url}" data-testid="bank-application">'
    '<div class="d-flex justify-content-between gap-2"><span class="fw-semibold">{reference} · {name}</span>'
    '<span class="badge {badge}" data-testid="loan-status">{status}</span></div>'
    '<div class="small">{product} · {principal} · {tenor}</div>{programme}</a>'
)
PROGRAMME = '<div class="small text-body-secondary">{} ({})</div>'


def bank_item(row, *, url):
    """One row (a `financing.selectors.BankRow`)."""
    programme = format_html(PROGRAMME, row.programme, row.provider) if row.programme else ""
    return format_html(
        ROW,
        url=url(row.pk),
        reference=row.reference,
        name=row.seeker_name,
        badge=row.badge_class,
        status=row.status_label,
        product=row.product_name,
        principal=rupiah(row.principal),
        tenor=_("%(n)s months") % {"n": row.tenor},
        programme=programme,
    )


@register.simple_tag
def bank_items(applications):
    url = pk_url("financing:bank_application")
    return format_html_join("\n", "{}", ((bank_item(a, url=url),) for a in applications))
