"""The map of the 23 kecamatan, drawn server-side as SVG from `data/kecamatan_3216.geojson`.

The file (source and MIT licence in `data/README.md`) is read and projected once per process:
an equirectangular projection with the longitude scaled by cos(latitude) at the regency's centre,
which at 6° south and 40 km across is indistinguishable from a proper conformal one. Rings are
filled with `fill-rule="evenodd"`, so the file's counter-clockwise outer rings (RFC 7946) need no
reversing; y grows downwards in SVG, which would flip a winding-dependent renderer, not this one.
"""

import json
import math
from functools import cache
from pathlib import Path

GEOJSON = Path(__file__).resolve().parent / "data" / "kecamatan_3216.geojson"
WIDTH = 600  # SVG user units; the drawing scales to its container


@cache
def _features() -> list[dict]:
    with GEOJSON.open(encoding="utf-8") as handle:
        return json.load(handle)["features"]


@cache
def names() -> dict[str, str]:
    """{kode: nama} of the 23 kecamatan, in code order (no database query)."""
    return {f["properties"]["kode"]: f["properties"]["nama"] for f in _features()}


def _rings(feature) -> list[list[list[float]]]:
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


@cache
def projection() -> tuple[float, float, float, float, float]:
    """(min_lon, max_lat, x_scale, y_scale, height)."""
    lons = [p[0] for f in _features() for ring in _rings(f) for p in ring]
    lats = [p[1] for f in _features() for ring in _rings(f) for p in ring]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    k = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = WIDTH / ((max_lon - min_lon) * k)
    height = (max_lat - min_lat) * scale
    return min_lon, max_lat, scale * k, scale, height


def _xy(lon, lat) -> tuple[float, float]:
    min_lon, max_lat, xs, ys, _height = projection()
    return (lon - min_lon) * xs, (max_lat - lat) * ys


def _centroid(ring) -> tuple[float, float]:
    """Centroid of a ring with the signed area: right whatever the ring's orientation."""
    points = [_xy(*p) for p in ring]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return points[0]
    return cx / (3 * area), cy / (3 * area)


def _tenths(value: int) -> str:
    """12 -> "1.2", -7 -> "-.7", 30 -> "3": a coordinate in tenths, in as few characters as SVG reads."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    whole, tenth = divmod(value, 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _path(ring) -> str:
    """One ring as SVG path data: the first point absolute, then relative steps ("l"), all rounded
    to a tenth of a unit, as before, but without repeating the absolute coordinates: the map is
    a third of the dashboard's page, and this halves its path data. Steps add up exactly (they
    are differences of the rounded points)."""
    points = [(round(x * 10), round(y * 10)) for x, y in (_xy(*p) for p in ring)]
    (x0, y0), steps = points[0], []
    previous = points[0]
    for x, y in points[1:]:
        if (x, y) != previous:
            dx, dy = _tenths(x - previous[0]), _tenths(y - previous[1])
            steps.append(f"{dx}{dy}" if dy.startswith("-") else f"{dx} {dy}")
            previous = (x, y)
    return f"M{_tenths(x0)} {_tenths(y0)}l" + " ".join(steps) + "z"


@cache
def shapes() -> list[dict]:
    """[{code, name, d (SVG path data), x, y (label position)}], in code order."""
    result = []
    for feature in _features():
        rings = _rings(feature)
        d = "".join(_path(ring[:-1]) for ring in rings)
        x, y = _centroid(max(rings, key=len))
        result.append(
            {"code": feature["properties"]["kode"], "name": feature["properties"]["nama"], "d": d, "x": x, "y": y}
        )
    return result


def viewbox() -> str:
    return f"0 0 {WIDTH} {projection()[4]:.0f}"


def size() -> tuple[float, float]:
    return float(WIDTH), projection()[4]


@cache
def projected_rings() -> dict[str, list[list[tuple[float, float]]]]:
    """{kode: [[(x, y), ...], ...]} in SVG units (y down), for the PDF's drawing."""
    return {f["properties"]["kode"]: [[_xy(*p) for p in ring[:-1]] for ring in _rings(f)] for f in _features()}
