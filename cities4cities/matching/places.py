"""Where the cities are, and the nearest-first search over a group's members: cities on the unit
sphere, gathered in cells of a degree, so that a whole cell can be ruled out at once."""

from __future__ import annotations

import math
from bisect import insort
from collections import defaultdict
from collections.abc import Mapping

from ..records import City, Listing, Location

EARTH_RADIUS_KM = 6371.0088
_Point = tuple[float, float, float]  # a point on the unit sphere


def _unit_point(lat: float, lon: float) -> _Point:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def _angle(a: _Point, b: _Point) -> float:
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


_CELL_DEGREES = 1


def _grid_cell(location: Location) -> tuple[int, int]:
    return math.floor(location.lat / _CELL_DEGREES), math.floor(location.lon / _CELL_DEGREES)


def _cell_bounds(cell: tuple[int, int]) -> tuple[float, float, float, float]:
    """The centre of a cell of the grid and the angle from it to the farthest point of the
    cell (a corner; one percent more, to be safe)."""
    south, west = cell[0] * _CELL_DEGREES, cell[1] * _CELL_DEGREES
    centre = _unit_point(south + _CELL_DEGREES / 2, west + _CELL_DEGREES / 2)
    corners = [
        _unit_point(south + dlat, west + dlon)
        for dlat in (0, _CELL_DEGREES)
        for dlon in (0, _CELL_DEGREES)
    ]
    return (*centre, max(_angle(centre, corner) for corner in corners) * 1.01 + 1e-9)


_CityEntry = tuple[str, float, float, float, list[str]]  # city, its point, its members' ids


class PlaceIndex:
    """A group's members by place, for nearest-first searches: cities in cells of a degree,
    each cell with a centre and a radius, so that a whole cell can be ruled out at once. The
    order in which to visit the cells is worked out once for all cities of a cell."""

    def __init__(self, members: list[Listing], places: CityPoints) -> None:
        self.places = places
        by_city: dict[str, list[str]] = defaultdict(list)
        for member in members:
            by_city[member.city].append(member.id)  # members are in id order
        cells: dict[tuple[int, int], list[str]] = defaultdict(list)
        for city in by_city:
            cells[_grid_cell(places.cities[city].location)].append(city)
        self._orders: dict[tuple[int, int], list[tuple[float, int]]] = {}
        # (centre x, y, z, radius in radians, [(city, x, y, z, member ids)])
        self.cells: list[tuple[float, float, float, float, list[_CityEntry]]] = []
        for cell_cities in cells.values():
            entries = [(city, *places.point(city), by_city[city]) for city in cell_cities]
            sums = [sum(entry[axis] for entry in entries) for axis in (1, 2, 3)]
            norm = math.sqrt(sum(value * value for value in sums))
            centre = (sums[0] / norm, sums[1] / norm, sums[2] / norm)
            radius = max(_angle(centre, (e[1], e[2], e[3])) for e in entries)
            self.cells.append((*centre, radius + 1e-9, entries))

    def nearest(
        self, city: str, scale: float, cap: float, count: int
    ) -> list[tuple[int, str, int]]:
        """The `count` members with the fewest distance points from `city`, then by id, not
        counting the city's own: (points, id, km). Points grow with distance, so cells are
        visited nearest first until the nearest possible point of a cell costs too much."""
        x, y, z = self.places.point(city)
        acos = math.acos
        per_radian, cap_angle = scale * EARTH_RADIUS_KM, cap / EARTH_RADIUS_KM
        here = _grid_cell(self.places.cities[city].location)
        if (order := self._orders.get(here)) is None:
            qx, qy, qz, spread = _cell_bounds(here)
            order = self._orders[here] = sorted(
                (acos(max(-1.0, min(1.0, qx * cx + qy * cy + qz * cz))) - radius - spread, index)
                for index, (cx, cy, cz, radius, _) in enumerate(self.cells)
            )
        found: list[tuple[int, str, int]] = []
        for lower, index in order:
            full = len(found) >= count
            if full and int(per_radian * min(max(lower, 0.0), cap_angle) + 0.5) > found[-1][0]:
                break  # this cell and all after it are too far for any city of this one
            cx, cy, cz, radius, entries = self.cells[index]
            if full:
                nearest = acos(max(-1.0, min(1.0, x * cx + y * cy + z * cz))) - radius
                if int(per_radian * min(max(nearest, 0.0), cap_angle) + 0.5) > found[-1][0]:
                    continue  # too far from this very city
            for other, ox, oy, oz, ids in entries:
                if other == city:
                    continue
                angle = acos(max(-1.0, min(1.0, x * ox + y * oy + z * oz)))
                points = int(per_radian * min(angle, cap_angle) + 0.5)
                if len(found) >= count and points > found[-1][0]:
                    continue
                km = int(angle * EARTH_RADIUS_KM + 0.5)
                for record_id in ids:
                    insort(found, (points, record_id, km))
                del found[count:]
        return found
