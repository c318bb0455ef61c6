"""The best records of the other side for one record, without scoring every pair.

A score is a sum of parts, and each part takes few values: sectors and kinds together (by how
many sectors are shared, how many the other names, how many kinds are answered exactly or by a
related kind), the language, the urgency and freshness, the items (some shared word or none)
and the distance (by cells of a degree: the fewest points any city of a cell can cost). For each
part, the masks of the other side's records that give each value (bits.py). Blocks, one value
of every part, are visited by their total, highest first (a lazy walk over the sums of sorted
lists); a block's total is exact for all parts but items and distance, where it is an upper
bound, so its records are scored exactly (their items and their distance) as they are visited.
The walk stops at the first block whose total cannot enter the top `limit`.
"""

from __future__ import annotations

import heapq
from bisect import insort
from collections.abc import Callable, Iterable, Iterator

from ..records import Listing, Need, Offer
from .bits import Side, cell_of, members
from .places import EARTH_RADIUS_KM, angle
from .profiles import Group
from .scoring import round_points
from .weights import Weights, answering_kinds

Entries = list[tuple[int, int]]  # (points, mask), most points first
# (-score, id, km or None, distance points, position on the other side)
Found = tuple[int, str, int | None, int, int]


class Query:
    """The parts of the scores against one side, for records of the other; what a part gives
    depends on few of the record's fields, so the entries are kept by those."""

    def __init__(self, own: Side, other: Side, w: Weights, for_needs: bool) -> None:
        # for_needs: the records searched for are needs, the other side offers
        self.own, self.other, self.w, self.for_needs = own, other, w, for_needs
        self._topics: dict[tuple, Entries] = {}
        self._shared: dict[frozenset[str], list[int]] = {}  # by sectors: by how many shared
        self._states: dict[frozenset[str], dict[tuple[int, int], int]] = {}  # by kinds
        self._languages: dict[tuple[str, ...], Entries] = {}
        self._items: dict[frozenset[str], Entries] = {}
        self._distance: dict[tuple, Entries] = {}
        self.item_bound = max(
            (count * round_points(w.items / count) for count in other.item_counts), default=0
        )

    def topics(self, sectors: tuple[str, ...], kinds: tuple[str, ...]) -> Entries:
        """Sectors and kinds of help: by shared sectors, the other's number of sectors, and the
        kinds answered exactly and by a related kind. Pairs sharing neither are left out."""
        key = (frozenset(sectors), frozenset(kinds))
        if (found := self._topics.get(key)) is None:
            other = self.other
            if (shared := self._shared.get(key[0])) is None:
                shared = _counts([other.sectors.get(s, 0) for s in key[0]], other.all)
                self._shared[key[0]] = shared
            if (states := self._states.get(key[1])) is None:
                states = self._states[key[1]] = self._kind_states(key[1])
            found = []
            for count, by_count in enumerate(shared):
                for size, by_size in other.sizes.items():
                    both = by_count & by_size
                    for (exact, related), by_kind in states.items() if both else ():
                        if (count or exact or related) and (mask := both & by_kind):
                            points = self._topic_points(count, len(key[0]) + size, exact, related)
                            found.append((points, mask))
            found = self._topics[key] = sorted(found, key=lambda entry: -entry[0])
        return found

    def _kind_states(self, kinds: frozenset[str]) -> dict[tuple[int, int], int]:
        """The other side's records by (kinds of the need answered exactly, by a related kind
        only)."""
        other = self.other
        states = {(0, 0): other.all}
        steps: list[tuple[int, int]] = []  # (answered exactly, by a related kind only)
        if self.for_needs:  # the other side offers: each kind of this need, answered how
            for kind in sorted(kinds):
                exact = other.kinds.get(kind, 0)
                related = 0
                for answer in answering_kinds(kind)[1:]:
                    related |= other.kinds.get(answer, 0)
                steps.append((exact, related & ~exact))
        else:  # the other side needs: each of their kinds this offer answers
            related_kinds = {
                k for k in other.kinds if k not in kinds and set(answering_kinds(k)[1:]) & kinds
            }
            steps += [(other.kinds.get(kind, 0), 0) for kind in sorted(kinds)]
            steps += [(0, other.kinds[kind]) for kind in sorted(related_kinds)]
        for exact, related in steps:
            following: dict[tuple[int, int], int] = {}
            for (e, r), mask in states.items():
                for state, part in (
                    ((e + 1, r), mask & exact),
                    ((e, r + 1), mask & related),
                    ((e, r), mask & ~(exact | related)),
                ):
                    if part:
                        following[state] = following.get(state, 0) | part
            states = following
        return states

    def _topic_points(self, shared: int, sectors: int, exact: int, related: int) -> int:
        """What scoring.score_classes gives sectors and kinds (see its reasons)."""
        w = self.w
        sector_points = [round_points(w.sectors * 2 / sectors)] * shared
        answers = [w.same_kind] * exact + [w.related_kind] * related
        kind_points = [round_points(p * (w.more_kinds if i else 1)) for i, p in enumerate(answers)]
        if not sector_points or not kind_points:
            sector_points = [round_points(p * w.alone) for p in sector_points]
            kind_points = [round_points(p * w.alone) for p in kind_points]
        return sum(sector_points) + sum(kind_points)

    def languages(self, languages: tuple[str, ...]) -> Entries:
        """The language (the need contact's first one shared, another one, or none) with the
        urgency and freshness of the other side's records: parts that are exact, in one."""
        if (found := self._languages.get(languages)) is None:
            other, w = self.other, self.w
            first = another = 0
            if self.for_needs:  # the offers that share the need's first language, or another
                first = other.languages.get(languages[0], 0)
                for language in languages[1:]:
                    another |= other.languages.get(language, 0)
            else:  # the needs whose first language the offer shares, or another of theirs
                for language in languages:
                    first |= other.first_languages.get(language, 0)
                    another |= other.languages.get(language, 0)
            another &= ~first
            spoken = [(w.first_language, first), (w.other_language, another)]
            spoken.append((0, other.all & ~(first | another)))
            found = [
                (points + more, both)
                for points, mask in spoken
                for more, standing in self._standing()
                if (both := mask & standing)
            ]
            found = self._languages[languages] = sorted(found, key=lambda entry: -entry[0])
        return found

    def _standing(self) -> Entries:
        """Urgency and freshness of the other side's records (their part of the score)."""
        other, w = self.other, self.w
        if self.for_needs:
            return [(w.fresh, other.fresh), (0, other.all & ~other.fresh)]
        return [
            (round_points(w.urgency.get(urgency, 0)) + (w.fresh if fresh else 0), mask)
            for (urgency, fresh), mask in other.urgency.items()
        ]

    def items(self, group: Group) -> Entries:
        """The items: records with a word in common (at most all the item points), or none."""
        if not group.stems:
            return [(0, self.other.all)]
        if (found := self._items.get(group.stems)) is None:
            shared = 0
            for stem in group.stems:
                shared |= self.other.stems.get(stem, 0)
            bound = _need_bound(group, self.w) if self.for_needs else self.item_bound
            found = [(bound, shared), (0, self.other.all & ~shared)]
            found = self._items[group.stems] = [entry for entry in found if entry[1]]
        return found

    def distance(self, city: str, share: float | None) -> Entries:
        """The distance where it counts (`share`: of the points, when this record is an offer;
        None for a need, whose offers each have their own): by cells of the other side, the
        fewest points any of its cities can cost from this record's cell."""
        own, other, w = self.own, self.other, self.w
        here = cell_of(own.places, city)
        if (found := self._distance.get((here, share))) is None:
            centre, spread = own.cell_bounds()[here]
            by_share = [(other.all, share)] if share is not None else _by_delivery(other, w)
            cap = w.distance_cap_km / EARTH_RADIUS_KM
            by_points: dict[int, int] = {}
            for cell, (other_centre, radius) in other.cell_bounds().items():
                nearest = min(max(angle(centre, other_centre) - spread - radius, 0.0), cap)
                for deliveries, part in by_share:
                    if mask := other.cells[cell] & other.physical & deliveries:
                        per_radian = w.distance * part / w.distance_cap_km * EARTH_RADIUS_KM
                        points = int(per_radian * nearest + 0.5)
                        by_points[points] = by_points.get(points, 0) | mask
            travels = 0
            for mask in by_points.values():
                travels |= mask
            found = [(-points, mask) for points, mask in by_points.items()]
            if rest := other.all & ~travels:
                found.append((0, rest))
            found = self._distance[here, share] = sorted(found, key=lambda entry: -entry[0])
        return found


