"""The rows of the staff candidate and returnee lists, written in Python: 25 rows through the
template engine (a lookup, a filter and an escape per cell, a `{% url %}` and, for returnees, an
`{% include %}` per row) were most of those pages' time (README, "Japan internships")."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.formatting import long_date
from core.html import format_html, format_html_join  # Django's, without the lazy-text wrappers
from core.links import pk_url

from ..models import Candidacy, ReturnRecord

register = template.Library()


@register.simple_tag
def candidate_rows(rows):
    """`<tr>` rows of the staff candidate list from `selectors.candidate_rows` (name linked to
    the candidacy, intake, status, next stage, kecamatan or the domicile outside Bekasi)."""
    if not rows:
        return format_html('<tr><td colspan="5">{}</td></tr>', _("No candidate matches."))
    url = pk_url("overseas:staff_candidacy")
    status = dict(Candidacy.Status.choices)
    return format_html_join(
        "",
        '<tr data-testid="candidate"><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (url(r.pk), r.name, r.intake, status.get(r.status, r.status), r.next_stage or "–",
             r.kecamatan or r.domicile_outside)
            for r in rows
        ),
    )  # fmt: skip


def _vacancy_items(vacancies, day):
    badge = format_html(' <span class="badge text-bg-info">{}</span>', _("Japanese-affiliated"))
    until = _("until %(day)s")
    return format_html_join(
        "",
        '<li data-testid="vacancy">{}, {}{} · {} · {}\n  </li>',
        (
            (v.title, v.employer.name, badge if v.japanese_affiliated else "", v.kecamatan.name,
             until % {"day": day(v.closing_date)})
            for v in vacancies
        ),
    )  # fmt: skip


def _dates():
    """`long_date`, remembering each day it wrote (a page shows the same closing days many times)."""
    written = {}

    def day(value):
        if value not in written:
            written[value] = long_date(value)
        return written[value]

    return day


def _labels(model, field_name):
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}


@register.simple_tag
def returnee_cards(rows):
    """The returnee list's cards, from `[(candidacy, proposed vacancies)]`: name linked to the
    candidacy, return day (early or not), host company and prefecture, intention, Japanese and
    skill level; then the re-placement, or the matching vacancies and the link to propose one."""
    if not rows:
        return format_html("<p>{}</p>", _("No returnee yet."))
    url = pk_url("overseas:staff_candidacy")
    early = format_html(" ({})", _("early"))
    day = _dates()
    # get_FOO_display builds a dict of every choice on each call: once a page here.
    intentions, japanese = (_labels(ReturnRecord, name) for name in ("intention", "japanese_level"))
    cards = []
    for candidacy, vacancies in rows:
        back = candidacy.return_record
        deployment = getattr(candidacy, "deployment", None)
        link = url(candidacy.pk)
        details = [intentions.get(back.intention, back.intention)]
        if back.japanese_level:
            details.append(japanese.get(back.japanese_level, back.japanese_level))
        if back.skill_level:
            details.append(back.skill_level)
        if back.placement_id:
            after = format_html(
                '<p class="mb-0 text-success" data-testid="replaced">{}</p>',
                _("Re-placed from %(day)s (placement %(n)s)") % {"day": day(back.replaced_on), "n": back.placement_id},
            )
        else:
            if vacancies:
                found = format_html(
                    '<p class="mb-1">{}</p>\n<ul class="mb-0" data-testid="vacancies">{}</ul>\n',
                    _("Matching vacancies:"), _vacancy_items(vacancies, day),
                )  # fmt: skip
            else:
                found = format_html('<p class="mb-0 text-body-secondary">{}</p>\n', _("No matching vacancy open now."))
            after = format_html(
                '{}<a class="small" href="{}#penempatan">{}</a>', found, link, _("Propose or record a job")
            )
        cards.append(
            format_html(
                '<section class="card mb-2" data-testid="returnee"><div class="card-body small">\n'
                '<h2 class="h6 mb-1"><a href="{}">{}</a></h2>\n'
                '<p class="mb-1">{}{} · {}, {}\n · {}</p>\n{}\n</div></section>\n',
                link,
                candidacy.seeker.full_name,
                _("Returned on %(day)s") % {"day": day(back.returned_on)},
                early if back.early else "",
                deployment.host_company if deployment else "",
                deployment.get_prefecture_display() if deployment else "",
                format_html_join(" · ", "{}", ((d,) for d in details)),
                after,
            )  # fmt: skip
        )
    return mark_safe("".join(cards))  # noqa: S308 - each card was built with format_html
