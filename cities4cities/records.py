"""Typed, immutable records: what the rest of the code works with once a file has passed the schema.

Field names follow the JSON Schemas in schemas/; optional fields are None or an empty tuple.
Each record keeps its Document (excluded from comparisons) so later checks can point at a line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar

from .loading import Document
from .vocabulary import LANGUAGES, PLEDGE_STATES, STATES, PledgeState, State


class LocalizedText(tuple[tuple[str, str], ...]):
    """The same text in one or more languages: (language, text) pairs in the order written.

    A tuple subclass rather than a dataclass: there are tens of thousands, and this is
    immutable and several times faster to build.
    """

    __slots__ = ()

    @classmethod
    def of(cls, mapping: Mapping[str, str] | None) -> LocalizedText | None:
        return None if mapping is None else cls(mapping.items())

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(language for language, _ in self)

    def get(self, language: str) -> str | None:
        return next((text for code, text in self if code == language), None)

    def best(self, language: str, fallbacks: tuple[str, ...] = LANGUAGES) -> tuple[str, str]:
        """(language, text) in the reader's language if present, else in one of the site's
        languages (in their order), else the first written."""
        available = dict(self)
        for candidate in (language, *fallbacks):
            if candidate in available:
                return candidate, available[candidate]
        return self[0]


@dataclass(frozen=True)
class Contact:
    organisation: LocalizedText
    email: str
    languages: tuple[str, ...]
    role: LocalizedText | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Link:
    title: LocalizedText
    url: str


@dataclass(frozen=True)
class Item:
    name: LocalizedText
    quantity: float
    unit: str
    received: float | None = None  # needs only: how many have arrived


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float


@dataclass(frozen=True)
class Verification:
    """How the maintainers last confirmed a record with its city (the schemas' `verified`)."""

    date: date
    method: str  # official-email-reply, call-back, ... (defs: verification_method)
    by: str  # a role: maintainers (defs: verifier)

    @property
    def lapses_after(self) -> date:
        """The last day it holds: a year after it was made."""
        return one_year_after(self.date)

    def is_lapsed(self, today: date) -> bool:
        return today > self.lapses_after


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + timedelta(days=365)


@dataclass(frozen=True, kw_only=True)
class Record:
    id: str
    document: Document = field(compare=False, repr=False)
    verified: Verification | None = None

    @property
    def path(self) -> str:
        return self.document.path


@dataclass(frozen=True, kw_only=True)
class City(Record):
    name: LocalizedText
    country: str
    region: str
    location: Location
    contact: Contact
    katottg: str | None = None
    population: int | None = None
    website: str | None = None
    about: LocalizedText | None = None
    seeking: Seeking | None = None  # seeking_partnership: the city looks for a partner
    email_domains: tuple[str, ...] = ()  # as written; trust.official_domains() adds the default
    example: bool = False

    @property
    def partnership_priorities(self) -> tuple[str, ...]:
        return self.seeking.priorities if self.seeking else ()


@dataclass(frozen=True)
class Seeking:  # what a city seeking a partner declares (its seeking_partnership)
    priorities: tuple[str, ...]  # sectors
    brings: tuple[str, ...] = ()  # contributions (defs: contribution)
    seeks: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # as written; partnering.working_languages() completes them
    project: LocalizedText | None = None  # priority_project.title (Ukrainian cities only)
    project_about: LocalizedText | None = None  # priority_project.description


@dataclass(frozen=True, kw_only=True)
class Listing(Record):
    """What needs and offers share."""

    city: str
    title: LocalizedText
    description: LocalizedText
    sectors: tuple[str, ...]
    kinds: tuple[str, ...]
    status: str
    posted: date
    review_by: date
    contact: Contact
    items: tuple[Item, ...] = ()
    updated: date | None = None
    links: tuple[Link, ...] = ()
    example: bool = False
    FOLDER: ClassVar[str]

    @property
    def state(self) -> State:
        """open (still asking or offering), taken (a reserved offer) or closed: vocabulary.py."""
        return STATES[self.FOLDER][self.status]

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def is_closed(self) -> bool:
        return self.state == "closed"


@dataclass(frozen=True, kw_only=True)
class Need(Listing):
    FOLDER: ClassVar[str] = "needs"
    urgency: str
    logistics: LocalizedText | None = None
    matched_with: tuple[str, ...] = ()
    outcome: LocalizedText | None = None


@dataclass(frozen=True, kw_only=True)
class Offer(Listing):
    FOLDER: ClassVar[str] = "offers"
    delivery: str
    conditions: LocalizedText | None = None


@dataclass(frozen=True)
class PledgedItem:
    item: str  # as written: the name of one of the need's items, or its number in the list
    quantity: float  # in the need's unit for that item


@dataclass(frozen=True, kw_only=True)
class Pledge(Record):
    """One city's commitment to one need of another city (pledging.py adds them up)."""

    FOLDER: ClassVar[str] = "pledges"
    need: str
    city: str  # the pledging city
    status: str
    posted: date
    expected: date
    contact: Contact
    offer: str | None = None
    items: tuple[PledgedItem, ...] = ()
    delivered: date | None = None
    confirmed: date | None = None
    note: LocalizedText | None = None
    example: bool = False

    @property
    def state(self) -> PledgeState:
        """promised, arrived, received or void: vocabulary.py."""
        return PLEDGE_STATES[self.status]

    @property
    def is_on_the_way(self) -> bool:
        """Help promised or delivered whose arrival the receiving city has not confirmed yet."""
        return self.state in ("promised", "arrived")

    def is_overdue(self, today: date) -> bool:
        """Still promised after its expected day."""
        return self.state == "promised" and self.expected < today


@dataclass(frozen=True)
class Project:
    title: LocalizedText
    status: str  # planned, applied, running, completed, cancelled


@dataclass(frozen=True, kw_only=True)
class Partnership(Record):  # two or more cities working together (see partnering.py)
    FOLDER: ClassVar[str] = "partnerships"
    cities: tuple[str, ...]
    kind: str  # twinning, solidarity, project
    status: str  # exploring, active, paused, ended
    since: date
    sectors: tuple[str, ...]
    contacts: tuple[tuple[str, LocalizedText, str], ...]  # (city, office, e-mail)
    ended: date | None = None
    about: LocalizedText | None = None
    projects: tuple[Project, ...] = ()
    needs: tuple[str, ...] = ()
    pledges: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    example: bool = False


def _contact(data: Mapping[str, Any]) -> Contact:
    return Contact(
        organisation=LocalizedText.of(data["organisation"]),
        email=data["email"],
        languages=tuple(data["languages"]),
        role=LocalizedText.of(data.get("role")),
        phone=data.get("phone"),
    )


def _item(data: Mapping[str, Any]) -> Item:
    name = LocalizedText.of(data["name"])
    return Item(name, data["quantity"], data["unit"], data.get("received"))


def date_or_none(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def verification_of(data: Mapping[str, Any] | None) -> Verification | None:
    if data is None:
        return None
    return Verification(date.fromisoformat(data["date"]), data["method"], data["by"])


def city_from(record_id: str, document: Document) -> City:
    data: Mapping[str, Any] = document.data
    return City(
        id=record_id,
        document=document,
        name=LocalizedText.of(data["name"]),
        country=data["country"],
        region=data["region"],
        location=Location(data["location"]["lat"], data["location"]["lon"]),
        contact=_contact(data["contact"]),
        katottg=data.get("katottg"),
        population=data.get("population"),
        website=data.get("website"),
        about=LocalizedText.of(data.get("about")),
        seeking=_seeking(data.get("seeking_partnership")),
        email_domains=tuple(data.get("email_domains", ())),
        verified=verification_of(data.get("verified")),
        example=data.get("example", False),
    )


def _seeking(data: Mapping[str, Any] | None) -> Seeking | None:
    if data is None:
        return None
    project = data.get("priority_project", {})
    return Seeking(
        *(tuple(data.get(name, ())) for name in ("priorities", "brings", "seeks", "languages")),
        project=LocalizedText.of(project.get("title")),
        project_about=LocalizedText.of(project.get("description")),
    )


def _listing_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "city": data["city"],
        "title": LocalizedText.of(data["title"]),
        "description": LocalizedText.of(data["description"]),
        "sectors": tuple(data["sectors"]),
        "kinds": tuple(data["kinds"]),
        "status": data["status"],
        "posted": date_or_none(data["posted"]),
        "review_by": date_or_none(data["review_by"]),
        "contact": _contact(data["contact"]),
        "items": tuple(_item(item) for item in data.get("items", ())),
        "updated": date_or_none(data.get("updated")),
        "links": tuple(
            Link(LocalizedText(link["title"].items()), link["url"])
            for link in data.get("links", ())
        ),
        "verified": verification_of(data.get("verified")),
        "example": data.get("example", False),
    }


def need_from(record_id: str, document: Document) -> Need:
    data: Mapping[str, Any] = document.data
    return Need(
        id=record_id,
        document=document,
        **_listing_fields(data),
        urgency=data["urgency"],
        logistics=LocalizedText.of(data.get("logistics")),
        matched_with=tuple(data.get("matched_with", ())),
        outcome=LocalizedText.of(data.get("outcome")),
    )


def offer_from(record_id: str, document: Document) -> Offer:
    data: Mapping[str, Any] = document.data
    return Offer(
        id=record_id,
        document=document,
        **_listing_fields(data),
        delivery=data["delivery"],
        conditions=LocalizedText.of(data.get("conditions")),
    )


def pledge_from(record_id: str, document: Document) -> Pledge:
    data: Mapping[str, Any] = document.data
    return Pledge(
        id=record_id,
        document=document,
        need=data["need"],
        city=data["city"],
        status=data["status"],
        posted=date.fromisoformat(data["posted"]),
        expected=date.fromisoformat(data["expected"]),
        contact=_contact(data["contact"]),
        offer=data.get("offer"),
        items=tuple(PledgedItem(i["item"], i["quantity"]) for i in data.get("items", ())),
        delivered=date_or_none(data.get("delivered")),
        confirmed=date_or_none(data.get("confirmed")),
        note=LocalizedText.of(data.get("note")),
        verified=verification_of(data.get("verified")),
        example=data.get("example", False),
    )


@dataclass
class Dataset:
    """All valid records by id, plus the id of every file found, valid or not."""

    cities: dict[str, City] = field(default_factory=dict)
    needs: dict[str, Need] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)
    pledges: dict[str, Pledge] = field(default_factory=dict)
    partnerships: dict[str, Partnership] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)  # id -> "cities", "needs", ...

    def records(self) -> Iterator[Record]:
        yield from self.cities.values()
        yield from self.needs.values()
        yield from self.offers.values()
        yield from self.pledges.values()
        yield from self.partnerships.values()

    def listings(self) -> Iterator[Listing]:
        yield from self.needs.values()
        yield from self.offers.values()
