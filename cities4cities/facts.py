"""Facts about the dataset that many pages and files read, derived once beside validation: the
needs met (the record of success), who answered whom and who helped whom, the records of each
city, the pledges to each need with its items counted, each city's commitments and the help on
its way to it, and the totals of open needs and needs met. Knows nothing of pages or
languages."""

from __future__ import annotations

import statistics as _statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from .partnering import PartnershipFacts, partnership_facts
from .pledging import NeedPledges, pledges_by_need
from .records import Dataset, Listing, Need, Offer, Pledge


def newest(listings: Iterable[Listing]) -> list[Listing]:
    """Newest first (by the day posted), then by id: the order of every list of records."""
    return sorted(listings, key=lambda r: (-r.posted.toordinal(), r.id))


@dataclass(frozen=True)
class MetNeed:
    need_id: str
    city: str  # the city that received
    offer_ids: tuple[str, ...]  # the offers that answered it, as matched_with lists them
    offering_cities: tuple[str, ...]  # of those offers, and of its confirmed deliveries
    posted: date
    fulfilled: date | None  # the need's `updated` date, else its last confirmed delivery's
    days: int | None  # from posted to fulfilled
    pledge_ids: tuple[str, ...] = ()  # its confirmed deliveries (pledges), oldest first


@dataclass(frozen=True)
class Delivery:
    """A pledge whose delivery the receiving city confirmed: help that arrived."""

    pledge: Pledge
    need: Need
    days: int  # from the need's posting to the confirmation


def deliveries(dataset: Dataset) -> list[Delivery]:
    """The confirmed deliveries, newest first (by the day confirmed, then id)."""
    found = [
        Delivery(pledge, need, (pledge.confirmed - need.posted).days)
        for pledge in dataset.pledges.values()
        if pledge.state == "received"
        and pledge.confirmed is not None
        and (need := dataset.needs.get(pledge.need)) is not None
    ]
    return sorted(found, key=lambda d: (-d.pledge.confirmed.toordinal(), d.pledge.id))


def met_needs(dataset: Dataset, confirmed: list[Delivery] | None = None) -> list[MetNeed]:
    """The fulfilled needs, newest first (by the day they were marked fulfilled, then id).
    `confirmed`: the dataset's deliveries, when the caller has them already."""
    if confirmed is None:
        confirmed = deliveries(dataset)
    delivered: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in reversed(confirmed):  # oldest first
        delivered[delivery.need.id].append(delivery)
    met = []
    for need in sorted(dataset.needs.values(), key=lambda n: n.id):
        if need.status != "fulfilled":
            continue
        offers = [dataset.offers[i] for i in need.matched_with if i in dataset.offers]
        pledges = [d.pledge for d in delivered.get(need.id, ())]
        fulfilled = need.updated or max((p.confirmed for p in pledges if p.confirmed), default=None)
        helpers = [*(offer.city for offer in offers), *(pledge.city for pledge in pledges)]
        met.append(
            MetNeed(
                need_id=need.id,
                city=need.city,
                offer_ids=tuple(offer.id for offer in offers),
                offering_cities=tuple(dict.fromkeys(helpers)),
                posted=need.posted,
                fulfilled=fulfilled,
                days=None if fulfilled is None else (fulfilled - need.posted).days,
                pledge_ids=tuple(pledge.id for pledge in pledges),
            )
        )
    met.sort(key=lambda m: m.fulfilled or m.posted, reverse=True)  # stable: ids stay in order
    return met


@dataclass(frozen=True)
class Tally:
    open_needs: int = 0  # open or in progress
    needs_met: int = 0
    deliveries: int = 0  # pledges whose delivery the receiving city confirmed
    median_days: float | None = None  # from posted to fulfilled, over the needs met


@dataclass(frozen=True)
class Statistics:
    total: Tally
    by_sector: dict[str, Tally]  # a need counts in each of its sectors
    by_country: dict[str, Tally]  # by the country of the city that posted the need
    helped_by: dict[str, int]  # needs met with an offer or a delivery from each country


def statistics(
    dataset: Dataset,
    met_list: list[MetNeed] | None = None,
    confirmed: list[Delivery] | None = None,
) -> Statistics:
    """The totals, by sector and by country. `met_list`, `confirmed`: the dataset's needs met
    and deliveries, when the caller has them already."""
    if confirmed is None:
        confirmed = deliveries(dataset)
    if met_list is None:
        met_list = met_needs(dataset, confirmed)
    met = {m.need_id: m for m in met_list}
    delivered = Counter(d.need.id for d in confirmed)
    keys: dict[str, list[Need]] = defaultdict(list)
    for need in dataset.needs.values():
        if need.is_open or need.id in met or need.id in delivered:
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
            deliveries=sum(delivered[n.id] for n in needs),
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
    helped: Mapping[str, frozenset[str]]  # city id -> cities its offers or deliveries helped
    helped_by: Mapping[
        str, frozenset[str]
    ]  # city id -> cities whose offers or deliveries helped it
    by_city: Mapping[str, CityRecords]  # every city, with or without records
    deliveries: tuple[Delivery, ...]  # confirmed pledges, newest first
    pledged: Mapping[str, NeedPledges]  # need id -> its pledges, its items counted with them
    commitments: Mapping[str, tuple[Pledge, ...]]  # city id -> the pledges it made, newest first
    incoming: Mapping[str, tuple[Pledge, ...]]  # city id -> pledges to its needs, newest first
    partnerships: PartnershipFacts  # each city's, who with whom, by year and sector

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
    confirmed = deliveries(dataset)
    met = met_needs(dataset, confirmed)
    for delivery in confirmed:  # a confirmed delivery is help given, as a matched offer is
        helped[delivery.pledge.city].add(delivery.need.city)
        helped_by[delivery.need.city].add(delivery.pledge.city)
    commitments: dict[str, list[Pledge]] = defaultdict(list)
    incoming: dict[str, list[Pledge]] = defaultdict(list)
    for pledge in sorted(dataset.pledges.values(), key=lambda p: (-p.posted.toordinal(), p.id)):
        if (need := dataset.needs.get(pledge.need)) is not None:
            commitments[pledge.city].append(pledge)
            incoming[need.city].append(pledge)
    return Facts(
        met=tuple(met),
        statistics=statistics(dataset, met, confirmed),
        answered=MappingProxyType({k: tuple(v) for k, v in answered.items()}),
        helped=MappingProxyType({k: frozenset(v) for k, v in helped.items()}),
        helped_by=MappingProxyType({k: frozenset(v) for k, v in helped_by.items()}),
        by_city=MappingProxyType(
            {c: CityRecords(tuple(needs[c]), tuple(offers[c])) for c in dataset.cities}
        ),
        deliveries=tuple(confirmed),
        pledged=MappingProxyType(pledges_by_need(dataset)),
        commitments=MappingProxyType({k: tuple(v) for k, v in commitments.items()}),
        incoming=MappingProxyType({k: tuple(v) for k, v in incoming.items()}),
        partnerships=partnership_facts(dataset),
    )
