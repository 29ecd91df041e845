"""Every figure of the dashboard, its exports and /statistik/, computed in the database.

`raw(filters)` runs a fixed number of grouped queries per measure, whatever the data:

- "person": grouped by (kecamatan, gender, age band, education) of the person: the four
  person breakdowns (and the map) are sums over its at most 24 × 2 × 6 × 11 rows;
- "training": grouped by (category, provider) of the programme, for measures about training;
- "trend": grouped by (year, month) over this year and the previous one; the period's headline
  is the sum of its months (periods are whole months), so it needs no query of its own.

One query serves several breakdowns (rolled up in Python over a few hundred rows) instead of one
scan of the big tables per breakdown. The result is plain data, cached per filter combination
(`cached_raw`) for `CACHE_SECONDS`, and keyed by a version that a target change bumps.
`build()` turns it into tables with every suppression applied.
"""

import datetime
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.db.models import Case, CharField, Count, DateTimeField, F, Q, Sum, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seekers.models import JobSeeker
from trainings.models import Program, Provider

from . import geo
from . import indicators as registry
from .filters import Filters
from .suppression import COMPLEMENT, PRIMARY, protect

CACHE_SECONDS = 10 * 60
LAYOUT = "1"  # part of the cache key: change it when the cached Figures' attributes change
VERSION_KEY = "dashboard:version"

AGE_BANDS = [(15, "15-24"), (25, "25-34"), (35, "35-44"), (45, "45-54"), (55, "55+")]
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


# --- Queries ------------------------------------------------------------------------------------


def _is_datetime(measure) -> bool:
    return isinstance(measure.queryset().model._meta.get_field(measure.date_field), DateTimeField)


def _range(measure, start: datetime.date, end: datetime.date) -> Q:
    if _is_datetime(measure):
        start, end = (timezone.make_aware(datetime.datetime.combine(d, datetime.time.min)) for d in (start, end))
    return Q(**{f"{measure.date_field}__gte": start, f"{measure.date_field}__lt": end})


def _scoped(measure, filters: Filters):
    queryset = measure.queryset()
    if filters.kecamatan and measure.kecamatan_lookup:
        queryset = queryset.filter(**{measure.kecamatan_lookup: filters.kecamatan})
    if filters.category and measure.training is not None:
        queryset = queryset.filter(**{f"{measure.training}category": filters.category})
    return queryset


def aggregate(ind, extra: Q | None = None):
    """The indicator's aggregate: a filtered COUNT of rows, or a filtered SUM (rupiah)."""
    condition = ind.condition & extra if extra is not None else ind.condition
    if ind.sum_field:
        return Sum(ind.sum_field, filter=condition or None)
    return Count("pk", filter=condition or None)


def _values(measure, extra: Q | None = None) -> dict:
    return {ind.key: aggregate(ind, extra) for ind in measure.indicators}


def _age_band(path: str, on: datetime.date):
    """The person's age band on `on`, as a CASE over the birth date (index friendly, both databases)."""
    whens = [
        When(
            **{f"{path}__gt": on - relativedelta(years=low + 10 if low < 55 else 200)},
            **{f"{path}__lte": on - relativedelta(years=low)},
            then=Value(label),
        )
        for low, label in AGE_BANDS
    ]  # fmt: skip
    return Case(*whens, default=Value("<15"), output_field=CharField())


def _person_rows(measure, filters: Filters) -> list[dict]:
    start, end = filters.dates
    p = measure.person
    in_period = _range(measure, start, end)
    queryset = _scoped(measure, filters)
    annotations = _values(measure, in_period)
    if measure.stock:  # registered by the end of the period: the per-1,000 denominator
        queryset = queryset.filter(_range(measure, datetime.date(1900, 1, 1), end))
        annotations["stock"] = Count("pk")
    else:
        queryset = queryset.filter(in_period)
    rows = (
        queryset.values(
            dim_kecamatan=F(f"{p}domicile_kecamatan__code"),
            dim_gender=F(f"{p}gender"),
            dim_age=_age_band(f"{p}birth_date", end - datetime.timedelta(days=1)),
            dim_education=F(f"{p}education_level__code"),
            dim_education_name=F(f"{p}education_level__name"),
            dim_education_rank=F(f"{p}education_level__rank"),
        )
        .annotate(**annotations)
        .order_by()
    )
    return [_undimmed(row) for row in rows]


def _undimmed(row) -> dict:
    # Aliased "dim_…" in SQL: an annotation may not reuse a field's name ("gender").
    return {key.removeprefix("dim_"): value for key, value in row.items()}


def _training_rows(measure, filters: Filters) -> list[dict]:
    start, end = filters.dates
    t = measure.training
    rows = (
        _scoped(measure, filters)
        .filter(_range(measure, start, end))
        .values(
            dim_category=F(f"{t}category"),
            dim_provider=F(f"{t}provider_id"),
            dim_provider_name=F(f"{t}provider__name"),
            dim_provider_short=F(f"{t}provider__short_name"),
            dim_provider_kind=F(f"{t}provider__kind"),
        )
        .annotate(**_values(measure))
        .order_by()
    )
    return [_undimmed(row) for row in rows]


