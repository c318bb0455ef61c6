"""What every page family needs for one language of the site: the reader's words (gettext,
labels, names, dates), the addresses of pages, and records as cards. Page modules under
site/pages/ take a Context and yield Pages and OutputFiles; the Context knows no page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import names
from ..cache import value_digest
from ..facts import Facts
from ..matching import Matches, PartnerSuggestions
from ..messages import Gettext, gettext_for, translations
from ..records import City, Dataset, Listing, LocalizedText, Need, Record
from . import i18n
from .markup import render_markdown


@dataclass(frozen=True)
class Page:
    """One file to write: its path under the language root ("" = home), template, context.
    A page that is not `indexed` (an embed: it repeats another page) stays out of the sitemap;
    its template says noindex."""

    path: str
    template: str
    context: dict[str, Any] | Callable[[], dict[str, Any]]  # or what makes it, when asked
    indexed: bool = True
    # What the page is made of, when naming it is cheaper than making its context (a record's
    # page: the records it shows, by digest): the generator keys the page by these instead of
    # its context, and makes the context only to render it. They must name everything the
    # context is made of (tests/test_incremental.py edits each kind of input).
    inputs: tuple | None = None

    def values(self) -> dict[str, Any]:
        return self.context() if callable(self.context) else self.context


@dataclass(frozen=True)
class OutputFile:
    """A file written as it is (data, feeds, images): its path under the language root, or
    under the site root when `shared` (the same for every language: yielded by the first)."""

    path: str
    content: str | bytes
    shared: bool = False


@dataclass(eq=False)
class Context:
    """One language of the site, with the data its pages are made of."""

    dataset: Dataset
    facts: Facts
    matches: Matches
    language: str
    settings: Mapping[str, Any]  # Pelican's: SITEURL, PUBLIC_URL, PATH, ...
    today: date
    # record id -> the words it is found by beyond its page's (searchwords.py), the same in
    # every language: made once for the whole site
    search_words: Mapping[str, str] = field(default_factory=dict)
    partners: PartnerSuggestions = field(default_factory=dict)  # seeking city -> suggestions
    gettext: Gettext = field(init=False)
    ngettext: Callable[[str, str, int], str] = field(init=False)
    cards: dict[str, dict] = field(init=False, default_factory=dict)  # by record id
    digests: dict[str, str] = field(init=False, default_factory=dict)  # by record id

    def __post_init__(self) -> None:
        self.gettext = gettext_for(self.language)
        self.ngettext = translations(self.language).ngettext

    @property
    def siteurl(self) -> str:
        return self.settings["SITEURL"].rstrip("/")

    def prefix(self, language: str | None = None) -> str:
        return i18n.language_prefix(language or self.language)

    def url(self, path: str, language: str | None = None) -> str:
        """Link to a page, e.g. url("needs/") -> "/uk/needs/" on the Ukrainian site."""
        return f"{self.siteurl}/{self.prefix(language)}{path}"

    def absolute(self, path: str, language: str | None = None) -> str:
        return f"{self.settings['PUBLIC_URL'].rstrip('/')}/{self.prefix(language)}{path}"

    def page(self, path: str, template: str, title: str, **context: Any) -> Page:
        return Page(path, template, {"title": title, **context})

    # -- words -------------------------------------------------------------------------------

    def text(self, localized: LocalizedText | None, markdown: bool = False) -> dict | None:
        """A localized text in the reader's language if written in it, else in another, with
        the language noted ("in Ukrainian") for the page to show and mark up with lang=."""
        if localized is None:
            return None
        language, value = localized.best(self.language)
        note = None
        if language != self.language:
            note = self.gettext("in %(language)s") % {
                "language": names.language_name(language, self.language)
            }
        return {
            "text": render_markdown(value) if markdown else value,
            "lang": language,
            "note": note,
            "markdown": markdown,
        }

    def best(self, localized: LocalizedText) -> str:
        """A localized text as plain words in the reader's language, or the closest."""
        return localized.best(self.language)[1]

    def label(self, vocabulary: str, value: str) -> str:
        return names.enum_label(vocabulary, value, self.language)

    def country_name(self, code: str) -> str:
        return names.country_name(code, self.language)

    def region_name(self, code: str) -> str:
        return names.region_name(code, self.language)

    def language_name(self, code: str) -> str:
        return names.language_name(code, self.language)

    def date(self, day: date | None) -> dict | None:
        if day is None:
            return None
        return {"iso": day.isoformat(), "text": i18n.long_date(day, self.language)}

    def sort_key(self, text: str) -> tuple:
        return i18n.sort_key(text, self.language)

    def country_key(self, code: str) -> tuple:
        return self.sort_key(self.country_name(code))

    def city_key(self, city: City) -> tuple:
        return self.sort_key(self.best(city.name))

    # -- references and cards ----------------------------------------------------------------

    def city_ref(self, city_id: str) -> dict:
        city = self.dataset.cities[city_id]
        return {
            "name": self.text(city.name),
            "url": self.url(f"cities/{city.id}/"),
            "country": self.country_ref(city.country),
        }

    def city_summary(self, city: City) -> dict:
        """A city with what it has open: the list of cities, the map, a country's page."""
        records = self.facts.city(city.id)
        return {
            **self.city_ref(city.id),
            "open_needs": records.open_needs,
            "open_offers": records.open_offers,
        }

    def country_ref(self, code: str) -> dict:
        return {
            "code": code,
            "name": self.country_name(code),
            "url": self.url(f"countries/{code.lower()}/"),
        }

    def sector_ref(self, slug: str) -> dict:
        return {
            "slug": slug,
            "name": self.label("sector", slug),
            "url": self.url(f"sectors/{slug}/"),
        }

    def status_badge(self, listing: Listing) -> dict:
        vocabulary = "status" if isinstance(listing, Need) else "offer_status"
        return {
            "value": listing.status,
            "label": self.label(vocabulary, listing.status),
            "open": listing.is_open,
            "closed": listing.is_closed,
        }

    def digest(self, record: Record) -> str:
        """A record's digest (of its fields, pickled), made once: pages keyed by their inputs
        name the records they show by it."""
        found = self.digests.get(record.id)
        if found is None:
            found = self.digests[record.id] = value_digest(record)
        return found

    def listed(self, listing: Listing) -> tuple[str, str]:
        """What a listing's card is made of: the listing and its city (name, country)."""
        return self.digest(listing), self.digest(self.dataset.cities[listing.city])

    def record_url(self, listing: Listing) -> str:
        return self.url(f"{listing.FOLDER}/{listing.id}/")

    def card(self, listing: Listing) -> dict:
        """A need or offer as one entry of a list: made once, shown on many lists."""
        if listing.id not in self.cards:
            self.cards[listing.id] = self._new_card(listing)
        return self.cards[listing.id]

    def _new_card(self, listing: Listing) -> dict:
        return {
            "kind": "need" if isinstance(listing, Need) else "offer",
            "id": listing.id,
            "url": self.record_url(listing),
            "title": self.text(listing.title),
            "city": self.city_ref(listing.city),
            "sectors": [self.sector_ref(s) for s in listing.sectors],
            "status": self.status_badge(listing),
            "urgency": (
                {"value": listing.urgency, "label": self.label("urgency", listing.urgency)}
                if isinstance(listing, Need)
                else None
            ),
            "posted": self.date(listing.posted),
            "example": listing.example,
        }


def number(value: float) -> str:
    """A quantity as the pages show it: 1 200 (narrow no-break space), or 2.5."""
    return f"{value:,.0f}".replace(",", "\u202f") if value == int(value) else f"{value:g}"


def plain(text: str, limit: int = 200) -> str:
    """A short plain-text summary of Markdown for meta descriptions."""
    words = " ".join(text.replace("*", "").replace("#", "").split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"
