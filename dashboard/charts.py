"""Server-side SVG: the map, bar charts, the funnel and the trend line. No JavaScript, no CDN,
nothing inline the Content-Security-Policy forbids (presentation attributes, no style="").

Every chart is `role="img"` with a title; the page shows the same numbers in a table next to it.
Hidden cells (suppressed) are drawn as a hatched, empty bar or area, never as a value.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import geo


def _html(template: str, *args) -> str:
    """format_html with floats rounded to one decimal (SVG coordinates)."""
    return format_html(template, *(f"{a:.1f}" if isinstance(a, float) else a for a in args))


PALETTE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]  # ColorBrewer Blues, print-safe
HIDDEN_FILL = "url(#hatch)"
ZERO = "#ffffff"
BAR = "#0d6efd"
PREVIOUS = "#adb5bd"
HATCH = (
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" fill="#f1f3f5"/><line x1="0" y1="0" x2="0" y2="6" stroke="#868e96" stroke-width="2"/>'
    "</pattern></defs>"
)


def classes(values: list[float]) -> list[float]:
    """Upper bounds of up to five classes (quantiles of the shown values above zero)."""
    shown = sorted(v for v in values if v)
    if not shown:
        return []
    bounds = []
    for i in range(1, len(PALETTE) + 1):
        bound = shown[min(len(shown) - 1, round(i * len(shown) / len(PALETTE)) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def colour(value, bounds) -> str:
    if value is None:
        return HIDDEN_FILL
    if not value:
        return ZERO
    for i, bound in enumerate(bounds):
        if value <= bound:
            return PALETTE[i + len(PALETTE) - len(bounds)]
    return PALETTE[-1]


def map_svg(values: dict, *, title: str, link=None, selected: str = "", fmt=None) -> str:
    """The 23 kecamatan coloured by `values` ({code: (value or None, display)}); `link(code)` gives
    each kecamatan's URL (it filters the dashboard), or None for a map without links."""
    bounds = classes([v for v, _d in values.values()])
    parts = [
        _html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}" class="dash-map" role="img" '
            'aria-labelledby="map-title">'
            '<title id="map-title">{}</title>',
            geo.viewbox(),
            title,
        ),
        mark_safe(HATCH),  # noqa: S308 - a constant
    ]
    for shape in geo.shapes():
        value, display = values.get(shape["code"], (None, "–"))
        stroke, width = ("#d63384", "3") if shape["code"] == selected else ("#495057", "0.8")
        path = _html(
            '<path d="{}" fill="{}" fill-rule="evenodd" stroke="{}" stroke-width="{}" data-kecamatan="{}">'
            "<title>{}: {}</title></path>",
            shape["d"], colour(value, bounds), stroke, width, shape["code"], shape["name"], display,
        )  # fmt: skip
        if link is not None:
            path = _html(
                '<a href="{}" aria-label="{}: {}" data-testid="map-kecamatan">{}</a>',
                link(shape["code"]), shape["name"], display, path,
            )  # fmt: skip
        parts.append(path)
    for shape in geo.shapes():
        parts.append(
            _html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#212529" stroke="#fff" '
                'stroke-width="3" paint-order="stroke" pointer-events="none">{}</text>',
                shape["x"],
                shape["y"],
                shape["name"],
            )  # fmt: skip
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def legend(values: dict, fmt=lambda v: f"{v:,.0f}".replace(",", ".")) -> list[tuple[str, str]]:
    """[(colour, "up to N")] for the map's legend, plus the hatched "hidden" entry."""
    bounds = classes([v for v, _d in values.values()])
    items, low = [(ZERO, "0")], None
    for i, bound in enumerate(bounds):
        fill = PALETTE[i + len(PALETTE) - len(bounds)]
        items.append((fill, f"{fmt(low) + ' – ' if low is not None else '≤ '}{fmt(bound)}"))
        low = bound
    return items


