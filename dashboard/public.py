"""Open statistics (/statistik/): headline figures by year and kecamatan, as a page, JSON and CSV,
with a data dictionary, in the spirit of Satu Data Indonesia. The same figures and the same
suppression as the dashboard (a year's figures are the dashboard's whole-year figures)."""

import datetime

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.caching import cache_get, cache_set

from . import geo
from . import indicators as registry
from .figures import CACHE_SECONDS, OUTSIDE, cache_key, figures
from .filters import FIRST_YEAR, Filters
from .models import Summary
from .suppression import PRIMARY, is_small

MAP_INDICATOR = "seekers_registered"
REGENCY_CODE = "32.16"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = "Dinas Tenaga Kerja Kabupaten Bekasi"
CSV_HEADER = ["tahun", "kode_wilayah", "nama_wilayah", "indikator", "nilai", "satuan"]
UNITS = {
    registry.Unit.PEOPLE: gettext_lazy("people"),
    registry.Unit.CARDS: gettext_lazy("cards"),
    registry.Unit.RUPIAH: gettext_lazy("rupiah"),
    registry.Unit.PERCENT: gettext_lazy("percent"),
}


def years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


def public_indicators():
    return [i for i in registry.measured() if i.public]


def _by_year() -> dict[int, dict[str, int]]:
    """{year: {indicator: count}} from the summary: one grouped query (cached with the figures)."""
    data = {}
    rows = (
        Summary.objects.filter(dimension="all", indicator__in=[i.key for i in public_indicators()])
        .values_list("year", "indicator")
        .annotate(n=Sum("value"))
        .order_by()
    )
    for year, key, n in rows:
        data.setdefault(year, {})[key] = int(n)
    return data


def for_request(request):
    problems = []
    year = timezone.localdate().year
    raw = request.GET.get("tahun", "")
    if raw:
        try:
            year = int(raw)
            if year not in years():
                raise ValueError
        except ValueError:
            problems.append(_("There are no figures for the year “%(year)s”; showing %(default)s.")
                            % {"year": raw[:10], "default": timezone.localdate().year})  # fmt: skip
            year = timezone.localdate().year
    return cached_build(year), year, problems


def cached_build(year: int) -> dict:
    """`build(year)`, cached with the dashboard's figures (same lifetime, same invalidation)."""
    key = cache_key(Filters(year=year)).replace("dashboard:figures:", "dashboard:public:")
    data = cache_get(key)
    if data is None:
        data = build(year)
        cache_set(key, {**data, "indicators": [i.key for i in data["indicators"]]}, CACHE_SECONDS)
        return data
    return {**data, "indicators": [registry.indicator(k) for k in data["indicators"]]}


def build(year: int) -> dict:
    result = figures(Filters(year=year))
    wanted = public_indicators()
    by_year = _by_year()
    history = []
    for y in sorted((y for y in by_year if FIRST_YEAR <= y <= timezone.localdate().year), reverse=True):
        row = {}
        for ind in wanted:
            if y == year:
                row[ind.key] = result.headline(ind.key)
            else:
                value = by_year[y].get(ind.key, 0)
                row[ind.key] = (None, PRIMARY) if is_small(value) else (value, _thousands(value))
        history.append((y, row))
    if year not in by_year:
        history.insert(0, (year, {ind.key: result.headline(ind.key) for ind in wanted}))
    by_kecamatan = {
        code: {
            "name": result.label("kecamatan", code),
            "values": {i.key: result.cell((i.key, "kecamatan", code)) for i in wanted},
        }
        for code in [*geo.names(), OUTSIDE]
    }
    return {
        "generated_at": result.generated_at,
        "indicators": wanted,
        "totals": {ind.key: result.headline(ind.key) for ind in wanted},
        "by_year": history,
        "by_kecamatan": by_kecamatan,
    }


def _thousands(value) -> str:
    return f"{value:,}".replace(",", ".")


def _plain(cell):
    """A cell for machines: the number, or the suppression mark as a string."""
    value, display = cell
    return value if value is not None else display


def dictionary() -> list[dict]:
    fields = [
        {"field": "tahun", "definition": _("Calendar year of the figures (Asia/Jakarta)."), "unit": _("year")},
        {"field": "kode_wilayah", "definition": _("Kemendagri code: 32.16 is Kabupaten Bekasi, 32.16.xx a kecamatan; "
                                                  "empty for people living outside Kabupaten Bekasi."), "unit": ""},
        {"field": "nama_wilayah", "definition": _("Name of the area."), "unit": ""},
        {"field": "indikator", "definition": _("Name of the indicator (below)."), "unit": ""},
        {"field": "nilai", "definition": _("The value. “<5”: between 1 and 4, hidden to protect the people counted; "
                                           "“×”: hidden so that a small number cannot be worked out from the total."),
         "unit": ""},
        {"field": "satuan", "definition": _("Unit of the value."), "unit": ""},
    ]  # fmt: skip
    for ind in public_indicators():
        fields.append({"field": ind.key, "definition": str(ind.definition), "unit": str(UNITS[ind.unit]),
                       "label": str(ind.label)})  # fmt: skip
    return fields


def metadata(data: dict, year: int) -> dict:
    return {
        "title": _("Bekasi Kerja: workforce statistics of Kabupaten Bekasi"),
        "publisher": PUBLISHER,
        "source": _("Bekasi Kerja portal of Disnaker Kabupaten Bekasi: job-seeker registrations, AK/1 cards, training"),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "period": f"{datetime.date(year, 1, 1).isoformat()}/{datetime.date(year, 12, 31).isoformat()}",
        "last_updated": data["generated_at"].isoformat(),
        "suppression": _("Counts of 1 to 4 people are shown as “<5”; where needed other cells are hidden (“×”) "
                         "so that no hidden count can be worked out from a total."),
    }  # fmt: skip


def as_json(data: dict, year: int) -> dict:
    keys = [i.key for i in data["indicators"]]
    return {
        "metadata": metadata(data, year),
        "dictionary": dictionary(),
        "total": {"kode_wilayah": REGENCY_CODE, "tahun": year, **{k: _plain(data["totals"][k]) for k in keys}},
        "by_year": [{"tahun": y, **{k: _plain(row[k]) for k in keys}} for y, row in data["by_year"]],
        "by_kecamatan": [
            {
                "tahun": year,
                "kode_wilayah": code,
                "nama_wilayah": row["name"],
                **{k: _plain(row["values"][k]) for k in keys},
            }
            for code, row in data["by_kecamatan"].items()
        ],
    }


def as_rows(data: dict, year: int):
    units = {i.key: str(UNITS[i.unit]) for i in data["indicators"]}
    for y, row in data["by_year"]:
        for key, cell in row.items():
            yield [y, REGENCY_CODE, "Kabupaten Bekasi", key, _plain(cell), units[key]]
    for code, row in data["by_kecamatan"].items():
        for key, cell in row["values"].items():
            yield [year, code, row["name"], key, _plain(cell), units[key]]


__all__ = ["geo"]
