"""The rows of the partner applicant list (templates/trainings/partner/batch.html), written
directly: through the template language a row took ~0.15 ms (some 20 variables, three
translations, a URL), a third of the page's rendering; here ~0.04 ms. The same markup and
message ids as the template had (so the same translations)."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.formatting import long_date

register = template.Library()

ROW = (
    '<li class="list-group-item" data-testid="applicant"><div class="d-flex gap-2">'
    '<input class="form-check-input mt-1 flex-shrink-0" type="checkbox" name="enrolments" value="{pk}" id="e{pk}"'
    ' aria-label="{name}">'
    '<input type="hidden" name="seen_{pk}" value="{status}">'
    '<div class="flex-grow-1">'
    '<label for="e{pk}" class="fw-semibold">{name}</label> '
    '<span class="badge {badge}">{status_label}</span>{local}'
    '<div class="small text-body-secondary">{facts}</div>{reason}'
    '<a class="small" href="{url}">{details}</a>'
    "</div></div></li>"
)


def applicant_item(enrolment, *, url, dates):
    seeker = enrolment.seeker
    day = timezone.localdate(enrolment.applied_at)
    if day not in dates:
        dates[day] = _("applied %(date)s") % {"date": long_date(day)}
    facts = [
        seeker.masked_nik,
        seeker.education_level.name if seeker.education_level and seeker.education_level.name else "–",
        seeker.domicile_kecamatan.name if seeker.domicile_kecamatan else seeker.domicile_outside,
        dates[day],
    ]
    if enrolment.sessions_present:
        n = enrolment.sessions_present
        facts.append(ngettext("%(n)s session attended", "%(n)s sessions attended", n) % {"n": n})
    return format_html(
        ROW,
        pk=enrolment.pk,
        name=seeker.full_name,
        status=enrolment.status,
        badge=enrolment.badge_class,
        status_label=enrolment.get_status_display(),
        local=format_html(' <span class="badge text-bg-light border">{}</span>', _("Local"))
        if enrolment.local_resident
        else "",
        facts=" · ".join(facts),
        reason=format_html('<div class="small">{}</div>', enrolment.status_reason) if enrolment.status_reason else "",
        url=url(enrolment.pk),
        details=_("Details"),
    )


def _detail_url():
    """pk -> the enrolment's page: reversed once (the pk is the only part that changes)."""
    mark = 987654321
    before, _sep, after = reverse("trainings:partner_enrolment", args=[mark]).partition(str(mark))
    return lambda pk: f"{before}{pk}{after}"


@register.simple_tag
def applicant_items(enrolments):
    url, dates = _detail_url(), {}
    return format_html_join("\n", "{}", ((applicant_item(e, url=url, dates=dates),) for e in enrolments))
