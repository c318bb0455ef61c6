"""match(): for every open need the offers that could answer it, best first, and for every
available offer the needs it could answer, each Suggestion with its reasons; all in Matches."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..bulk import cyclic_gc_paused
from ..pledging import pledges_by_need
from ..records import Dataset
from .bits import Side
from .places import CityPoints
from .profiles import Group, group_by_profile, need_class, offer_class
from .reasons import Reason
from .scoring import CommonScore, CommonScores, item_points, item_reasons
from .search import Query, best
from .weights import WEIGHTS, Weights

# Suggestions scoring less are not shown: with no shared sector and no item in common, a
# suggestion only says that both sides deal in "equipment", which helps nobody.
SHOWN_FROM = 50


@dataclass(frozen=True)
class Suggestion:
    """A need and an offer suggested to each other: the score is the sum of the reasons'
    contributions (the distance's is negative)."""

    need_id: str
    offer_id: str
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Matches:
    """Suggestions by need id (open and in-progress needs) and by offer id (available offers).

    Every such record has an entry, empty when nothing fits; records in other statuses have none.
    """

    for_need: dict[str, tuple[Suggestion, ...]]
    for_offer: dict[str, tuple[Suggestion, ...]]


def match(dataset: Dataset, today: date, limit: int = 5, weights: Weights = WEIGHTS) -> Matches:
    """Rank the available offers for each open need, and the open needs for each offer.

    Order: score, highest first, then id. Never suggested: a pair from the same city, a pair the
    need already lists in matched_with or a pledge names, a pair sharing neither a sector nor a
    compatible kind. Items count by what they still lack after receipts and pledges
    (pledging.py): a fully pledged item is no longer matched, and a need whose every item is
    pledged or received gets no suggestion. Records whose city is not a valid record are left
    out (there is no place to measure from).
    """
    with cyclic_gc_paused():
        return _match(dataset, today, limit, weights)


def _match(dataset: Dataset, today: date, limit: int, weights: Weights) -> Matches:
    places = CityPoints(dataset.cities)
    pledged = pledges_by_need(dataset)
    remaining = {need_id: found.still_needed() for need_id, found in pledged.items()}
    covered = {need_id for need_id, left in remaining.items() if left and not any(left)}
    open_needs = [
        need
        for need in sorted(dataset.needs.values(), key=lambda n: n.id)
        if need.is_open and need.city in dataset.cities
    ]
    needs = [need for need in open_needs if need.id not in covered]
    offers = [
        offer
        for offer in sorted(dataset.offers.values(), key=lambda o: o.id)
        if offer.is_open and offer.city in dataset.cities
    ]
    need_side = Side(group_by_profile(needs, lambda n: need_class(n, today), remaining), places)
    offer_side = Side(group_by_profile(offers, lambda o: offer_class(o, today)), places)

    linked: dict[str, set[str]] = defaultdict(set)  # offer id -> needs that already name it
    for need in needs:
        for offer_id in need.matched_with:
            linked[offer_id].add(need.id)
    pledged_offers: dict[str, set[str]] = defaultdict(set)  # need id -> offers its pledges name
    for found in pledged.values():
        for pledge in found.pledges:
            if pledge.offer:
                linked[pledge.offer].add(pledge.need)
                pledged_offers[pledge.need].add(pledge.offer)
    build = _Builder(weights)
    for_need: dict[str, tuple[Suggestion, ...]] = {}
    query = Query(need_side, offer_side, weights, for_needs=True)
    for need, group in zip(need_side.records, need_side.groups, strict=True):
        excluded = frozenset(need.matched_with) | pledged_offers.get(need.id, set())
        best_offers = best(query, need, group, excluded, limit, build.item_points)
        for_need[need.id] = tuple(
            build.suggestion(group, offer_side.groups[at], need.id, offer_id, km, points)
            for _, offer_id, km, points, at in best_offers
        )
    for_offer: dict[str, tuple[Suggestion, ...]] = {}
    query = Query(offer_side, need_side, weights, for_needs=False)
    for offer, group in zip(offer_side.records, offer_side.groups, strict=True):
        excluded = frozenset(linked.get(offer.id, ()))
        best_needs = best(query, offer, group, excluded, limit, build.item_points)
        for_offer[offer.id] = tuple(
            build.suggestion(need_side.groups[at], group, need_id, offer.id, km, points)
            for _, need_id, km, points, at in best_needs
        )
    return Matches(
        for_need={need.id: for_need.get(need.id, ()) for need in open_needs},
        for_offer={offer.id: for_offer.get(offer.id, ()) for offer in offers},
    )


class _Builder:
    """The suggestions the search found, each built once for both sides, with its reasons
    (those of a pair of classes, of a pair of groups and of a distance are shared)."""

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        self._made: dict[tuple[str, str], Suggestion] = {}
        self._classes: dict[tuple[int, int], CommonScore] = {}
        self._common = CommonScores(weights)
        self._items: dict[tuple[Group, Group], tuple[Reason, ...]] = {}
        self._points: dict[tuple[Group, Group], int] = {}
        self._distances: dict[tuple[int | None, int, str], tuple[Reason, ...]] = {}

    def items(self, needs: Group, offers: Group) -> tuple[Reason, ...]:
        if (found := self._items.get((needs, offers))) is None:
            found = (
                ()
                if needs.stems.isdisjoint(offers.stems)
                else item_reasons(needs, offers, self.weights)
            )
            self._items[needs, offers] = found
        return found

    def item_points(self, needs: Group, offers: Group) -> int:
        if (found := self._points.get((needs, offers))) is None:
            found = self._points[needs, offers] = item_points(needs, offers, self.weights)
        return found

    def suggestion(
        self, needs: Group, offers: Group, need_id: str, offer_id: str, km: int | None, points: int
    ) -> Suggestion:
        if (made := self._made.get((need_id, offer_id))) is not None:
            return made
        classes = (needs.class_id, offers.class_id)
        if (common := self._classes.get(classes)) is None:
            common = self._classes[classes] = self._common.get(needs, offers)
        key = (km, points, common.delivery)
        if (distance := self._distances.get(key)) is None:
            distance = self._distances[key] = (
                ()
                if km is None
                else (Reason("distance", -points, km=km, delivery=common.delivery),)
            )
        reasons = (
            common.head + self.items(needs, offers) + common.language + distance + common.after
        )
        score = sum(reason.contribution for reason in reasons)
        made = self._made[need_id, offer_id] = Suggestion(need_id, offer_id, score, reasons)
        return made