def _trend_rows(measure, filters: Filters) -> list[dict]:
    first = datetime.date(filters.year - 1, 1, 1)
    end = datetime.date(filters.year + 1, 1, 1)
    rows = (
        _scoped(measure, filters)
        .filter(_range(measure, first, end))
        .values(y=ExtractYear(measure.date_field), m=ExtractMonth(measure.date_field))
        .annotate(**_values(measure))
        .order_by()
    )
    return [dict(row) for row in rows]


def raw(filters: Filters) -> dict:
    """The uncached figures: plain data (JSON-serialisable), language independent."""
    data = {"generated_at": timezone.now().isoformat(), "measures": {}, "totals": {}, "panels": {}}
    for measure in registry.measures():
        part = {"trend": _trend_rows(measure, filters)}
        if measure.person is not None:
            part["person"] = _person_rows(measure, filters)
        if measure.training is not None:
            part["training"] = _training_rows(measure, filters)
        data["measures"][measure.key] = part
    for provider in registry.totals():
        data["totals"][provider.key] = {k: int(v) for k, v in provider.compute(filters.year).items()}
    for panel in registry.panels():
        data["panels"][panel.key] = panel.build(filters)
    return data


def cache_key(filters: Filters) -> str:
    version = cache.get_or_set(VERSION_KEY, 1, None)
    return f"dashboard:figures:{LAYOUT}:v{version}:{filters.data_key()}"


def invalidate():
    """Forget every cached figure (a target changed): the version is part of every key."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


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


def _dimension_order(dimension: str, rows_meta: dict) -> list:
    if dimension == "kecamatan":
        return [*geo.names(), OUTSIDE]
    if dimension == "gender":
        return ["L", "P"]
    if dimension == "age":
        return ["<15"] + [label for _low, label in AGE_BANDS]
    if dimension == "education":
        return [code for _rank, code in sorted(rows_meta.get("education_ranks", set()))] + [None]
    return sorted(rows_meta.get(("values", dimension), set()), key=lambda v: str(rows_meta.get((dimension, v), v)))


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
        self.hidden = protect(self.values, self.lines)
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
        if ind is not None and ind.sum_field:  # hidden with the count it goes with
            self.money[cell] = (value, (ind.count_of, *cell[1:]))

    def _collect(self):
        f = self.filters
        first, last = f.months
        for measure in registry.measures():
            part = self.data["measures"].get(measure.key, {})
            months = defaultdict(int)
            for row in part.get("trend", []):
                for ind in measure.indicators:
                    months[(ind.key, row["y"], row["m"])] += row[ind.key] or 0
            for ind in measure.indicators:
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
            if "person" in part:
                self._breakdowns(measure, part["person"], PERSON_DIMENSIONS, stock=measure.stock)
            if "training" in part:
                self._breakdowns(measure, part["training"], TRAINING_DIMENSIONS)
        if self.whole_scope:
            for provider in registry.totals():
                values = self.data.get("totals", {}).get(provider.key, {})
                for ind in provider.indicators:
                    self._put((ind.key, "period"), values.get(ind.key, 0), ind)

    def _breakdowns(self, measure, rows, dimensions, stock=False):
        for row in rows:
            if row.get("education") is not None:
                self.meta[("education", row["education"])] = row["education_name"]
                self.meta.setdefault("education_ranks", set()).add((row["education_rank"], row["education"]))
            if "provider" in row:
                self.meta[("provider", row["provider"])] = row["provider_short"] or row["provider_name"]
                self.meta[("kind", row["provider"])] = row["provider_kind"]
                self.meta.setdefault(("values", "provider"), set()).add(row["provider"])
                self.meta.setdefault(("values", "category"), set()).add(row["category"])
                self.meta.setdefault(("values", "provider_kind"), set()).add(row["provider_kind"])
        for dimension in dimensions:
            order = _dimension_order(dimension, self.meta)
            known = set(self.breakdowns.get(dimension, [])) | set(order)
            sums = defaultdict(int)
            stocks = defaultdict(int)
            for row in rows:
                code = row[dimension] if dimension != "kecamatan" else (row["kecamatan"] or OUTSIDE)
                known.add(code)
                for ind in measure.indicators:
                    sums[(ind.key, code)] += row[ind.key] or 0
                if stock:
                    stocks[code] += row["stock"]
            ordered = [c for c in order if c in known] + sorted((c for c in known if c not in order), key=str)
            if dimension in ("category", "provider_kind", "provider"):
                ordered = sorted(known, key=lambda c: str(_label(dimension, c, self.meta)))
            self.breakdowns[dimension] = ordered
            for ind in measure.indicators:
                self.dimension_indicators[dimension].append(ind.key)
                members = []
                for code in ordered:
                    cell = (ind.key, dimension, code)
                    self._put(cell, sums[(ind.key, code)], ind)
                    members.append(cell)
                if not ind.sum_field:
                    self.lines.append((members, (ind.key, "period")))
            if stock and dimension == "kecamatan":
                for code in ordered:
                    self.values[("stock", "kecamatan", code)] = stocks[code]
                total = ("stock", "total")
                self.values[total] = sum(stocks.values())
                self.lines.append(([("stock", "kecamatan", c) for c in ordered], total))

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
    result = None if fresh else cache.get(key)
    if result is None:
        result = Figures(raw(filters), filters)
        cache.set(key, result, CACHE_SECONDS)
    return result


__all__ = ["PRIMARY", "COMPLEMENT", "Figures", "figures", "raw", "invalidate"]