def _by_delivery(offers: Side, w: Weights) -> list[tuple[int, float]]:
    """The offers by the share of the distance points their delivery takes (none: remote)."""
    found = [(mask, w.delivery.get(delivery, 1.0)) for delivery, mask in offers.delivery.items()]
    return [(mask, share) for mask, share in found if share > 0]


def _need_bound(group: Group, w: Weights) -> int:
    count = len(group.items)
    return count * round_points(w.items / count)


def _counts(masks: list[int], everything: int) -> list[int]:
    """Masks of the records by how many of `masks` they are in: 0, 1, 2..."""
    counts = [everything]
    for mask in masks:
        counts = [
            (counts[n] & ~mask if n < len(counts) else 0) | (counts[n - 1] & mask if n else 0)
            for n in range(len(counts) + 1)
        ]
    return counts


def blocks(parts: list[Entries]) -> Iterator[tuple[int, int, tuple[int, ...]]]:
    """(total, mask, indexes) of every non-empty block, one entry of each part, highest total
    first. A best-first walk down the tree of choices, part after part: a choice so far is
    worth its points plus the most each later part can add. A choice is queued only when the
    one before it among its siblings (worth as much or more) is taken, and its children only
    when it is not empty: a part that rules everything out is never combined further."""
    if not all(parts):
        return  # some part has no record at all
    rest = [0] * (len(parts) + 1)  # the most the parts from d on can add
    for d in range(len(parts) - 1, -1, -1):
        rest[d] = rest[d + 1] + parts[d][0][0]
    # (-bound, choices, the mask of the choices before the last)
    heap: list[tuple[int, tuple[int, ...], int]] = [(-rest[0], (0,), -1)]
    depth = len(parts)
    while heap:
        bound, chosen, above = heapq.heappop(heap)
        d, index = len(chosen) - 1, chosen[-1]
        entries = parts[d]
        if index + 1 < len(entries):  # the next sibling, worth its entry's fewer points
            lower = entries[index][0] - entries[index + 1][0]
            heapq.heappush(heap, (bound + lower, (*chosen[:-1], index + 1), above))
        if not (mask := above & entries[index][1]):
            continue
        if d + 1 == depth:
            yield -bound, mask, chosen
        else:
            heapq.heappush(heap, (bound, (*chosen, 0), mask))


