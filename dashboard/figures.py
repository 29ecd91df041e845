"""Every figure of the dashboard, its exports and /statistik/, from the materialised summary.

`raw(filters)` reads `models.Summary` (rebuilt by Celery beat, see summaries.py) with a fixed
number of grouped queries, whatever the data and the filters:

- the months of this year and the previous one, per indicator and kecamatan: the trend, the
  period's headline (periods are whole months) and the kecamatan breakdown;
- the period per indicator and programme category;
- the period per indicator and breakdown (gender, age band, education level, provider);
- the job seekers registered by the end of the period per kecamatan (the map's per 1,000);
- when the summary was made (the pages' "figures as of").

`Figures` rolls them up and applies suppression; what is cached (per filter combination, for
`CACHE_SECONDS`, under a version that a new summary or a changed target bumps) is that object: a
few hundred cells. Other apps' `Totals` and `Panel`s add their own fixed number of queries.
"""

import datetime
import logging
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.caching import cache_get, cache_get_many, cache_set
from seekers.models import JobSeeker
from trainings.models import Program, Provider

from . import geo
from . import indicators as registry
from .filters import Filters
from .models import Summary
from .summaries import AGE_BANDS, VERSION_KEY, invalidate, refreshed_at
from .suppression import COMPLEMENT, PRIMARY, protect

logger = logging.getLogger(__name__)

CACHE_SECONDS = 10 * 60
LAYOUT = "3"  # part of the cache key: change it when the cached Figures' attributes change

DIMENSIONS = {
    "kecamatan": _("Kecamatan"),
    "gender": _("Gender"),
    "age": _("Age band"),
    "education": _("Education level"),
    "category": _("Programme category"),
    "provider_kind": _("Kind of provider"),
    "provider": _("Provider"),
}
PERSON_DIMENSIONS = ("kecamatan", "gender", "age", "education")
TRAINING_DIMENSIONS = ("category", "provider_kind", "provider")
OUTSIDE = ""  # the kecamatan "code" of people living outside Kabupaten Bekasi


# --- Queries (on the summary) ---------------------------------------------------------------------


def _scoped(filters: Filters):
    """The summary rows the filters select. A filter applies to the indicators it concerns: the
    kecamatan to those about a place, the category to those about training."""
    rows = Summary.objects.all()
    if filters.kecamatan:
        placeless = [i.key for m in registry.measures() if not m.kecamatan_lookup for i in m.indicators]
        rows = rows.filter(Q(kecamatan=filters.kecamatan) | Q(indicator__in=placeless))
    if filters.category:
        untrained = [i.key for m in registry.measures() if m.training is None for i in m.indicators]
        rows = rows.filter(Q(category=filters.category) | Q(indicator__in=untrained))
    return rows


def raw(filters: Filters) -> dict:
    """The figures before suppression: plain data, language independent."""
    first, last = filters.months
    year = filters.year
    rows = _scoped(filters)
    in_period = Q(year=year, month__gte=first, month__lte=last)
    months = list(
        rows.filter(dimension="all", year__in=(year - 1, year))
        .values_list("indicator", "year", "month", "kecamatan")
        .annotate(n=Sum("value"))
        .order_by()
    )
    categories = list(
        rows.filter(in_period, dimension="all")
        .exclude(category="")
        .values_list("indicator", "category")
        .annotate(n=Sum("value"))
        .order_by()
    )
    dims = list(
        rows.filter(in_period, dimension__in=("gender", "age", "education", "provider"))
        .values_list("indicator", "dimension", "code", "label", "extra")
        .annotate(n=Sum("value"))
        .order_by()
    )
    stock_keys = [i.key for m in registry.measures() if m.stock for i in m.indicators]
    stock = list(
        Summary.objects.filter(dimension="all", indicator__in=stock_keys)
        .filter(Q(year__lt=year) | Q(year=year, month__lte=last))
        .values_list("kecamatan")
        .annotate(n=Sum("value"))
        .order_by()
    )
    made = refreshed_at()
    data = {
        "generated_at": (made or timezone.now()).isoformat(),
        "months": [(i, y, m, k, int(n)) for i, y, m, k, n in months],
        "categories": [(i, c, int(n)) for i, c, n in categories],
        "dims": [(i, d, c, label, extra, int(n)) for i, d, c, label, extra, n in dims],
        "stock": {k: int(n) for k, n in stock},
        "totals": {},
        "panels": {},
    }
    yearly = {
        ("totals", provider.key): lambda p=provider: {k: int(v) for k, v in p.compute(year).items()}
        for provider in registry.totals()
    }
    yearly.update({("panels", panel.key): lambda p=panel: p.build(filters) for panel in registry.panels()})
    for (kind, key), value in _yearly(yearly, year).items():
        data[kind][key] = value
    return data


