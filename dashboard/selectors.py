"""Reads of the dashboard's own tables, and what the pages make of the figures."""

from dataclasses import asdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from trainings.models import Provider

from . import indicators as registry
from .filters import Filters
from .models import Target


def targets_for(filters: Filters) -> dict[str, Decimal]:
    """{indicator: target} for the year and exactly the filters' scope (a kecamatan's own target,
    not the regency's, when a kecamatan is chosen). One query."""
    targets = Target.objects.filter(year=filters.year, category=filters.category)
    if filters.kecamatan:
        targets = targets.filter(kecamatan__code=filters.kecamatan)
    else:
        targets = targets.filter(kecamatan__isnull=True)
    return dict(targets.values_list("indicator", "value"))


def headline_cards(figures, targets: dict) -> list[dict]:
    cards = []
    for ind in registry.indicators():
        value, display = figures.headline(ind.key)
        card = _card(ind.key, ind.label, ind.unit, value, display, targets.get(ind.key))
        # An app's own year totals exist for the whole regency and year only.
        card["whole_scope_only"] = (ind.key, "period") not in figures.values
        if ind.unit == registry.Unit.RUPIAH and value is not None:
            card["display"] = "Rp " + display
        cards.append(card)
    for ratio in registry.derived():
        value, display = figures.ratio((ratio.numerator, "period"), (ratio.denominator, "period"))
        cards.append(_card(ratio.key, ratio.label, ratio.unit, value, display + (" %" if value is not None else ""),
                           targets.get(ratio.key)))  # fmt: skip
    return cards


def _card(key, label, unit, value, display, target) -> dict:
    progress = None
    if target and value is not None:
        progress = round(100 * float(value) / float(target))
    return {
        "key": key, "label": label, "unit": unit, "value": value, "display": display,
        "target": target, "progress": progress, "progress_bar": min(progress or 0, 100),
    }  # fmt: skip


def provider_ranking(figures) -> list[dict]:
    """Partner institutions by their rate: placements of graduates per completion when the
    placements app provides it, else completions per acceptance. Suppressed cells give no rate."""
    placed = figures.data["panels"].get("placement_rates")
    if placed is not None:
        partners = {code for code in figures.breakdowns.get("provider", []) if figures.meta.get(("kind", code)) in
                    (None, Provider.Kind.PARTNER)}  # fmt: skip
        return {
            "numerator_label": _("Placed within 6 months"),
            "denominator_label": _("Graduates"),
            "rows": [r for r in placed if r["provider_id"] in partners or not partners],
        }
    numerator, denominator = ("trainees_completed", "trainees_accepted")
    rows = []
    for code in figures.breakdowns.get("provider", []):
        kind = figures.meta.get(("kind", code))
        if kind is not None and kind != Provider.Kind.PARTNER:
            continue
        rate, rate_display = figures.ratio((numerator, "provider", code), (denominator, "provider", code))
        rows.append({
            "name": figures.label("provider", code),
            "numerator": figures.cell((numerator, "provider", code))[1],
            "denominator": figures.cell((denominator, "provider", code))[1],
            "rate": rate, "rate_display": rate_display,
        })  # fmt: skip
    rows.sort(key=lambda r: (r["rate"] is None, -(r["rate"] or 0), r["name"]))
    return {
        "numerator_label": registry.label_of(numerator),
        "denominator_label": registry.label_of(denominator),
        "rows": rows,
    }


def report_filters(filters: Filters) -> dict:
    return asdict(filters)