ItemPoints = Callable[[Group, Group], int]  # (need's group, offer's group) -> item points


def best(
    query: Query,
    record: Listing,
    group: Group,
    excluded: frozenset[str],
    limit: int,
    item_points: ItemPoints,
) -> list[Found]:
    """The best `limit` records of the other side for `record` (of group `group`), by score
    then id, leaving out those of its city and `excluded`."""
    w, other = query.w, query.other
    if query.for_needs:
        assert isinstance(record, Need)
        constant = round_points(w.urgency.get(record.urgency, 0)) + (w.fresh if group.fresh else 0)
        share = None
        travels = group.physical
    else:
        assert isinstance(record, Offer)
        constant = w.fresh if group.fresh else 0
        share = w.delivery.get(record.delivery, 1.0)
        travels = group.physical and share > 0
    parts = [
        query.topics(record.sectors, record.kinds),
        query.items(group),
        query.distance(record.city, share) if travels else [(0, other.all)],
        query.languages(record.contact.languages),
    ]
    travel = 0  # the other side's records at a distance that counts
    if travels:
        travel = other.physical
        if share is None:
            travel &= _or(mask for mask, _ in _by_delivery(other, w))
    places, here = other.places, other.places.point(record.city)
    cap = w.distance_cap_km / EARTH_RADIUS_KM
    found: list[Found] = []
    for total, mask, indexes in blocks(parts) if limit > 0 else ():
        if len(found) >= limit and total + constant < -found[-1][0]:
            break  # no block left can enter the top
        exact = constant + parts[0][indexes[0]][0] + parts[3][indexes[3]][0]
        item_bound = parts[1][indexes[1]][0]  # the most the items of this block can add
        settled = not item_bound and not mask & travel  # every record scores `exact`
        full = len(found) >= limit
        for position in members(mask):
            candidate = other.records[position]
            if candidate.city == record.city or candidate.id in excluded:
                continue
            score, km, points = exact, None, 0
            if not settled:
                if travels and other.is_physical[position]:
                    part = share if share is not None else w.delivery.get(candidate.delivery, 1.0)
                    if part > 0:  # remote offers travel no distance
                        per_radian = w.distance * part / w.distance_cap_km * EARTH_RADIUS_KM
                        arc = angle(here, places.point(candidate.city))
                        points = int(per_radian * min(arc, cap) + 0.5)
                        km = int(arc * EARTH_RADIUS_KM + 0.5)
                        score -= points
                theirs = other.groups[position]
                if item_bound and not group.stems.isdisjoint(theirs.stems):
                    pair = (group, theirs) if query.for_needs else (theirs, group)
                    if (
                        full
                        and (-(score + _most_item_points(*pair, w)), candidate.id) > found[-1][:2]
                    ):
                        continue  # not even with every item point
                    score += item_points(*pair)
            if full and (-score, candidate.id) > found[-1][:2]:
                if settled:
                    break  # the rest of the block scores the same, with later ids
                continue
            insort(found, (-score, candidate.id, km, points, position))
            del found[limit:]
            full = len(found) >= limit
    return found


def _most_item_points(needs: Group, offers: Group, w: Weights) -> int:
    """At most what scoring.item_points gives: the full share of each item of the need with a
    word in common with the offer's items."""
    stems = offers.stems
    sharing = sum(1 for wanted in needs.items if not wanted.stems.isdisjoint(stems))
    return sharing * round_points(w.items / len(needs.items))


def _or(masks: Iterable[int]) -> int:
    found = 0
    for mask in masks:
        found |= mask
    return found
