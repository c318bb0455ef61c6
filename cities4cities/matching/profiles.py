"""Profiles: what scores in a record. Records with the same profile (everything that scores, except
the city) form a group, which one record stands for; a profile less its items is a class,
numbered so that the groups of a class are scored against another class once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..records import Item, Listing, Need, Offer
from .places import CityPoints, PlaceIndex
from .weights import PHYSICAL_KINDS
from .words import significant_stems


@dataclass(frozen=True)
class ItemProfile:
    """An item of a record that still counts, with the significant words of its name."""

    item: Item
    words: tuple[frozenset[str], ...]  # significant stems of the name, per language
    stems: frozenset[str]  # all of them
    quantity: float  # what the need still lacks, or what the offer has

    def overlap(self, other: ItemProfile) -> tuple[float, int]:
        """The best share of shared words over pairs of languages, and how many are shared."""
        best = (0.0, 0)
        for mine in self.words:
            for theirs in other.words:
                if common := len(mine & theirs):
                    best = max(best, (common / min(len(mine), len(theirs)), common))
        return best


@dataclass(eq=False)
class Group:
    """Records that score alike against anything: same profile, different cities."""

    record: Need | Offer  # the first member, which stands for all
    class_id: int  # the number of its class: what scores, but items (see need_class)
    items: tuple[ItemProfile, ...]
    stems: frozenset[str]
    physical: bool
    fresh: bool
    places: CityPoints
    members: list[Listing] = field(default_factory=list)  # in id order
    _nearest: dict[tuple[str, float, int], list[tuple[int, str, int]]] = field(
        default_factory=dict  # answers of `nearest`, by city
    )
    _index: PlaceIndex | None = None

    def first(self, skip_city: str, count: int) -> list[tuple[int, str, int | None]]:
        """The first `count` members by id that are not in `skip_city`."""
        found: list[tuple[int, str, int | None]] = []
        for member in self.members:
            if member.city != skip_city:
                found.append((0, member.id, None))
                if len(found) == count:
                    break
        return found

    def nearest(
        self, city: str, scale: float, cap: float, count: int
    ) -> list[tuple[int, str, int]]:
        """The `count` members with the fewest distance points from `city` (then by id), not
        counting the city's own: (points, id, km)."""
        key = (city, scale, count)
        if key not in self._nearest:
            if self._index is None:
                self._index = PlaceIndex(self.members, self.places)
            self._nearest[key] = self._index.nearest(city, scale, cap, count)
        return self._nearest[key]


ProfileClass = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, bool]


def need_class(need: Need, today: date) -> ProfileClass:
    """What scores in a need apart from its items and its city."""
    return (need.sectors, need.kinds, need.contact.languages, need.urgency, need.review_by >= today)


def offer_class(offer: Offer, today: date) -> ProfileClass:
    """What scores in an offer apart from its items and its city."""
    fresh = offer.review_by >= today
    return (offer.sectors, offer.kinds, offer.contact.languages, offer.delivery, fresh)


Remaining = Mapping[str, tuple[float, ...]]  # need id -> what each item still lacks


def group_by_profile(
    records: list[Need] | list[Offer],
    class_of: Callable[..., ProfileClass],
    places: CityPoints,
    remaining: Remaining | None = None,
) -> list[Group]:
    """Records by profile: class and items (with what each still lacks, when pledges say so:
    `remaining`). Groups of a class are numbered alike."""
    classes: dict[ProfileClass, int] = {}
    by_profile: dict[tuple[ProfileClass, tuple[Item, ...], tuple[float, ...] | None], Group] = {}
    remaining = remaining or {}
    for record in records:
        left = remaining.get(record.id)
        key = (class_of(record), record.items, left)
        group = by_profile.get(key)
        if group is None:
            items = item_profiles(record, left)
            group = by_profile[key] = Group(
                record=record,
                class_id=classes.setdefault(key[0], len(classes)),
                items=items,
                stems=frozenset().union(*(item.stems for item in items)),
                physical=not PHYSICAL_KINDS.isdisjoint(record.kinds),
                fresh=key[0][-1],
                places=places,
            )
        group.members.append(record)
    return list(by_profile.values())


def item_profiles(
    record: Need | Offer, left: tuple[float, ...] | None = None
) -> tuple[ItemProfile, ...]:
    """The items of a record with some quantity left (not yet received, nor pledged: `left`
    when pledges say so), in its order."""
    items = []
    for index, item in enumerate(record.items):
        quantity = item.quantity - (item.received or 0) if left is None else left[index]
        if quantity > 0:
            words = tuple(
                found for _, text in item.name if (found := frozenset(significant_stems(text)))
            )
            items.append(ItemProfile(item, words, frozenset().union(*words), quantity))
    return tuple(items)
