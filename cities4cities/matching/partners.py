"""Suggested partner cities: for every city seeking a partner, the cities seeking one on the other
side (European cities for a Ukrainian one, Ukrainian cities for a European one), best first.

A pair is scored as a need and an offer are: a sum of Reasons, every number in Weights. Their
shared priority sectors and a common working language score as sectors and languages do for
needs and offers (the same functions); then what one brings that the other seeks, help already
given between them, a comparable size and the partnerships already linking cities of their two
countries. Candidates come from an index by priority sector, so a pair shares at least one; a
pair already in a current partnership is never suggested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..partnering import PartnershipFacts, country_pair, is_ukrainian, working_languages
from ..records import City, Dataset, Seeking
from .reasons import Reason
from .scoring import _language_reasons, _sector_reasons
from .weights import WEIGHTS, Weights


@dataclass(frozen=True)
class PartnerSuggestion:
    """A Ukrainian city and a European one suggested to each other; both sides read it."""

    ukrainian: str
    european: str
    score: int
    reasons: tuple[Reason, ...]

    def other(self, city_id: str) -> str:
        """The city suggested to `city_id`."""
        return self.european if city_id == self.ukrainian else self.ukrainian


PartnerSuggestions = Mapping[str, tuple[PartnerSuggestion, ...]]  # seeking city id -> best first


def suggest_partners(
    dataset: Dataset,
    helped: Mapping[str, frozenset[str]],
    partnerships: PartnershipFacts,
    limit: int = 5,
    weights: Weights = WEIGHTS,
) -> PartnerSuggestions:
    """The best `limit` partners for every seeking city (an empty tuple when none fits), by
    score, then id. `helped`: city id -> the cities it has helped (facts.Facts.helped)."""
    seeking = sorted((c for c in dataset.cities.values() if c.seeking), key=lambda c: c.id)
    by_sector: dict[str, list[City]] = defaultdict(list)
    for city in seeking:
        if not is_ukrainian(city):
            for sector in city.partnership_priorities:
                by_sector[sector].append(city)
    found: dict[str, list[PartnerSuggestion]] = {city.id: [] for city in seeking}
    for city in seeking:
        if not is_ukrainian(city):
            continue
        candidates = {c.id: c for s in city.partnership_priorities for c in by_sector[s]}
        for partner in candidates.values():
            if frozenset((city.id, partner.id)) in partnerships.partnered:
                continue
            reasons = tuple(pair_reasons(city, partner, helped, partnerships.ties, weights))
            made = PartnerSuggestion(
                city.id, partner.id, sum(r.contribution for r in reasons), reasons
            )
            found[city.id].append(made)
            found[partner.id].append(made)
    return {
        city_id: tuple(sorted(made, key=lambda s: (-s.score, s.other(city_id)))[:limit])
        for city_id, made in found.items()
    }


def pair_reasons(
    ukrainian: City,
    european: City,
    helped: Mapping[str, frozenset[str]],
    ties: Mapping[tuple[str, str], int],
    w: Weights,
) -> Iterator[Reason]:
    """Why a Ukrainian and a European city seeking partners could work together."""
    ours, theirs = ukrainian.seeking, european.seeking
    assert ours is not None and theirs is not None
    yield from _sector_reasons(ours.priorities, theirs.priorities, w)
    yield from _brings_reasons(ukrainian, european, w)
    for by, to in ((european, ukrainian), (ukrainian, european)):
        if to.id in helped.get(by.id, ()):
            yield Reason("helped", w.helped, by=by.id, to=to.id)
    yield from _language_reasons(working_languages(ukrainian), working_languages(european), w)
    if ukrainian.population and european.population:
        populations = (ukrainian.population, european.population)
        ratio = min(populations) / max(populations)
        if ratio >= 0.25:
            points = w.size if ratio >= 0.5 else w.size // 2
            yield Reason("size", points, populations=populations)
    pair = country_pair(ukrainian.country, european.country)
    if count := ties.get(pair, 0):
        yield Reason(
            "ties",
            min(count * w.ties, w.ties_cap),
            count=count,
            countries=(ukrainian.country, european.country),
        )


def _brings_reasons(first: City, second: City, w: Weights) -> Iterator[Reason]:
    """What each brings that the other seeks, the European city's offer first, up to the cap."""
    left = w.brings_cap
    for by, to in ((second, first), (first, second)):
        brings: Seeking | None = by.seeking
        seeks = to.seeking.seeks if to.seeking else ()
        for brought in brings.brings if brings else ():
            if brought in seeks and left > 0:
                points = min(w.brings, left)
                left -= points
                yield Reason("brings", points, brought=brought, by=by.id, to=to.id)