def _yearly(computations: dict, year: int) -> dict:
    """The other apps' totals and panels depend on the year only: computed once per year and
    summary (the beat job computes this year's right after the summary), not per filter
    combination. Their own queries take up to 200 ms each at 200,000 seekers. All read from the
    cache in one round trip."""
    current = version()
    keys = {name: f"dashboard:yearly:{LAYOUT}:v{current}:{name[0]}:{name[1]}:{year}" for name in computations}
    found = cache_get_many(list(keys.values())) if keys else {}
    values = {}
    for name, compute in computations.items():
        values[name] = found.get(keys[name])
        if values[name] is None:
            values[name] = compute()
            cache_set(keys[name], values[name], 2 * CACHE_SECONDS)
    return values


def version():
    """The figures' version (in every key; a new summary or target replaces it), or None when the
    cache is down: then nothing is read from it (core/caching.py: an outage costs the work only)."""
    try:
        return cache.get_or_set(VERSION_KEY, 1, None)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable (dashboard version)", exc_info=True)
        return None


def cache_key(filters: Filters) -> str:
    return f"dashboard:figures:{LAYOUT}:v{version()}:{filters.data_key()}"


# --- From rows to suppressed tables ---------------------------------------------------------------


def _label(dimension: str, code, rows_meta: dict) -> str:
    if dimension == "kecamatan":
        return geo.names().get(code) or str(_("Outside Kabupaten Bekasi"))
    if dimension == "gender":
        return str(dict(JobSeeker.Gender.choices).get(code, _("Not recorded")))
    if dimension == "age":
        return code
    if dimension == "education":
        return rows_meta.get(("education", code)) or str(_("Not recorded"))
    if dimension == "category":
        return str(dict(Program.Category.choices).get(code, code))
    if dimension == "provider_kind":
        return str(dict(Provider.Kind.choices).get(code, code))
    if dimension == "provider":
        return rows_meta.get(("provider", code)) or str(code)
    return str(code)


def _dimension_order(dimension: str, meta: dict) -> list:
    if dimension == "kecamatan":
        return [*geo.names(), OUTSIDE]
    if dimension == "gender":
        return ["L", "P"]
    if dimension == "age":
        return ["<15"] + [label for _low, label in AGE_BANDS]
    if dimension == "education":
        return [code for _rank, code in sorted(meta.get("education_ranks", set()))] + [None]
    return []


