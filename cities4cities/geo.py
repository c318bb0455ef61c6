"""Places on a map of Europe: the country outlines committed in data/europe.geojson (Natural
Earth, public domain) and the Lambert azimuthal equal-area projection the site draws them in,
with the frame around what is shown and SVG path data clipped to it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from math import cos, radians, sin, sqrt
from pathlib import Path

OUTLINES = Path(__file__).resolve().parent / "data" / "europe.geojson"

# The centre of ETRS89-LAEA (EPSG:3035), the projection the EU's statistics use for Europe:
# equal-area, so no country looks bigger than it is. A sphere is close enough at a few km a pixel.
CENTRE_LON, CENTRE_LAT = 10.0, 52.0
EARTH_RADIUS_KM = 6371.0

Point = tuple[float, float]  # (lon, lat) in degrees, or (x, y) in km east and north of the centre
Ring = Sequence[Point]


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2 ("XK" for Kosovo)
    polygons: tuple[tuple[Ring, ...], ...]  # each: its outer ring, then its holes (lon, lat)


@cache
def outlines() -> tuple[Country, ...]:
    """Every country of data/europe.geojson, read once."""
    features = json.loads(OUTLINES.read_text(encoding="utf-8"))["features"]
    return tuple(_country(feature) for feature in features)


def _country(feature: dict) -> Country:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return Country(
        feature["properties"]["code"],
        tuple(tuple(tuple((lon, lat) for lon, lat in ring) for ring in p) for p in polygons),
    )


def project(lon: float, lat: float) -> Point:
    """Lambert azimuthal equal-area: km east and north of CENTRE."""
    phi, phi0 = radians(lat), radians(CENTRE_LAT)
    delta = radians(lon - CENTRE_LON)
    k = sqrt(2 / (1 + sin(phi0) * sin(phi) + cos(phi0) * cos(phi) * cos(delta)))
    x = k * cos(phi) * sin(delta)
    y = k * (cos(phi0) * sin(phi) - sin(phi0) * cos(phi) * cos(delta))
    return EARTH_RADIUS_KM * x, EARTH_RADIUS_KM * y


# The largest area the outlines cover, in projected km: every country a city may be in (its
# mainland, Iceland, Cyprus, Georgia, the North Cape) with a margin. data/README.md clips the
# outlines to it; a city outside (the Azores, the Canaries) is left off the map.
LIMITS = (-2125.0, -2183.0, 3332.0, 2591.0)  # west, south, east, north


@dataclass(frozen=True)
class Frame:
    """The part of the projected plane a map shows, and its scale to SVG units (y down)."""

    west: float
    south: float
    east: float
    north: float
    width: int = 1000  # SVG units across; the height follows the frame's proportions

    @classmethod
    def around(
        cls, points: Iterable[Point], margin: float = 0.06, aspect: float = 1.6, least: float = 0.0
    ) -> Frame:
        """The smallest frame around projected points, with a margin, at least `least` km wide,
        `aspect` times as wide as high (every map of the site has the same proportions), moved
        within LIMITS where it would cross them."""
        xs, ys = zip(*points, strict=True)
        west, south, east, north = min(xs), min(ys), max(xs), max(ys)
        pad = margin * max(east - west, north - south, least)
        width = max(east - west + 2 * pad, least, (north - south + 2 * pad) * aspect)
        height = width / aspect
        x, y = (west + east - width) / 2, (south + north - height) / 2
        limit_w, limit_s, limit_e, limit_n = LIMITS
        x = min(max(x, limit_w), limit_e - width)
        y = min(max(y, limit_s), limit_n - height)
        return cls(x, y, x + width, y + height)

    @property
    def scale(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def contains(self, point: Point) -> bool:
        x, y = point
        return self.west <= x <= self.east and self.south <= y <= self.north

    def svg(self, point: Point) -> tuple[int, int]:
        """A projected point in SVG units: from the top left, y down, rounded."""
        x, y = point
        return round((x - self.west) * self.scale), round((self.north - y) * self.scale)

    def path(self, polygons: Iterable[Iterable[Ring]]) -> str:
        """SVG path data for polygons in lon/lat, clipped to the frame: absolute moves, then
        relative steps in whole units (a unit is a pixel or two, finer than the outlines)."""
        parts = []
        for polygon in polygons:
            for ring in polygon:
                points = self._svg_ring(ring)
                if len(points) >= 3:
                    parts.append(_ring_path(points))
        return "".join(parts)

    def _svg_ring(self, ring: Ring) -> list[tuple[int, int]]:
        # A little beyond the edges, so that the outline strokes along the cut stay out of view.
        bleed = 10 / self.scale
        box = (self.west - bleed, self.south - bleed, self.east + bleed, self.north + bleed)
        clipped = clip(box, [project(lon, lat) for lon, lat in ring])
        points: list[tuple[int, int]] = []
        for point in map(self.svg, clipped):
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        return points


def _ring_path(points: list[tuple[int, int]]) -> str:
    steps = (d for a, b in pairwise(points) for d in (b[0] - a[0], b[1] - a[1]))
    # A minus sign separates numbers in path data as a space does: "3-4 5" is 3, -4, 5.
    numbers = "".join(f"{n}" if n < 0 else f" {n}" for n in steps).lstrip()
    return f"M{points[0][0]} {points[0][1]}l{numbers}z"


def clip(box: tuple[float, float, float, float], ring: Sequence[Point]) -> list[Point]:
    """A ring clipped to a rectangle (Sutherland-Hodgman): what lies outside is replaced by the
    rectangle's edge, so a filled ring looks the same inside the rectangle."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    )
    points = list(ring)
    for inside, cross in edges:
        kept: list[Point] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        points = kept
    return points


def _at_x(a: Point, b: Point, x: float) -> Point:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: Point, b: Point, y: float) -> Point:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def cluster(points: Sequence[Point], spacing: float) -> list[list[int]]:
    """The points (by index) in groups whose places lie at least `spacing` apart: each point, in
    the order given (the most important first), joins the nearest group placed within
    `spacing` of it, or starts a group at its own place. A grid of `spacing` cells finds the
    nearby groups, so this is linear in the points."""
    groups: list[list[int]] = []
    places: list[Point] = []
    cells: dict[tuple[int, int], list[int]] = {}
    for index, (x, y) in enumerate(points):
        col, row = int(x // spacing), int(y // spacing)
        near = [
            (sqrt((places[g][0] - x) ** 2 + (places[g][1] - y) ** 2), g)
            for c in (col - 1, col, col + 1)
            for r in (row - 1, row, row + 1)
            for g in cells.get((c, r), ())
        ]
        distance, nearest = min(near, default=(spacing, -1))
        if distance < spacing:
            groups[nearest].append(index)
        else:
            cells.setdefault((col, row), []).append(len(groups))
            groups.append([index])
            places.append((x, y))
    return groups
