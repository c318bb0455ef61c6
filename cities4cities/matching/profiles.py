"""Profiles: what scores in a record. Records with the same profile (everything that scores, except
the city) form a group, which one record stands for; a profile less its items is a class,
numbered so that the groups of a class are scored against another class once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..records import Item, Listing, Need, Offer
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
        return _overlap(self.words, other.words)


@lru_cache(maxsize=1 << 16)  # item names recur: lists of the same things in other words
def _overlap(
    words: tuple[frozenset[str], ...], others: tuple[frozenset[str], ...]
) -> tuple[float, int]:
    best = (0.0, 0)
    for mine in words:
        for theirs in others:
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
    members: list[Listing] = field(default_factory=list)  # in id order


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
