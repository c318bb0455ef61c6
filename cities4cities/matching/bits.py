"""The records of one side as bits of an integer, in id order, and for each feature that scores
(a sector, a kind of help, a language, a word of an item, a place...) the mask of the records
that have it. Python's integers AND and OR thousands of bits at once, so "the offers that share
this need's sector, answer its kind, speak its language and sit 10 to 12 points away" is a few
operations, whatever the number of offers; only the records of the masks a search visits are
looked at one by one."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from ..records import Listing, Need, Offer
from .places import CityPoints, angle
from .profiles import Group

Cell = tuple[int, int]
_CELL_DEGREES = 1


def cell_of(places: CityPoints, city: str) -> Cell:
    location = places.cities[city].location
    return math.floor(location.lat / _CELL_DEGREES), math.floor(location.lon / _CELL_DEGREES)


_SET = re.compile(rb"[^\x00]")
_BITS = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]  # by byte


def members(mask: int) -> Iterator[int]:
    """The positions of the set bits, lowest first (records in id order): the bytes that are
    not zero are found in C, then their bits from a table."""
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for found in _SET.finditer(data):
        at = found.start()
        for bit in _BITS[data[at]]:
            yield at * 8 + bit


class Side:
    """The needs or the offers that can be suggested, with the masks of their features."""

    def __init__(self, groups: list[Group], places: CityPoints) -> None:
        records: list[tuple[Listing, Group]] = sorted(
            ((member, group) for group in groups for member in group.members),
            key=lambda pair: pair[0].id,
        )
        self.records = [record for record, _ in records]
        self.groups = [group for _, group in records]
        self.places = places
        self.all = (1 << len(records)) - 1
        found: dict[tuple, list[int]] = defaultdict(list)
        for position, (record, group) in enumerate(records):
            for key in _features(record, group, places):
                found[key].append(position)
        masks = {key: _mask(positions, len(records)) for key, positions in found.items()}
        self.sectors = _by(masks, "sector")
        self.sizes = _by(masks, "size")  # by number of sectors
        self.kinds = _by(masks, "kind")
        self.languages = _by(masks, "language")
        self.first_languages = _by(masks, "first")
        self.stems = _by(masks, "stem")
        self.cells = _by(masks, "cell")
        self.delivery = _by(masks, "delivery")  # offers
        self.urgency = _by(masks, "urgency")  # needs: (urgency, fresh)
        self.fresh = masks.get(("fresh", True), 0)
        self.physical = masks.get(("physical", True), 0)
        self.is_physical = [group.physical for group in self.groups]
        # The most item points a record of this side can give: sum of its items' shares.
        self.item_counts = sorted({len(group.items) for group in self.groups if group.items})
        self._cell_centres: dict[Cell, tuple[tuple[float, float, float], float]] = {}

    def cell_bounds(self) -> dict[Cell, tuple[tuple[float, float, float], float]]:
        """Each cell of this side's cities: the centre of its cities on the sphere and the
        angle from it to the farthest of them."""
        if not self._cell_centres:
            cities: dict[Cell, set[str]] = defaultdict(set)
            for record in self.records:
                cities[cell_of(self.places, record.city)].add(record.city)
            for cell, names in cities.items():
                points = [self.places.point(city) for city in sorted(names)]
                sums = [sum(point[axis] for point in points) for axis in range(3)]
                norm = math.sqrt(sum(value * value for value in sums))
                centre = (sums[0] / norm, sums[1] / norm, sums[2] / norm)
                radius = max(angle(centre, point) for point in points) + 1e-9
                self._cell_centres[cell] = (centre, radius)
        return self._cell_centres


def _features(record: Listing, group: Group, places: CityPoints) -> Iterable[tuple]:
    yield from (("sector", sector) for sector in record.sectors)
    yield ("size", len(record.sectors))
    yield from (("kind", kind) for kind in record.kinds)
    yield from (("language", language) for language in record.contact.languages)
    yield ("first", record.contact.languages[0])
    yield from (("stem", stem) for stem in group.stems)
    yield ("cell", cell_of(places, record.city))
    yield ("fresh", group.fresh)
    yield ("physical", group.physical)
    if isinstance(record, Offer):
        yield ("delivery", record.delivery)
    elif isinstance(record, Need):
        yield ("urgency", (record.urgency, group.fresh))


def _mask(positions: list[int], size: int) -> int:
    buffer = bytearray(size // 8 + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def _by(masks: dict[tuple, int], name: str) -> dict:
    return {key[1]: mask for key, mask in masks.items() if key[0] == name}
