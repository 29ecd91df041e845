"""The registry of indicators: what the dashboard, its exports and /statistik/ count.

Figures come from *measures*. A measure is one kind of row of one app (seekers' profiles, AK/1
cards, enrolments by their acceptance date, ...), read through that app's selectors, dated by
one field, with the paths that lead from the row to the person (kecamatan, gender, age,
education) and to the training (category, provider). Each measure carries its indicators: counts
(or sums) of its rows in the period under a condition. The dashboard computes every measure with
a fixed number of grouped queries (`figures.py`), whatever the number of indicators or rows.

The apps' figures plug in from `dashboard/sources.py`, which registers a measure only when the
app has the selectors it needs: the dashboard shows only what exists.

Derived indicators (a share, a rate) are computed from two counted ones after suppression.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum


class Unit:
    PEOPLE = "people"
    CARDS = "cards"
    RUPIAH = "rupiah"
    PERCENT = "percent"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # lazily translated
    definition: str  # lazily translated; the data dictionary's text
    unit: str = Unit.PEOPLE
    condition: Q = field(default_factory=Q)
    sum_field: str = ""  # empty: count rows; else the sum of this field (rupiah)
    # Counts of people (or of what identifies a person, like a card) are suppressed when 1-4.
    # A rupiah sum is suppressed with the count it goes with (`count_of`).
    count_of: str = ""
    public: bool = True  # shown on /statistik/
    funnel: int = 0  # its step in the funnel (1 = first); 0 = not in the funnel
    order: int = 100


@dataclass(frozen=True)
class Measure:
    key: str
    queryset: Callable  # () -> QuerySet, from the owning app's selectors
    date_field: str
    indicators: tuple[Indicator, ...]
    person: str | None = None  # path to the JobSeeker ("seeker__"; "" for JobSeeker itself)
    training: str | None = None  # path to the Program ("batch__program__")
    kecamatan: str | None = None  # path to a kecamatan code when there is no person (an employer's)
    # The per-1,000 denominator of the map: job seekers registered by the end of the period.
    stock: bool = False
    app: str = ""

    @property
    def kecamatan_lookup(self) -> str | None:
        if self.person is not None:
            return f"{self.person}domicile_kecamatan__code"
        return self.kecamatan


@dataclass(frozen=True)
class Totals:
    """Figures an app computes itself for a year, through its own aggregate selectors:
    `compute(year)` returns {indicator key: number}. They have no breakdowns and no monthly trend,
    and cover the whole regency: the dashboard shows them for a whole year without a kecamatan or
    category filter, and says so otherwise."""

    key: str
    compute: Callable
    indicators: tuple[Indicator, ...]
    app: str = ""


@dataclass(frozen=True)
class Derived:
    """A ratio of two counted indicators, in percent."""

    key: str
    label: str
    definition: str
    numerator: str
    denominator: str
    public: bool = True
    order: int = 100
    unit: str = Unit.PERCENT


@dataclass(frozen=True)
class Panel:
    """An extra panel of an app (ranking, employers, portfolio, pipeline): `build(filters)`
    returns a JSON-serialisable dict the template `template` shows, computed in a fixed number
    of queries, with its cells already suppressed."""

    key: str
    title: str
    template: str
    build: Callable
    order: int = 100


_measures: dict[str, Measure] = {}
_totals: dict[str, Totals] = {}
_derived: dict[str, Derived] = {}
_panels: dict[str, Panel] = {}


def register_measure(measure: Measure):
    _measures[measure.key] = measure


def register_totals(totals: Totals):
    _totals[totals.key] = totals


def register_derived(derived: Derived):
    _derived[derived.key] = derived


def register_panel(panel: Panel):
    _panels[panel.key] = panel


def measures() -> list[Measure]:
    return list(_measures.values())


def totals() -> list[Totals]:
    return list(_totals.values())


def indicators() -> list[Indicator]:
    """Every counted indicator (of measures and of totals), in display order."""
    return sorted(
        [i for m in _measures.values() for i in m.indicators] + [i for t in _totals.values() for i in t.indicators],
        key=lambda i: i.order,
    )


def measured() -> list[Indicator]:
    """Indicators with breakdowns and a monthly trend (those of measures): what the map and the
    trend chart can show."""
    return sorted((i for m in _measures.values() for i in m.indicators), key=lambda i: i.order)


def indicator(key: str) -> Indicator | None:
    return next((i for i in indicators() if i.key == key), None)


def measure_of(key: str) -> Measure | None:
    return next((m for m in _measures.values() if any(i.key == key for i in m.indicators)), None)


def derived() -> list[Derived]:
    return sorted(_derived.values(), key=lambda d: d.order)


def panels() -> list[Panel]:
    return sorted(_panels.values(), key=lambda p: p.order)


def all_keys() -> list[str]:
    return [i.key for i in indicators()] + [d.key for d in derived()]


def label_of(key: str) -> str:
    found = indicator(key) or _derived.get(key)
    return found.label if found else key


def aggregate(ind: Indicator):
    """The indicator's aggregate over its measure's rows: a filtered COUNT, or a filtered SUM (rupiah)."""
    if ind.sum_field:
        return Sum(ind.sum_field, filter=ind.condition or None)
    return Count("pk", filter=ind.condition or None)


def target_choices() -> list[tuple[str, str]]:
    """Indicators a target can be set for (the registry, so a new app's indicators appear)."""
    return [(i.key, i.label) for i in indicators()] + [(d.key, d.label) for d in derived()]