class Figures:
    """The figures of one filter combination, with suppression applied: what every page,
    export and the open data show. `cell(id)` gives (value, display)."""

    def __init__(self, data: dict, filters: Filters):
        self.filters = filters
        # Totals of other apps cover a whole year of the whole regency, nothing narrower.
        self.whole_scope = not (filters.period or filters.kecamatan or filters.category)
        self.data = data
        self.generated_at = datetime.datetime.fromisoformat(data["generated_at"])
        self.values: dict = {}
        self.lines: list = []
        self.meta: dict = {}
        self.breakdowns: dict[str, list] = {}  # dimension -> ordered codes
        self.dimension_indicators: dict[str, list[str]] = defaultdict(list)
        self.money: dict = {}  # sum indicators: cell id -> (value, count cell id)
        self._collect()
        self.hidden = protect({k: v for k, v in self.values.items() if k not in self.money}, self.lines)
        for cell, (_value, count_cell) in self.money.items():
            if count_cell in self.hidden:
                self.hidden[cell] = COMPLEMENT
        # What is cached is this object: the rolled-up cells, not the rows they came from.
        self.data = {"panels": data.get("panels", {})}
        self.lines = []

    # Cells are ("<indicator>", "<what>", <key>): ("x", "period") the headline, ("x", "year", y),
    # ("x", "month", (y, m)), ("x", "<dimension>", code), ("stock", "kecamatan", code).

    def _put(self, cell, value, ind=None):
        self.values[cell] = value
        if ind is not None and ind.count_of:  # rupiah: hidden with the count it goes with
            self.money[cell] = (value, (ind.count_of, *cell[1:]))

    def _collect(self):
        f = self.filters
        first, last = f.months
        months, kecamatan, by_dimension = defaultdict(int), defaultdict(int), defaultdict(int)
        for key, year, month, code, n in self.data["months"]:
            months[(key, year, month)] += n
            if year == f.year and first <= month <= last:
                kecamatan[(key, code or OUTSIDE)] += n
        for key, category, n in self.data["categories"]:
            by_dimension[(key, "category", category)] += n
            self.meta.setdefault(("values", "category"), set()).add(category)
        for key, dimension, code, label, extra, n in self.data["dims"]:
            if dimension == "provider":
                code = int(code) if code.isdigit() else code
                self.meta[("provider", code)] = label
                self.meta[("kind", code)] = extra
                self.meta.setdefault(("values", "provider_kind"), set()).add(extra)
                by_dimension[(key, "provider_kind", extra)] += n
            elif dimension == "education" and code:
                self.meta[("education", code)] = label
                self.meta.setdefault("education_ranks", set()).add((int(extra or 0), code))
            code = code or None if dimension == "education" else code
            by_dimension[(key, dimension, code)] += n
            self.meta.setdefault(("values", dimension), set()).add(code)
        for measure in registry.measures():
            for ind in measure.indicators:
                self._trend(ind, months)
            dimensions = (PERSON_DIMENSIONS if measure.person is not None else ()) + (
                TRAINING_DIMENSIONS if measure.training is not None else ()
            )
            if measure.person is None and measure.kecamatan:
                dimensions = ("kecamatan", *dimensions)
            for dimension in dimensions:
                source = kecamatan if dimension == "kecamatan" else None
                for ind in measure.indicators:
                    self._breakdown(ind, dimension, source, by_dimension)
            if measure.stock:
                codes = self.breakdowns["kecamatan"]
                stock = self.data["stock"]
                for code in codes:
                    self.values[("stock", "kecamatan", code)] = stock.get(code or "", 0)
                self.values[("stock", "total")] = sum(stock.values())
                self.lines.append(([("stock", "kecamatan", c) for c in codes], ("stock", "total")))
        if self.whole_scope:
            for provider in registry.totals():
                values = self.data.get("totals", {}).get(provider.key, {})
                for ind in provider.indicators:
                    self._put((ind.key, "period"), values.get(ind.key, 0), ind)

    def _trend(self, ind, months):
        f = self.filters
        first, last = f.months
        period = (ind.key, "period")
        for year in (f.year - 1, f.year):
            year_cell = period if (year == f.year and not f.period) else (ind.key, "year", year)
            members = [(ind.key, "month", (year, m)) for m in range(1, 13)]
            for m in range(1, 13):
                self._put((ind.key, "month", (year, m)), months[(ind.key, year, m)], ind)
            self._put(year_cell, sum(months[(ind.key, year, m)] for m in range(1, 13)), ind)
            if not ind.sum_field:
                self.lines.append((members, year_cell))
        if f.period:
            members = [(ind.key, "month", (f.year, m)) for m in range(first, last + 1)]
            self._put(period, sum(months[(ind.key, f.year, m)] for m in range(first, last + 1)), ind)
            if not ind.sum_field:
                self.lines.append((members, period))

    def _breakdown(self, ind, dimension, kecamatan, by_dimension):
        if dimension not in self.breakdowns:
            order = _dimension_order(dimension, self.meta)
            known = self.meta.get(("values", dimension), set())
            ordered = [c for c in order if c in known or dimension in ("kecamatan", "gender", "age", "education")]
            ordered += sorted((c for c in known if c not in ordered), key=lambda c: str(self.label(dimension, c)))
            self.breakdowns[dimension] = ordered
        members = []
        for code in self.breakdowns[dimension]:
            cell = (ind.key, dimension, code)
            value = kecamatan[(ind.key, code)] if kecamatan is not None else by_dimension[(ind.key, dimension, code)]
            self._put(cell, value, ind)
            members.append(cell)
        self.dimension_indicators[dimension].append(ind.key)
        if not ind.sum_field:
            self.lines.append((members, (ind.key, "period")))

    # --- reading ------------------------------------------------------------------------------

    def cell(self, cell) -> tuple[int | None, str]:
        """(value or None when hidden, what to print)."""
        if cell not in self.values:
            return None, "–"
        if cell in self.hidden:
            return None, self.hidden[cell]
        value = self.values[cell]
        return value, f"{value:,}".replace(",", ".")

    def value(self, cell):
        return self.cell(cell)[0]

    def ratio(self, numerator, denominator, *, per=100) -> tuple[float | None, str]:
        n, d = self.value(numerator), self.value(denominator)
        if numerator in self.hidden or denominator in self.hidden:
            return None, COMPLEMENT
        if n is None or not d:
            return None, "–"
        value = n * per / d
        return value, f"{value:.1f}".replace(".", ",")

    def headline(self, key):
        return self.cell((key, "period"))

    def label(self, dimension, code) -> str:
        return _label(dimension, code, self.meta)

    def table(self, dimension) -> dict:
        """{"columns": [(key, label)], "rows": [(label, code, [display...])], "total": [display...]}"""
        keys = [k for k in (i.key for i in registry.indicators()) if k in self.dimension_indicators[dimension]]
        rows = [
            (self.label(dimension, code), code, [self.cell((key, dimension, code))[1] for key in keys])
            for code in self.breakdowns.get(dimension, [])
        ]
        return {
            "dimension": dimension,
            "title": DIMENSIONS[dimension],
            "columns": [(key, registry.label_of(key)) for key in keys],
            "rows": rows,
            "total": [self.cell((key, "period"))[1] for key in keys],
        }

    def tables(self) -> list[dict]:
        return [self.table(d) for d in DIMENSIONS if self.breakdowns.get(d)]

    def map_values(self, key, per="") -> dict[str, tuple[float | None, str]]:
        result = {}
        for code in geo.names():
            if per:
                result[code] = self.ratio((key, "kecamatan", code), ("stock", "kecamatan", code), per=1000)
            else:
                result[code] = self.cell((key, "kecamatan", code))
        return result

    def trend(self, key) -> dict:
        year = self.filters.year
        return {
            "key": key,
            "label": registry.label_of(key),
            "years": [year - 1, year],
            "rows": [
                (month, [self.cell((key, "month", (y, month))) for y in (year - 1, year)]) for month in range(1, 13)
            ],
        }

    def funnel(self) -> list[dict]:
        steps = sorted((i for i in registry.indicators() if i.funnel), key=lambda i: i.funnel)
        result, previous = [], None
        for ind in steps:
            value, display = self.headline(ind.key)
            conversion = self.ratio((ind.key, "period"), (previous.key, "period")) if previous else (None, "")
            result.append(
                {"key": ind.key, "label": ind.label, "value": value, "display": display, "conversion": conversion[1]}
            )
            previous = ind
        return result


def figures(filters: Filters, *, fresh: bool = False) -> Figures:
    """The figures of `filters`, suppressed, from the cache; computed (and cached) when missing or
    when `fresh` is asked. The cache holds the rolled-up cells (a few hundred), not the grouped
    rows (thousands), so reading it costs little."""
    key = cache_key(filters)
    result = None if fresh else cache_get(key)
    if result is None:
        result = Figures(raw(filters), filters)
        cache_set(key, result, CACHE_SECONDS)
    return result


__all__ = ["PRIMARY", "COMPLEMENT", "Figures", "figures", "raw", "invalidate"]
