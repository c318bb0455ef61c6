"""Where the cities are: each city's point on the unit sphere, and the angle between two (times
the Earth's radius: their distance)."""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..records import City

EARTH_RADIUS_KM = 6371.0088
_Point = tuple[float, float, float]  # a point on the unit sphere


def _unit_point(lat: float, lon: float) -> _Point:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def angle(a: _Point, b: _Point) -> float:
    """The great-circle angle between two points, in radians (times the radius: distance)."""
    return math.acos(max(-1.0, min(1.0, a[0] * b[0] + a[1] * b[1] + a[2] * b[2])))


class CityPoints:
    """The cities by id, and the point of each on the unit sphere (worked out once)."""

    def __init__(self, cities: Mapping[str, City]) -> None:
        self.cities = cities
        self._points: dict[str, _Point] = {}

    def point(self, city: str) -> _Point:
        if (found := self._points.get(city)) is None:
            location = self.cities[city].location
            found = self._points[city] = _unit_point(location.lat, location.lon)
        return found