def bars_svg(rows: list[tuple[str, int | None, str]], *, title: str) -> str:
    """Horizontal bars: rows of (label, value or None when hidden, display)."""
    if not rows:
        return ""
    top = max([v for _l, v, _d in rows if v is not None] or [1]) or 1
    height = 22 * len(rows) + 8
    parts = [
        _html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 {}" class="dash-chart" role="img" '
            'aria-label="{}" preserveAspectRatio="xMinYMin meet">',
            height,
            title,
        ),  # fmt: skip
        mark_safe(HATCH),  # noqa: S308
    ]
    for i, (label, value, display) in enumerate(rows):
        y = 4 + 22 * i
        width = 3 if value is None else max(1, 200 * value / top) if value else 0
        fill = HIDDEN_FILL if value is None else BAR
        parts.append(
            _html(
                '<text x="148" y="{}" font-size="11" text-anchor="end" fill="#212529">{}</text>'
                '<rect x="152" y="{}" width="{}" height="16" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11" fill="#212529">{}</text>',
                y + 12,
                _short(label),
                y,
                width if value is not None else 24,
                fill,
                156 + (width if value is not None else 24),
                y + 12,
                display,
            )  # fmt: skip
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308
    return mark_safe("".join(parts))  # noqa: S308


def _short(label: str, limit: int = 24) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


def trend_svg(trend: dict, *, month_names: list[str]) -> str:
    """This year against the previous one, month by month (a hidden month breaks the line)."""
    years = trend["years"]
    values = [[cell[i][0] for _m, cell in trend["rows"]] for i in range(2)]
    top = max([v for series in values for v in series if v is not None] or [1]) or 1
    width, height, left, bottom = 400, 180, 34, 20

    def point(i, v):
        return left + i * (width - left - 10) / 11, 10 + (height - bottom - 10) * (1 - v / top)

    parts = [
        _html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" class="dash-chart" role="img" '
            'aria-label="{}">',
            width,
            height,
            _("%(indicator)s per month, %(year)s against %(previous)s")
            % {"indicator": trend["label"], "year": years[1], "previous": years[0]},
        ),  # fmt: skip
        _html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ced4da"/><text x="2" y="14" font-size="10">{}</text>'
            '<text x="2" y="{}" font-size="10">0</text>',
            left,
            height - bottom,
            width - 10,
            height - bottom,
            f"{top:,}".replace(",", "."),
            height - bottom,
        ),  # fmt: skip
    ]
    for i, name in enumerate(month_names):
        x, _y = point(i, 0)
        parts.append(_html('<text x="{}" y="{}" font-size="9" text-anchor="middle">{}</text>', x, height - 6, name[:3]))
    for series, (stroke, dash) in zip(values, ((PREVIOUS, "4 3"), (BAR, "")), strict=True):
        segment = []
        for i, v in enumerate(series + [None]):
            if v is None:
                if len(segment) > 1:
                    parts.append(_polyline(segment, stroke, dash))
                elif segment:
                    parts.append(_html('<circle cx="{}" cy="{}" r="2.5" fill="{}"/>', *segment[0], stroke))
                segment = []
            else:
                segment.append(point(i, v))
    parts.append(
        _html(
            '<rect x="{}" y="2" width="10" height="3" fill="{}"/><text x="{}" y="8" font-size="10">{}</text>'
            '<rect x="{}" y="2" width="10" height="3" fill="{}"/><text x="{}" y="8" font-size="10">{}</text>',
            width - 130,
            PREVIOUS,
            width - 116,
            years[0],
            width - 70,
            BAR,
            width - 56,
            years[1],
        )  # fmt: skip
    )
    parts.append(mark_safe("</svg>"))  # noqa: S308
    return mark_safe("".join(parts))  # noqa: S308


def _polyline(points, stroke, dash) -> str:
    return _html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}"/>',
        " ".join(f"{x:.1f},{y:.1f}" for x, y in points), stroke, dash or "none",
    )  # fmt: skip


def funnel_svg(steps: list[dict], *, title: str) -> str:
    rows = [(str(step["label"]), step["value"], step["display"]) for step in steps]
    return bars_svg(rows, title=title)


__all__ = ["map_svg", "bars_svg", "trend_svg", "funnel_svg", "legend", "escape"]
