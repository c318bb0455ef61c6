"""match(): for every open need the offers that could answer it, best first, and for every
available offer the needs it could answer, each Suggestion with its reasons; all in Matches."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..bulk import cyclic_gc_paused
from ..pledging import pledges_by_need
from ..records import Dataset
from .places import CityPoints
from .profiles import group_by_profile, need_class, offer_class
from .reasons import Reason
from .search import Found, best_first, pair_candidates
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
    need_groups = group_by_profile(needs, lambda need: need_class(need, today), places, remaining)
    offer_groups = group_by_profile(offers, lambda offer: offer_class(offer, today), places)
    pairs = pair_candidates(need_groups, offer_groups, weights)

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
    made: dict[tuple[str, str], Suggestion] = {}  # each pair built once, shared by both sides
    distances: dict[tuple[int | None, int, str], tuple[Reason, ...]] = {}  # reasons are shared

    def suggestion(need_id: str, offer_id: str, found: Found) -> Suggestion:
        if (made_before := made.get((need_id, offer_id))) is not None:
            return made_before
        score, _, km, points, pair = found
        common = pair.common
        key = (km, points, common.delivery)
        if key not in distances:
            distances[key] = (
                ()
                if km is None
                else (Reason("distance", -points, km=km, delivery=common.delivery),)
            )
        reasons = common.head + pair.items + common.language + distances[key] + common.after
        made[need_id, offer_id] = Suggestion(need_id, offer_id, -score, reasons)
        return made[need_id, offer_id]

    for_need: dict[str, tuple[Suggestion, ...]] = {}
    for group in need_groups:
        ordered = sorted(pairs.get(group, ()), key=lambda p: -p.base)
        for need in group.members:
            excluded = frozenset(need.matched_with) | pledged_offers.get(need.id, set())
            best = best_first(need.city, ordered, lambda p: p.offers, excluded, limit)
            for_need[need.id] = tuple(suggestion(need.id, found[1], found) for found in best)
    for_offer: dict[str, tuple[Suggestion, ...]] = {}
    for group in offer_groups:
        ordered = sorted(pairs.get(group, ()), key=lambda p: -p.base)
        for offer in group.members:
            excluded = frozenset(linked.get(offer.id, ()))
            best = best_first(offer.city, ordered, lambda p: p.needs, excluded, limit)
            for_offer[offer.id] = tuple(suggestion(found[1], offer.id, found) for found in best)
    return Matches(
        for_need={need.id: for_need.get(need.id, ()) for need in open_needs},
        for_offer={offer.id: for_offer[offer.id] for offer in offers},
    )
