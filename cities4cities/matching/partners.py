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

from bisect import insort
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
    score, then id. `helped`: city id -> the cities it has helped (facts.Facts.helped).

    Every candidate pair is scored in numbers first, the part its two profiles (priorities,
    contributions, languages) make once per pair of profiles; the reasons are built only for
    the pairs that are kept."""
    seeking = sorted((c for c in dataset.cities.values() if c.seeking), key=lambda c: c.id)
    by_sector: dict[str, list[City]] = defaultdict(list)
    for city in seeking:
        if not is_ukrainian(city):
            for sector in city.partnership_priorities:
                by_sector[sector].append(city)
    scorer = _PairScorer(helped, partnerships.ties, weights)
    partnered: dict[str, set[str]] = defaultdict(set)
    for pair in partnerships.partnered:
        for city_id in pair:
            partnered[city_id] |= pair
    best: dict[str, list[tuple[int, str]]] = {city.id: [] for city in seeking}
    for city in seeking:
        if not is_ukrainian(city):
            continue
        candidates = {c.id: c for s in city.partnership_priorities for c in by_sector[s]}
        excluded = partnered.get(city.id, set())
        for partner in candidates.values():
            if partner.id in excluded:
                continue
            points = scorer.points(city, partner)
            _keep(best[city.id], (-points, partner.id), limit)
            _keep(best[partner.id], (-points, city.id), limit)
    made: dict[tuple[str, str], PartnerSuggestion] = {}
    found: dict[str, tuple[PartnerSuggestion, ...]] = {}
    for city in seeking:
        suggestions = []
        for _, other in sorted(best[city.id]):
            pair = (city.id, other) if is_ukrainian(city) else (other, city.id)
            if pair not in made:
                ours, theirs = dataset.cities[pair[0]], dataset.cities[pair[1]]
                reasons = tuple(pair_reasons(ours, theirs, helped, partnerships.ties, weights))
                score = sum(r.contribution for r in reasons)
                made[pair] = PartnerSuggestion(*pair, score, reasons)
            suggestions.append(made[pair])
        found[city.id] = tuple(suggestions)
    return found


def _keep(best: list[tuple[int, str]], entry: tuple[int, str], limit: int) -> None:
    """Keep the `limit` smallest entries (-points, id), sorted."""
    if len(best) < limit or entry < best[-1]:
        insort(best, entry)
        del best[limit:]


class _PairScorer:
    """The points of a pair without its reasons: the same functions as pair_reasons, their
    profile part computed once per pair of profiles."""

    def __init__(
        self,
        helped: Mapping[str, frozenset[str]],
        ties: Mapping[tuple[str, str], int],
        w: Weights,
    ) -> None:
        self.helped, self.ties, self.w = helped, ties, w
        self.profiles: dict[tuple, int] = {}  # (profile, profile) -> points
        self.countries: dict[tuple[str, str], int] = {}  # (country, country) -> points
        self.keys: dict[str, tuple] = {}  # city id -> its profile

    def points(self, ukrainian: City, european: City) -> int:
        key = (self.profile(ukrainian), self.profile(european))
        if (points := self.profiles.get(key)) is None:
            reasons = _profile_reasons(ukrainian, european, self.w)
            points = self.profiles[key] = sum(r.contribution for r in reasons)
        countries = (ukrainian.country, european.country)
        if (ties := self.countries.get(countries)) is None:
            reasons = _ties_reasons(ukrainian, european, self.ties, self.w)
            ties = self.countries[countries] = sum(r.contribution for r in reasons)
        if ukrainian.population and european.population:
            points += _size_points(ukrainian.population, european.population, self.w)
        if european.id in self.helped.get(ukrainian.id, ()) or ukrainian.id in self.helped.get(
            european.id, ()
        ):
            points += sum(
                r.contribution for r in _helped_reasons(ukrainian, european, self.helped, self.w)
            )
        return points + ties

    def profile(self, city: City) -> tuple:
        if (key := self.keys.get(city.id)) is None:
            seeking = city.seeking
            assert seeking is not None
            languages = working_languages(city)
            key = self.keys[city.id] = (*_astuple(seeking), languages)
        return key


def _astuple(seeking: Seeking) -> tuple:
    """What scores in what a seeking city declares (not its priority project)."""
    return (seeking.priorities, seeking.brings, seeking.seeks)


def pair_reasons(
    ukrainian: City,
    european: City,
    helped: Mapping[str, frozenset[str]],
    ties: Mapping[tuple[str, str], int],
    w: Weights,
) -> Iterator[Reason]:
    """Why a Ukrainian and a European city seeking partners could work together, in order:
    shared sectors, what one brings that the other seeks, help given, a common language,
    size, ties between their countries."""
    ours, theirs = ukrainian.seeking, european.seeking
    assert ours is not None and theirs is not None
    yield from _sector_reasons(ours.priorities, theirs.priorities, w)
    yield from _brings_reasons(ukrainian, european, w)
    yield from _helped_reasons(ukrainian, european, helped, w)
    yield from _language_reasons(working_languages(ukrainian), working_languages(european), w)
    yield from _size_reasons(ukrainian, european, w)
    yield from _ties_reasons(ukrainian, european, ties, w)


def _profile_reasons(ukrainian: City, european: City, w: Weights) -> tuple[Reason, ...]:
    """The reasons that two cities' profiles alone give: sectors, contributions, language."""
    ours, theirs = ukrainian.seeking, european.seeking
    assert ours is not None and theirs is not None
    return (
        *_sector_reasons(ours.priorities, theirs.priorities, w),
        *_brings_reasons(ukrainian, european, w),
        *_language_reasons(working_languages(ukrainian), working_languages(european), w),
    )


def _helped_reasons(
    ukrainian: City, european: City, helped: Mapping[str, frozenset[str]], w: Weights
) -> Iterator[Reason]:
    for by, to in ((european, ukrainian), (ukrainian, european)):
        if to.id in helped.get(by.id, ()):
            yield Reason("helped", w.helped, by=by.id, to=to.id)


def _size_reasons(ukrainian: City, european: City, w: Weights) -> Iterator[Reason]:
    """Comparable size: the smaller has at least half the larger's people (a quarter: half)."""
    if ukrainian.population and european.population:
        populations = (ukrainian.population, european.population)
        if points := _size_points(*populations, w):
            yield Reason("size", points, populations=populations)


def _size_points(first: int, second: int, w: Weights) -> int:
    ratio = min(first, second) / max(first, second)
    return w.size if ratio >= 0.5 else w.size // 2 if ratio >= 0.25 else 0


def _ties_reasons(
    ukrainian: City, european: City, ties: Mapping[tuple[str, str], int], w: Weights
) -> Iterator[Reason]:
    if count := ties.get(country_pair(ukrainian.country, european.country), 0):
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
