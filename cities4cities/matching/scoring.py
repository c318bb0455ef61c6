"""Scoring a pair of groups: the reasons a need's group and an offer's group are suggested to
each other, with their points. What their classes share (sectors, kinds, languages, urgency,
freshness, how distance counts) is scored once per pair of classes; their items once per pair of
groups; the distance between two members is left to the search (search.py ranks pairs by the
same points without building the reasons; these are built for the pairs it suggests)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..records import Need, Offer
from .profiles import Group, ItemProfile
from .reasons import Reason
from .weights import Weights, answering_kinds


@dataclass(frozen=True)
class CommonScore:
    """What a pair of groups owes to their classes alone: all but the items and the places."""

    head: tuple[Reason, ...]  # sectors and kinds
    language: tuple[Reason, ...]
    after: tuple[Reason, ...]  # urgency and freshness
    points: int
    scale: float  # distance points per km (0 when distance does not matter) ...
    cap: float  # ... up to this many km
    delivery: str


def round_points(value: float) -> int:
    """Whole points, halves up."""
    return int(value + 0.5)


def score_classes(needs: Group, offers: Group, w: Weights) -> CommonScore:
    """What any group of the need's class and any of the offer's class score, whatever their
    items and places: the two groups stand for their classes."""
    return CommonScores(w).get(needs, offers)


class CommonScores:
    """score_classes() for many pairs of groups, each part of a CommonScore worked out once
    for all the pairs alike in it (the sectors and kinds, the languages, urgency and
    freshness)."""

    def __init__(self, w: Weights) -> None:
        self.w = w
        self._heads: dict[tuple, tuple[Reason, ...]] = {}
        self._languages: dict[tuple, tuple[Reason, ...]] = {}
        self._after: dict[tuple, tuple[Reason, ...]] = {}

    def get(self, needs: Group, offers: Group) -> CommonScore:
        w, need, offer = self.w, needs.record, offers.record
        assert isinstance(need, Need) and isinstance(offer, Offer)
        key = (need.sectors, need.kinds, offer.sectors, offer.kinds)
        if (head := self._heads.get(key)) is None:
            head = self._heads[key] = _topic_reasons(*key, w)
        key = (need.contact.languages, offer.contact.languages)
        if (language := self._languages.get(key)) is None:
            language = self._languages[key] = _language_reasons(*key, w)
        key = (need.urgency, needs.fresh, offers.fresh)
        if (after := self._after.get(key)) is None:
            after = self._after[key] = _urgency_and_fresh_reasons(*key, w)
        share = w.delivery.get(offer.delivery, 1.0)
        travels = needs.physical and offers.physical and share > 0
        return CommonScore(
            head=head,
            language=language,
            after=after,
            points=sum(r.contribution for r in (*head, *language, *after)),
            scale=w.distance * share / w.distance_cap_km if travels else 0.0,
            cap=w.distance_cap_km,
            delivery=offer.delivery,
        )


def _topic_reasons(
    need_sectors: tuple[str, ...],
    need_kinds: tuple[str, ...],
    offer_sectors: tuple[str, ...],
    offer_kinds: tuple[str, ...],
    w: Weights,
) -> tuple[Reason, ...]:
    """The shared sectors and the kinds of help answered; each weakened without the other."""
    sectors = _sector_reasons(need_sectors, offer_sectors, w)
    kinds = _kind_reasons(need_kinds, offer_kinds, w)
    if not kinds or not sectors:  # one without the other: a weak candidate
        sectors, kinds = _weakened_alone(sectors, w), _weakened_alone(kinds, w)
    return sectors + kinds


def _sector_reasons(
    need: tuple[str, ...], offer: tuple[str, ...], w: Weights
) -> tuple[Reason, ...]:
    each = round_points(w.sectors * 2 / (len(need) + len(offer)))
    return tuple(Reason("same-sector", each, sector=s) for s in need if s in offer)


def _weakened_alone(reasons: tuple[Reason, ...], w: Weights) -> tuple[Reason, ...]:
    """The reasons at the share `alone` of their points: sectors with no compatible kind, or
    kinds with no shared sector."""
    return tuple(replace(r, contribution=round_points(r.contribution * w.alone)) for r in reasons)


def _kind_reasons(need: tuple[str, ...], offer: tuple[str, ...], w: Weights) -> tuple[Reason, ...]:
    """Each kind of the need with the offer's kind that answers it: the same kind if offered,
    else a related one. The best answer earns the most, each further one a little."""
    answers = []
    for kind in need:
        answer = next((o for o in answering_kinds(kind) if o in offer), None)
        if answer is not None:
            answers.append((answer != kind, kind, answer))
    answers.sort(key=lambda a: a[0])  # exact answers first, otherwise in the need's order
    return tuple(
        Reason(
            "compatible-kind",
            round_points((w.related_kind if related else w.same_kind) * (w.more_kinds if i else 1)),
            kind=kind,
            offer_kind=answer,
        )
        for i, (related, kind, answer) in enumerate(answers)
    )


def _language_reasons(
    need: tuple[str, ...], offer: tuple[str, ...], w: Weights
) -> tuple[Reason, ...]:
    """The need contact's languages in their order: the first one the offer's contact shares."""
    for i, language in enumerate(need):
        if language in offer:
            points = w.first_language if i == 0 else w.other_language
            return (Reason("language", points, language=language),)
    return ()


def item_reasons(needs: Group, offers: Group, w: Weights) -> tuple[Reason, ...]:
    """Each item the need still lacks that an offered item is named like: in some pair of
    their languages, the shorter name has `item_overlap` of its significant words in the other.
    The best such offered item counts, by share of words, then words, then quantity."""
    return tuple(
        Reason(
            "items",
            points,
            item=wanted.item.name,
            offer_item=offered.item.name,
            covered=None if covered is None else _plain_number(covered),
            requested=_plain_number(wanted.quantity),
            unit=wanted.item.unit,
        )
        for wanted, offered, covered, points in _item_matches(needs, offers, w)
    )


def item_points(needs: Group, offers: Group, w: Weights) -> int:
    """The points of item_reasons(needs, offers, w), without building the reasons."""
    return sum(match[3] for match in _item_matches(needs, offers, w))


def _item_matches(
    needs: Group, offers: Group, w: Weights
) -> Iterator[tuple[ItemProfile, ItemProfile, float | None, int]]:
    """(wanted, best offered, covered or None, points) for each item the offer answers."""
    share = w.items / len(needs.items)
    for wanted in needs.items:
        best: tuple[tuple[float, int, float], ItemProfile, float | None] | None = None
        for offered in offers.items:
            if wanted.stems.isdisjoint(offered.stems):
                continue
            share_of_words, common = wanted.overlap(offered)
            if share_of_words < w.item_overlap:
                continue
            same_unit = offered.item.unit == wanted.item.unit
            covered = min(offered.quantity, wanted.quantity) if same_unit else None
            rank = (share_of_words, common, (covered or 0) / wanted.quantity)
            if best is None or rank > best[0]:
                best = (rank, offered, covered)
        if best is not None:
            (_, _, ratio), offered, covered = best
            points = round_points(share * (w.item_name_share + (1 - w.item_name_share) * ratio))
            yield wanted, offered, covered, points


def _urgency_and_fresh_reasons(
    urgency: str, need_fresh: bool, offer_fresh: bool, w: Weights
) -> tuple[Reason, ...]:
    reasons = []
    if points := round_points(w.urgency.get(urgency, 0)):
        reasons.append(Reason("urgency", points, urgency=urgency))
    if need_fresh:
        reasons.append(Reason("fresh", w.fresh, record="need"))
    if offer_fresh:
        reasons.append(Reason("fresh", w.fresh, record="offer"))
    return tuple(reasons)


def _plain_number(value: float) -> float:
    """A whole number as an int (2.0 is 2), as the record would write it."""
    return int(value) if float(value).is_integer() else value
