"""Facts about the dataset that many pages and files read, derived once beside validation: the
needs met (the record of success), who answered whom and who helped whom, the records of each
city, and the totals of open needs and needs met. Knows nothing of pages or languages."""

from __future__ import annotations

import statistics as _statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from .records import Dataset, Listing, Need, Offer


def newest(listings: Iterable[Listing]) -> list[Listing]:
    """Newest first (by the day posted), then by id: the order of every list of records."""
    return sorted(listings, key=lambda r: (-r.posted.toordinal(), r.id))


@dataclass(frozen=True)
class MetNeed:
    need_id: str
    city: str  # the city that received
    offer_ids: tuple[str, ...]  # the offers that answered it, as matched_with lists them
    offering_cities: tuple[str, ...]
    posted: date
    fulfilled: date | None  # the need's `updated` date
    days: int | None  # from posted to fulfilled


def met_needs(dataset: Dataset) -> list[MetNeed]:
    """The fulfilled needs, newest first (by the day they were marked fulfilled, then id)."""
    met = []
    for need in sorted(dataset.needs.values(), key=lambda n: n.id):
        if need.status != "fulfilled":
            continue
        offers = [dataset.offers[i] for i in need.matched_with if i in dataset.offers]
        fulfilled = need.updated
        met.append(
            MetNeed(
                need_id=need.id,
                city=need.city,
                offer_ids=tuple(offer.id for offer in offers),
                offering_cities=tuple(dict.fromkeys(offer.city for offer in offers)),
                posted=need.posted,
                fulfilled=fulfilled,
                days=None if fulfilled is None else (fulfilled - need.posted).days,
            )
        )
    met.sort(key=lambda m: m.fulfilled or m.posted, reverse=True)  # stable: ids stay in order
    return met


@dataclass(frozen=True)
class Tally:
    open_needs: int = 0  # open or in progress
    needs_met: int = 0
    median_days: float | None = None  # from posted to fulfilled, over the needs met


@dataclass(frozen=True)
class Statistics:
    total: Tally
    by_sector: dict[str, Tally]  # a need counts in each of its sectors
    by_country: dict[str, Tally]  # by the country of the city that posted the need
    helped_by: dict[str, int]  # needs met with an offer from a city of each country


def statistics(dataset: Dataset) -> Statistics:
    met = {m.need_id: m for m in met_needs(dataset)}
    keys: dict[str, list[Need]] = defaultdict(list)
    for need in dataset.needs.values():
        if need.is_open or need.id in met:
            keys[""].append(need)
            for sector in need.sectors:
                keys["sector:" + sector].append(need)
            if city := dataset.cities.get(need.city):
                keys["country:" + city.country].append(need)

    def tally(needs: list[Need]) -> Tally:
        days = [d for n in needs if n.id in met and (d := met[n.id].days) is not None]
        return Tally(
            open_needs=sum(1 for n in needs if n.is_open),
            needs_met=sum(1 for n in needs if n.id in met),
            median_days=float(_statistics.median(days)) if days else None,
        )

    helped_by: dict[str, int] = defaultdict(int)
    for m in met.values():
        countries = {dataset.cities[c].country for c in m.offering_cities if c in dataset.cities}
        for country in countries:
            helped_by[country] += 1
    return Statistics(
        total=tally(keys[""]),
        by_sector={k[7:]: tally(v) for k, v in sorted(keys.items()) if k.startswith("sector:")},
        by_country={k[8:]: tally(v) for k, v in sorted(keys.items()) if k.startswith("country:")},
        helped_by=dict(sorted(helped_by.items())),
    )


@dataclass(frozen=True)
class CityRecords:
    """A city's needs and offers, newest first."""

    needs: tuple[Need, ...] = ()
    offers: tuple[Offer, ...] = ()

    @property
    def open_needs(self) -> int:
        return sum(1 for n in self.needs if n.is_open)

    @property
    def open_offers(self) -> int:
        return sum(1 for o in self.offers if o.is_open)


@dataclass(frozen=True)
class Facts:
    met: tuple[MetNeed, ...]  # newest first
    statistics: Statistics
    answered: Mapping[str, tuple[Need, ...]]  # offer id -> the needs it met, newest first
    helped: Mapping[str, frozenset[str]]  # city id -> the cities its offers met needs of
    helped_by: Mapping[str, frozenset[str]]  # city id -> the cities whose offers met its needs
    by_city: Mapping[str, CityRecords]  # every city, with or without records

    def city(self, city_id: str) -> CityRecords:
        return self.by_city.get(city_id, CityRecords())


def derive_facts(dataset: Dataset) -> Facts:
    answered: dict[str, list[Need]] = defaultdict(list)
    helped: dict[str, set[str]] = defaultdict(set)
    helped_by: dict[str, set[str]] = defaultdict(set)
    for need in newest(dataset.needs.values()):
        for offer_id in need.matched_with:
            answered[offer_id].append(need)
            offer = dataset.offers.get(offer_id)
            if offer is not None and offer.city != need.city:  # a city helping itself: left out
                helped[offer.city].add(need.city)
                helped_by[need.city].add(offer.city)
    needs: dict[str, list[Need]] = defaultdict(list)
    offers: dict[str, list[Offer]] = defaultdict(list)
    for listing in newest(dataset.listings()):
        (needs if isinstance(listing, Need) else offers)[listing.city].append(listing)
    return Facts(
        met=tuple(met_needs(dataset)),
        statistics=statistics(dataset),
        answered=MappingProxyType({k: tuple(v) for k, v in answered.items()}),
        helped=MappingProxyType({k: frozenset(v) for k, v in helped.items()}),
        helped_by=MappingProxyType({k: frozenset(v) for k, v in helped_by.items()}),
        by_city=MappingProxyType(
            {c: CityRecords(tuple(needs[c]), tuple(offers[c])) for c in dataset.cities}
        ),
    )
