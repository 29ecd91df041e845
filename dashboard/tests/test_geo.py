"""The map's path data: compact (relative steps) but the same shapes, to a tenth of a unit."""

import re

from dashboard import geo


def _points(d: str) -> list[list[tuple[int, int]]]:
    """Absolute points, in tenths, of every ring of SVG path data written by geo._path."""
    rings = []
    for part in filter(None, d.split("z")):
        head, rest = part.removeprefix("M").split("l")
        x, y = (float(n) for n in head.split())
        ring = [(round(x * 10), round(y * 10))]
        steps = [float(n) for n in re.findall(r"-?\d*\.\d+|-?\d+", rest)]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((round(x * 10), round(y * 10)))
        rings.append(ring)
    return rings


def test_the_compact_path_data_draws_every_projected_point():
    rings = geo.projected_rings()
    for shape in geo.shapes():
        expected = []
        for ring in rings[shape["code"]]:
            points = []
            for x, y in ring:
                point = (round(x * 10), round(y * 10))
                if not points or points[-1] != point:
                    points.append(point)
            expected.append(points)
        assert _points(shape["d"]) == expected, shape["code"]
    assert len(geo.shapes()) == 23


def test_tenths():
    assert [geo._tenths(v) for v in (0, 7, -7, 30, -30, 123, -123)] == ["0", ".7", "-.7", "3", "-3", "12.3", "-12.3"]
