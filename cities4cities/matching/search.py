"""Which pairs of groups are candidates, and the best-first search over them for one record.

Candidates come from inverted indexes of the offers' classes by sector and by kind of help, so a
need's class meets only the classes that share a sector or a compatible kind. For one record,
its group's pairs are visited best first (by their score before distance), and within a pair
the other group's members nearest first; the visit stops when nothing left can enter the top.
"""

from __future__ import annotations

from bisect import insort
from collections import defaultdict
from collections.abc import Callable

from .profiles import Group
from .scoring import CommonScore, GroupPair, item_reasons, score_classes
from .weights import Weights, answering_kinds


def pair_candidates(
    need_groups: list[Group], offer_groups: list[Group], w: Weights
) -> dict[Group, list[GroupPair]]:
    """Score every pair of groups that share a sector or a compatible kind, found by index:
    once per pair of classes, and the items once per pair of groups. Each group's pairs, by
    group (a group with none has no entry)."""
    by_class: dict[int, list[Group]] = defaultdict(list)
    by_sector: dict[str, set[int]] = defaultdict(set)
    by_kind: dict[str, set[int]] = defaultdict(set)
    for group in offer_groups:
        by_class[group.class_id].append(group)
        for sector in group.record.sectors:
            by_sector[sector].add(group.class_id)
        for kind in group.record.kinds:
            by_kind[kind].add(group.class_id)
    candidates: dict[int, list[int]] = {}  # need class -> offer classes
    common: dict[tuple[int, int], CommonScore] = {}
    pairs: dict[Group, list[GroupPair]] = defaultdict(list)
    for needs in need_groups:
        need = needs.record
        if (classes := candidates.get(needs.class_id)) is None:
            found: set[int] = set()
            for sector in need.sectors:
                found.update(by_sector.get(sector, ()))
            for kind in need.kinds:
                for answer in answering_kinds(kind):
                    found.update(by_kind.get(answer, ()))
            classes = candidates[needs.class_id] = sorted(found)
        for offer_class in classes:
            of_class = by_class[offer_class]
            key = (needs.class_id, offer_class)
            if (shared := common.get(key)) is None:
                shared = common[key] = score_classes(needs, of_class[0], w)
            for offers in of_class:
                items = (
                    () if needs.stems.isdisjoint(offers.stems) else item_reasons(needs, offers, w)
                )
                pair = GroupPair(needs, offers, shared, items)
                pairs[needs].append(pair)
                pairs[offers].append(pair)
    return pairs


Found = tuple[int, str, int | None, int, GroupPair]  # (-score, id, km or None, points, pair)


def best_first(
    city: str,
    pairs: list[GroupPair],
    other: Callable[[GroupPair], Group],
    excluded: frozenset[str],
    limit: int,
) -> list[Found]:
    """The best `limit` records of the other side for a record in `city`, over pairs of groups
    sorted by base score (highest first): stops at the first pair that cannot enter the top."""
    best: list[Found] = []
    want = limit + len(excluded)
    for pair in pairs if limit > 0 else ():
        if len(best) >= limit and pair.base < -best[limit - 1][0]:
            break
        group = other(pair)
        common = pair.common
        found = (
            group.nearest(city, common.scale, common.cap, want)
            if common.scale
            else group.first(city, want)
        )
        for points, record_id, km in found:
            score = pair.base - points
            if len(best) >= limit and (-score, record_id) > best[-1][:2]:
                break  # `found` is in order: nothing further enters either
            if record_id in excluded:
                continue
            insort(best, (-score, record_id, km, points, pair))
            del best[limit:]
    return best
