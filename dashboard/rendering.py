"""The dashboard's content, rendered once per filter combination and language and cached.

The content is the same for everyone who may see it (aggregates only), so a cached view renders
only the page around it (navbar, language switch): see `content_html`.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.caching import cache_get, cache_get_many, cache_set

from . import charts, geo, public, selectors
from . import indicators as registry
from .figures import CACHE_SECONDS, LAYOUT, cache_key
from .figures import figures as compute
from .figures import version as figures_version
from .filters import PERIODS, FilterForm, Filters
from .summaries import VERSION_KEY

# A request whose parameters are longer than this is parsed every time (nobody shares such a URL).
REQUEST_KEY_MAX = 300
# "Refresh" computes a view's figures again at most this often (content_html).
REFRESH_SECONDS = 30


def month_names() -> list[str]:
    return [str(label) for code, label in PERIODS if len(code) == 2 and code.isdigit()]


def content_html(filters, problems=(), *, fresh=False) -> str:
    """The content for `filters`, from the cache, or computed and rendered when missing; `fresh`
    ("refresh") computes it again unless it was computed less than REFRESH_SECONDS ago: a burst of
    refreshes of the same view, by one person or many, shares one computation instead of each
    running every aggregate (20 ms of CPU and 6 queries at 200,000 seekers) again."""
    # The messages about bad filter values are part of the content (md5: stable across processes).
    said = hashlib.md5("|".join(str(p) for p in problems).encode(), usedforsecurity=False).hexdigest()[:8]
    key = f"{cache_key(filters)}:html:v2:{translation.get_language()}:{filters.querystring()}:{said}"
    entry = cache_get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and (not fresh or time.time() - entry[1] < REFRESH_SECONDS):
        return mark_safe(entry[0])  # noqa: S308 - rendered by our template, autoescaped
    content = render_to_string("dashboard/_content.html", _content(filters, problems, fresh=fresh))
    cache_set(key, (content, time.time()), CACHE_SECONDS)
    return mark_safe(content)  # noqa: S308 - rendered by our template, autoescaped


def request_key(request) -> str | None:
    """The key of the dashboard's content for a request as it was asked: its parameters (sorted),
    the language and the day (the default year and period follow the date). A cached view then
    costs one cache read and no parsing of the filters. None for "refresh" and very long URLs."""
    if "refresh" in request.GET or len(request.META.get("QUERY_STRING", "")) > REQUEST_KEY_MAX:
        return None
    asked = urlencode(sorted((name, value) for name, values in request.GET.lists() for value in values))
    digest = hashlib.md5(asked.encode(), usedforsecurity=False).hexdigest()
    return f"dashboard:page:{LAYOUT}:{translation.get_language()}:{timezone.localdate():%Y%m%d}:{digest}"


def cached_content(key: str):
    """(the content cached for `key` or None, the figures' version now): both in one round trip
    to the cache. An entry counts only under the version it was rendered with, which a new summary
    or a changed target replaces (summaries.invalidate)."""
    found = cache_get_many([VERSION_KEY, key])
    version, entry = found.get(VERSION_KEY), found.get(key)
    if version is None:
        return None, figures_version()  # a cold cache: made now, as figures.cache_key does
    if entry is not None and entry[0] == version:
        return mark_safe(entry[1]), version  # noqa: S308 - rendered by our template, autoescaped
    return None, version


def keep_content(key: str, version, content: str) -> None:
    """Keeps `content` under the version read *before* it was rendered: rendered from an older
    summary than the one that replaced it, it is never served."""
    if version is not None:
        cache_set(key, (version, str(content)), CACHE_SECONDS)


def _content(filters, problems, *, fresh=False) -> dict:
    figures = compute(filters, fresh=fresh)
    targets = selectors.targets_for(filters)
    map_values = figures.map_values(filters.map, filters.per)
    map_label = registry.label_of(filters.map)
    trend = figures.trend(filters.trend)
    funnel = figures.funnel()
    tables = figures.tables()
    for table in tables:
        keys = [key for key, _label in table["columns"]]
        column = keys.index(filters.map) if filters.map in keys else 0
        table["chart"] = charts.bars_svg(
            [(label, figures.value((keys[column], table["dimension"], code)), cells[column])
             for label, code, cells in table["rows"]],
            title=f"{table['columns'][column][1]} – {table['title']}",
        )  # fmt: skip
        table["chart_label"] = table["columns"][column][1]
    return {
        "form": FilterForm(initial=vars(filters)),
        "filters": filters,
        "problems": problems,
        "figures": figures,
        "cards": selectors.headline_cards(figures, targets),
        "map_svg": charts.map_svg(
            map_values,
            title=_("Map: %(indicator)s by kecamatan") % {"indicator": map_label},
            link=lambda code: "?" + filters.querystring(kecamatan=code),
            selected=filters.kecamatan,
        ),
        "map_legend": charts.legend(map_values),
        "map_rows": [(geo.names()[code], code, display) for code, (_v, display) in map_values.items()],
        "map_label": map_label,
        "funnel": funnel,
        "funnel_svg": charts.funnel_svg(funnel, title=_("From registration to placement")),
        "trend": trend,
        "trend_svg": charts.trend_svg(trend, month_names=month_names()),
        "month_names": month_names(),
        "tables": tables,
        "ranking": selectors.provider_ranking(figures),
        "panels": [(panel, figures.data["panels"].get(panel.key)) for panel in registry.panels()],
        "querystring": filters.querystring(),
        "clear_kecamatan": filters.querystring(kecamatan=""),
    }


def statistics_html(data: dict, year: int, problems=()) -> str:
    """The content of /statistik/ for `year`, cached like the dashboard's."""
    said = hashlib.md5("|".join(str(p) for p in problems).encode(), usedforsecurity=False).hexdigest()[:8]
    key = f"{cache_key(Filters(year=year))}:public-html:{translation.get_language()}:{said}"
    content = cache_get(key)
    if content is None:
        values = {
            code: row["values"].get(public.MAP_INDICATOR, (None, "–")) for code, row in data["by_kecamatan"].items()
        }
        label = registry.label_of(public.MAP_INDICATOR)
        context = {
            "data": data,
            "year": year,
            "problems": problems,
            "years": public.years(),
            "dictionary": public.dictionary(),
            "map_svg": charts.map_svg(
                values, title=_("Map: %(indicator)s by kecamatan, %(year)s") % {"indicator": label, "year": year}
            ),
            "map_legend": charts.legend(values),
            "map_label": label,
        }
        content = render_to_string("dashboard/_statistics_content.html", context)
        cache_set(key, content, CACHE_SECONDS)
    return mark_safe(content)  # noqa: S308 - rendered by our template, autoescaped
