"""Partnerships between cities (content/partnerships/): the record built from its file, and what
many pages and files read about them, derived once: each city's partnerships, who works with
whom by country, the partnerships of each year and sector, and a seeking city's working
languages. Knows nothing of pages or languages."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .loading import Document
from .records import (
    City,
    Dataset,
    Link,
    LocalizedText,
    Partnership,
    Project,
    date_or_none,
    verification_of,
)

ENDED = "ended"  # the status of a partnership that no longer runs


def partnership_from(record_id: str, document: Document) -> Partnership:
    data: Mapping[str, Any] = document.data
    return Partnership(
        id=record_id,
        document=document,
        cities=tuple(data["cities"]),
        kind=data["kind"],
        status=data["status"],
        since=date.fromisoformat(data["since"]),
        sectors=tuple(data["sectors"]),
        contacts=tuple(
            (c["city"], LocalizedText.of(c["organisation"]), c["email"]) for c in data["contacts"]
        ),
        ended=date_or_none(data.get("ended")),
        about=LocalizedText.of(data.get("about")),
        projects=tuple(
            Project(LocalizedText.of(p["title"]), p["status"]) for p in data.get("projects", ())
        ),
        needs=tuple(data.get("needs", ())),
        pledges=tuple(data.get("pledges", ())),
        links=tuple(
            Link(LocalizedText(link["title"].items()), link["url"])
            for link in data.get("links", ())
        ),
        verified=verification_of(data.get("verified")),
        example=data.get("example", False),
    )


def is_current(partnership: Partnership) -> bool:
    """Exploring, active or paused: not ended."""
    return partnership.status != ENDED


def newest_partnerships(partnerships: Iterable[Partnership]) -> list[Partnership]:
    """Newest first (by the day it began), then by id: the order of every list of them."""
    return sorted(partnerships, key=lambda p: (-p.since.toordinal(), p.id))


def working_languages(city: City) -> tuple[str, ...]:
    """The languages a city works in with a partner: as its seeking_partnership says, else
    those its contact answers in."""
    if city.seeking and city.seeking.languages:
        return city.seeking.languages
    return city.contact.languages


def is_ukrainian(city: City) -> bool:
    return city.country == "UA"


def country_pair(a: str, b: str) -> tuple[str, str]:
    """Two countries in one order, whichever city is named first."""
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class PartnershipFacts:
    by_city: Mapping[str, tuple[Partnership, ...]]  # city id -> its partnerships, newest first
    partnered: frozenset[frozenset[str]]  # pairs of cities in a current partnership
    ties: Mapping[tuple[str, str], int]  # country pair -> current partnerships linking them
    by_year: Mapping[int, int]  # year begun -> partnerships (every status)
    by_sector: Mapping[str, int]  # sector -> partnerships (every status)

    def of(self, city_id: str) -> tuple[Partnership, ...]:
        return self.by_city.get(city_id, ())


def partnership_facts(dataset: Dataset) -> PartnershipFacts:
    by_city: dict[str, list[Partnership]] = defaultdict(list)
    partnered: set[frozenset[str]] = set()
    ties: Counter[tuple[str, str]] = Counter()
    for partnership in newest_partnerships(dataset.partnerships.values()):
        cities = [c for c in dict.fromkeys(partnership.cities) if c in dataset.cities]
        for city in cities:
            by_city[city].append(partnership)
        if not is_current(partnership):
            continue
        for index, first in enumerate(cities):
            for second in cities[index + 1 :]:
                partnered.add(frozenset((first, second)))
                countries = dataset.cities[first].country, dataset.cities[second].country
                ties[country_pair(*countries)] += 1
    records = dataset.partnerships.values()
    return PartnershipFacts(
        by_city=MappingProxyType({k: tuple(v) for k, v in by_city.items()}),
        partnered=frozenset(partnered),
        ties=MappingProxyType(dict(ties)),
        by_year=MappingProxyType(dict(sorted(Counter(p.since.year for p in records).items()))),
        by_sector=MappingProxyType(
            dict(sorted(Counter(s for p in records for s in p.sectors).items()))
        ),
    )
