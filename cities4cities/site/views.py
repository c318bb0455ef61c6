"""Records -> view data for one language: chosen texts, labels, URLs and badges, so that the
templates only lay things out. Knows nothing about Pelican."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from ..facts import met_needs, statistics
from ..matching import SHOWN_FROM, Matches, Reason, Suggestion
from ..messages import N_
from ..records import City, Dataset, Listing, LocalizedText, Need, Offer
from . import i18n
from .markup import render_markdown
from .pages.map import city_map
from .search import KINDS, SHARD_PAGES, bundle_paths

PAGE_SIZE = 20
URGENCY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1}  # a sort key for search


@dataclass(frozen=True)
class Page:
    """One file to write: its path under the language root ("" = home), template, context.
    A page that is not `indexed` (an embed: it repeats another page) stays out of the sitemap;
    its template says noindex."""

    path: str
    template: str
    context: dict[str, Any]
    indexed: bool = True


@dataclass(frozen=True)
class OutputFile:
    """A file written as it is (data, feeds, images): its path under the language root, or
    under the site root when `shared` (the same for every language: yielded by the first)."""

    path: str
    content: str | bytes
    shared: bool = False


class Views:
    """View data for one language of the site."""

    def __init__(
        self,
        dataset: Dataset,
        language: str,
        siteurl: str,
        public_url: str,
        today: date,
        matches: Matches | None = None,
        search_shard_pages: int = SHARD_PAGES,
    ) -> None:
        self.ds = dataset
        self.matches = matches or Matches({}, {})
        self.search_shard_pages = search_shard_pages
        self.language = language
        self.siteurl = siteurl.rstrip("/")
        self.public_url = public_url.rstrip("/")
        self.today = today
        self.gettext = i18n.gettext_for(language)
        self.answered_by = _answered_needs(dataset)
        self.helped, self.helped_by = _help_between_cities(dataset)
        self.cards: dict[str, dict] = {}  # by record id
        self.by_city: dict[str, list[Listing]] = {}  # newest first
        for listing in _newest(dataset.listings()):
            self.by_city.setdefault(listing.city, []).append(listing)

    # -- small pieces ----------------------------------------------------------------------

    def prefix(self, language: str | None = None) -> str:
        language = language or self.language
        return "" if language == i18n.LANGUAGES[0] else f"{language}/"

    def url(self, path: str, language: str | None = None) -> str:
        """Link to a page, e.g. url("needs/") -> "/uk/needs/" on the Ukrainian site."""
        return f"{self.siteurl}/{self.prefix(language)}{path}"

    def absolute(self, path: str, language: str | None = None) -> str:
        return f"{self.public_url}/{self.prefix(language)}{path}"

    def text(self, localized: LocalizedText | None, markdown: bool = False) -> dict | None:
        """A localized text in the reader's language if written in it, else in another, with
        the language noted ("in Ukrainian") for the page to show and mark up with lang=."""
        if localized is None:
            return None
        language, value = localized.best(self.language)
        note = None
        if language != self.language:
            note = self.gettext("in %(language)s") % {
                "language": i18n.language_name(language, self.language)
            }
        return {
            "text": render_markdown(value) if markdown else value,
            "lang": language,
            "note": note,
            "markdown": markdown,
        }

    def sort_key(self, text: str) -> tuple:
        return i18n.sort_key(text, self.language)

    def country_key(self, code: str) -> tuple:
        return self.sort_key(i18n.country_name(code, self.language))

    def name_key(self, city: City) -> tuple:
        return self.sort_key(city.name.best(self.language)[1])

    def label(self, vocabulary: str, value: str) -> str:
        return i18n.enum_label(vocabulary, value, self.language)

    def date(self, day: date | None) -> dict | None:
        if day is None:
            return None
        return {"iso": day.isoformat(), "text": i18n.long_date(day, self.language)}

    def city_ref(self, city_id: str) -> dict:
        city = self.ds.cities[city_id]
        return {
            "name": self.text(city.name),
            "url": self.url(f"cities/{city.id}/"),
            "country": self.country_ref(city.country),
        }

    def country_ref(self, code: str) -> dict:
        return {
            "code": code,
            "name": i18n.country_name(code, self.language),
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

    def record_url(self, listing: Listing) -> str:
        return self.url(f"{_folder(listing)}/{listing.id}/")

    def card(self, listing: Listing) -> dict:
        """A need or offer as one entry of a list: made once, shown on many lists."""
        if listing.id not in self.cards:
            self.cards[listing.id] = self.new_card(listing)
        return self.cards[listing.id]

    def new_card(self, listing: Listing) -> dict:
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

    @cached_property
    def city_map(self) -> dict:
        """The map of the cities: on the home page and the list of cities."""
        return city_map(self)

    # -- pages -----------------------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        yield self.home()
        for kind in ("needs", "offers"):
            yield from self.listing_pages(kind)
        for need in self.ds.needs.values():
            yield self.need_page(need)
        for offer in self.ds.offers.values():
            yield self.offer_page(offer)
        yield self.cities_page()
        for city in self.ds.cities.values():
            yield self.city_page(city)
        for slug in i18n.enum_labels("sector"):
            yield self.sector_page(slug)
        for code in sorted({city.country for city in self.ds.cities.values()}):
            yield self.country_page(code)
        yield self.search_page()
        yield self.matches_page()

    def page(self, path: str, template: str, title: str, **context: Any) -> Page:
        return Page(path, template, {"title": title, **context})

    def home(self) -> Page:
        needs, offers = self.ds.needs.values(), self.ds.offers.values()
        open_needs = [n for n in needs if n.is_open]
        by_sector = Counter(sector for need in open_needs for sector in need.sectors)
        needs_met = sum(1 for n in needs if n.status == "fulfilled")
        return self.page(
            "",
            "home.html",
            self.gettext("Cities helping cities"),
            counts={
                "open_needs": len(open_needs),
                "available_offers": sum(1 for o in offers if o.is_open),
                "cities": len(self.ds.cities),
                "needs_met": needs_met,
            },
            # The filtered listing exists only when some need was met.
            needs_met_url=self.url("needs/status/fulfilled/") if needs_met else None,
            open_by_sector=[
                {
                    **self.sector_ref(slug),
                    "count": count,
                    "needs_url": self.url(f"needs/sector/{slug}/"),
                }
                for slug, count in sorted(by_sector.items(), key=lambda item: (-item[1], item[0]))
            ],
            stats=self.statistics(),
            newest_needs=[self.card(n) for n in _newest(open_needs)[:5]],
            newest_offers=[self.card(o) for o in _newest([o for o in offers if o.is_open])[:5]],
            city_map=self.city_map,
        )

    def listing_pages(self, kind: str) -> Iterator[Page]:
        """The full listing and one filtered listing per sector, country, urgency and status
        that has records: static pages, so filtering works without JavaScript."""
        records = list(getattr(self.ds, kind).values())
        facets = self.facets(kind, records)
        yield from self.paginate(kind, f"{kind}/", records, facets, None)
        for facet in facets:
            for option in facet["options"]:
                chosen = [
                    r
                    for r in records
                    if option["value"] in _facet_values(r, facet["name"], self.ds)
                ]
                yield from self.paginate(kind, option["path"], chosen, facets, option)

    def facets(self, kind: str, records: list[Listing]) -> list[dict]:
        names = (
            ["sector", "country", "urgency", "status"]
            if kind == "needs"
            else ["sector", "country", "status"]
        )
        facets = []
        for name in names:
            counts = Counter(v for r in records for v in _facet_values(r, name, self.ds))
            options = [
                {
                    "value": value,
                    "label": self.facet_label(kind, name, value),
                    "count": counts[value],
                    "path": f"{kind}/{name}/{value.lower()}/",
                    "url": self.url(f"{kind}/{name}/{value.lower()}/"),
                }
                for value in self.facet_order(kind, name, counts)
            ]
            facets.append({"name": name, "label": self.facet_title(name), "options": options})
        return facets

    def facet_order(self, kind: str, name: str, counts: Counter) -> list[str]:
        if name == "country":
            return sorted(counts, key=self.country_key)
        vocabulary = "offer_status" if (kind, name) == ("offers", "status") else name
        return [value for value in i18n.enum_labels(vocabulary) if counts[value]]

    def facet_label(self, kind: str, name: str, value: str) -> str:
        if name == "country":
            return i18n.country_name(value, self.language)
        return self.label("offer_status" if (kind, name) == ("offers", "status") else name, value)

    def facet_title(self, name: str) -> str:
        titles = {
            "sector": N_("Sector"),
            "country": N_("Country"),
            "urgency": N_("Urgency"),
            "status": N_("Status"),
        }
        return self.gettext(titles[name])

    def paginate(
        self, kind: str, base: str, records: list[Listing], facets: list[dict], chosen: dict | None
    ) -> Iterator[Page]:
        ordered = _newest(records)
        chunks = [ordered[i : i + PAGE_SIZE] for i in range(0, len(ordered), PAGE_SIZE)] or [[]]
        heading = self.gettext("Needs") if kind == "needs" else self.gettext("Offers")
        for number, chunk in enumerate(chunks, start=1):
            path = base if number == 1 else f"{base}page/{number}/"
            title = f"{heading}: {chosen['label']}" if chosen else heading
            if number > 1:
                title += " · " + self.gettext("page %(number)d") % {"number": number}
            yield self.page(
                path,
                "listing.html",
                title,
                kind=kind,
                heading=heading,
                chosen=chosen,
                all_url=self.url(f"{kind}/"),
                facets=facets,
                cards=[self.card(r) for r in chunk],
                total=len(records),
                pagination={
                    "number": number,
                    "count": len(chunks),
                    "previous": self.url(base if number == 2 else f"{base}page/{number - 1}/")
                    if number > 1
                    else None,
                    "next": self.url(f"{base}page/{number + 1}/") if number < len(chunks) else None,
                },
            )

    def search_index(self, record: Listing | City) -> dict:
        """What Pagefind indexes besides the text: filters, meta and sort keys. Pagefind's UI
        shows filter and meta names as they are, so they are written in the page's language
        (each language has its own index)."""
        _ = self.gettext
        city = record if isinstance(record, City) else self.ds.cities[record.city]
        filters = {
            _("Country"): [i18n.country_name(city.country, self.language)],
            _("Region"): [i18n.region_name(city.region, self.language)],
        }
        meta = {_("City"): city.name.best(self.language)[1]}
        sort = {}
        if isinstance(record, Listing):
            status = self.status_badge(record)
            filters[_("Sector")] = [self.label("sector", s) for s in record.sectors]
            filters[_("Kind of help")] = [self.label("kind", k) for k in record.kinds]
            filters[_("Status")] = [status["label"]]
            meta[_("Posted")] = i18n.long_date(record.posted, self.language)
            meta[_("Status")] = status["label"]
            title = record.title.best(self.language)[1]
            # Closed records (fulfilled, withdrawn, given) stay findable, marked as such.
            meta["title"] = f"{title} ({status['label']})" if status["closed"] else title
            sort["posted"] = record.posted.isoformat()
            if isinstance(record, Need):
                filters[_("Urgency")] = [self.label("urgency", record.urgency)]
                sort["urgency"] = str(URGENCY_RANK[record.urgency])
        return {"filters": filters, "meta": meta, "sort": sort}

    def record(self, listing: Listing) -> dict:
        """What need and offer pages share."""
        contact = listing.contact
        return {
            **self.card(listing),
            "search": self.search_index(listing),
            "description": self.text(listing.description, markdown=True),
            "kinds": [self.label("kind", k) for k in listing.kinds],
            "item_rows": [
                {
                    "name": self.text(item.name),
                    "quantity": _number(item.quantity),
                    "unit": self.label("unit", item.unit),
                    "received": None if item.received is None else _number(item.received),
                }
                for item in listing.items
            ],
            "contact": {
                "organisation": self.text(contact.organisation),
                "role": self.text(contact.role),
                "email": contact.email,
                "phone": contact.phone,
                "languages": [
                    i18n.language_name(code, self.language) for code in contact.languages
                ],
            },
            "links": [{"title": link.title, "url": link.url} for link in listing.links],
            "updated": self.date(listing.updated),
            "review_by": self.date(listing.review_by),
            "review_overdue": not listing.is_closed and listing.review_by < self.today,
        }

    def need_page(self, need: Need) -> Page:
        record = self.record(need)
        offers = [self.ds.offers[i] for i in need.matched_with if i in self.ds.offers]
        return self.page(
            f"needs/{need.id}/",
            "need.html",
            record["title"]["text"],
            record=record,
            logistics=self.text(need.logistics),
            outcome=self.text(need.outcome),
            matched=[self.card(o) for o in offers],
            suggested=self.suggested(self.matches.for_need.get(need.id, ()), "offer"),
            json_ld=self.json_ld(need, "Demand"),
            description_meta=_plain(need.description.best(self.language)[1]),
        )

    def offer_page(self, offer: Offer) -> Page:
        record = self.record(offer)
        return self.page(
            f"offers/{offer.id}/",
            "offer.html",
            record["title"]["text"],
            record=record,
            delivery=self.label("delivery", offer.delivery),
            conditions=self.text(offer.conditions),
            answered=[self.card(n) for n in self.answered_by.get(offer.id, [])],
            suggested=self.suggested(self.matches.for_offer.get(offer.id, ()), "need"),
            json_ld=self.json_ld(offer, "Offer"),
            description_meta=_plain(offer.description.best(self.language)[1]),
        )

    def json_ld(self, listing: Listing, kind: str) -> str:
        """schema.org Demand or Offer, as JSON that is safe inside a <script> element."""
        city = self.ds.cities[listing.city]
        party = {
            "@type": "GovernmentOrganization",
            "name": city.name.best(self.language)[1],
            "email": listing.contact.email,
        }
        data = {
            "@context": "https://schema.org",
            "@type": kind,
            "name": listing.title.best(self.language)[1],
            "description": _plain(listing.description.best(self.language)[1]),
            "url": self.absolute(f"{_folder(listing)}/{listing.id}/"),
            "validFrom": listing.posted.isoformat(),
            "validThrough": listing.review_by.isoformat(),
            "areaServed": city.name.best(self.language)[1],
            "seller" if kind == "Offer" else "buyer": party,
            "itemOffered": [
                {"@type": "Product", "name": item.name.best(self.language)[1]}
                for item in listing.items
            ],
        }
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    def suggested(self, suggestions: tuple[Suggestion, ...], kind: str) -> list[dict]:
        """The suggestions worth showing, each as a card with its reasons in words."""
        shown = []
        for suggestion in suggestions:
            if suggestion.score < SHOWN_FROM:
                continue
            other = (
                self.ds.offers[suggestion.offer_id]
                if kind == "offer"
                else self.ds.needs[suggestion.need_id]
            )
            shown.append(
                {
                    **self.card(other),
                    "score": suggestion.score,
                    "reasons": [self.reason(r) for r in suggestion.reasons if r.contribution],
                }
            )
        return shown

    def reason(self, reason: Reason) -> str:
        """A reason for a suggestion in the reader's language."""
        _ = self.gettext
        if reason.code == "same-sector":
            return _("Same sector: %(sector)s") % {"sector": self.label("sector", reason.sector)}
        if reason.code == "compatible-kind":
            kind, answer = self.label("kind", reason.kind), self.label("kind", reason.offer_kind)
            if reason.kind == reason.offer_kind:
                return _("Same kind of help: %(kind)s") % {"kind": kind}
            return _("%(kind)s, answered with %(answer)s") % {"kind": kind, "answer": answer}
        if reason.code == "items":
            item = reason.item.best(self.language)[1] if reason.item else ""
            if reason.covered is None:
                return _("A similar item is offered: %(item)s") % {"item": item}
            return _("Covers %(covered)s of the %(requested)s %(unit)s asked for: %(item)s") % {
                "covered": _number(reason.covered),
                "requested": _number(reason.requested),
                "unit": self.label("unit", reason.unit),
                "item": item,
            }
        if reason.code == "language":
            return _("Both answer in %(language)s") % {
                "language": i18n.language_name(reason.language, self.language)
            }
        if reason.code == "distance":
            return _("%(km)s km apart") % {"km": _number(reason.km)}
        if reason.code == "urgency":
            return _("Urgency: %(urgency)s") % {"urgency": self.label("urgency", reason.urgency)}
        if reason.record == "need":
            return _("The need was reviewed in time")
        return _("The offer was reviewed in time")

    def matches_page(self) -> Page:
        """Needs met, newest first, grouped by sector; and the statistics."""
        groups: dict[str, list[dict]] = {}
        for met in met_needs(self.ds):
            need = self.ds.needs[met.need_id]
            entry = {
                "need": self.card(need),
                "offers": [self.card(self.ds.offers[i]) for i in met.offer_ids],
                "offering": [self.city_ref(c) for c in met.offering_cities],
                "outcome": self.text(need.outcome),
                "days": met.days,
                "fulfilled": self.date(met.fulfilled),
            }
            groups.setdefault(need.sectors[0], []).append(entry)
        return self.page(
            "matches/",
            "matches.html",
            self.gettext("Needs met"),
            groups=[
                {**self.sector_ref(slug), "entries": groups[slug]}
                for slug in i18n.enum_labels("sector")
                if slug in groups
            ],
            stats=self.statistics(),
        )

    def statistics(self) -> dict:
        """Open needs, needs met and median days to a match: in all, by sector, by country."""
        figures = statistics(self.ds)

        def row(name: str, tally, url: str | None = None) -> dict:
            days = tally.median_days
            return {
                "name": name,
                "url": url,
                "open": tally.open_needs,
                "met": tally.needs_met,
                "days": None if days is None else f"{days:g}",
                "median": days,  # the number, for /stats/ to draw
            }

        return {
            "total": row(self.gettext("All"), figures.total),
            "by_sector": [
                row(self.label("sector", s), t, self.url(f"sectors/{s}/"))
                for s, t in figures.by_sector.items()
            ],
            "by_country": [
                row(i18n.country_name(c, self.language), t, self.url(f"countries/{c.lower()}/"))
                for c, t in sorted(
                    figures.by_country.items(), key=lambda item: self.country_key(item[0])
                )
            ],
        }

    def search_page(self) -> Page:
        """The search (Pagefind, in the browser); without JavaScript it points to the static
        filter pages, which answer most questions too."""
        listings = {kind: list(getattr(self.ds, kind).values()) for kind in ("needs", "offers")}
        bundles = {  # each record has a page in every language, all indexed
            kind: [
                f"{self.siteurl}/{path}"
                for path in bundle_paths(
                    self.language, kind, len(getattr(self.ds, kind)), self.search_shard_pages
                )
            ]
            for kind in KINDS
        }
        return self.page(
            "search/",
            "search.html",
            self.gettext("Search"),
            kinds=[
                {"value": kind, "label": self.gettext(label)}
                for kind, label in (
                    ("needs", N_("Needs")),
                    ("offers", N_("Offers")),
                    ("cities", N_("Cities")),
                )
            ],
            bundles=json.dumps(bundles, sort_keys=True),
            ui_bundle=next((paths[0] for paths in bundles.values() if paths), ""),
            browse=[
                {"heading": self.gettext(title), "facets": self.facets(kind, listings[kind])}
                for kind, title in (("needs", N_("Needs")), ("offers", N_("Offers")))
            ],
        )

    def cities_page(self) -> Page:
        """Cities grouped by country, then region, A-Z in the reader's language."""
        by_country: dict[str, dict[str, list[City]]] = {}
        for city in self.ds.cities.values():
            by_country.setdefault(city.country, {}).setdefault(city.region, []).append(city)
        countries = []
        for code in sorted(by_country, key=self.country_key):
            regions = []
            for region in sorted(
                by_country[code], key=lambda r: self.sort_key(i18n.region_name(r, self.language))
            ):
                cities = sorted(by_country[code][region], key=self.name_key)
                regions.append(
                    {
                        "name": i18n.region_name(region, self.language),
                        "cities": [self.city_summary(c) for c in cities],
                    }
                )
            countries.append({**self.country_ref(code), "regions": regions})
        return self.page(
            "cities/",
            "cities.html",
            self.gettext("Cities"),
            countries=countries,
            city_map=self.city_map,
        )

    def city_listings(self, city_id: str) -> tuple[list[Need], list[Offer]]:
        listings = self.by_city.get(city_id, [])
        return (
            [r for r in listings if isinstance(r, Need)],
            [r for r in listings if isinstance(r, Offer)],
        )

    def city_summary(self, city: City) -> dict:
        needs, offers = self.city_listings(city.id)
        return {
            **self.city_ref(city.id),
            "open_needs": sum(1 for n in needs if n.is_open),
            "open_offers": sum(1 for o in offers if o.is_open),
        }

    def city_page(self, city: City) -> Page:
        from .pages.embeds import embed_snippets  # here, not above: embeds.py builds on this module

        needs, offers = self.city_listings(city.id)
        contact = city.contact
        return self.page(
            f"cities/{city.id}/",
            "city.html",
            self.text(city.name)["text"],
            search=self.search_index(city),
            city={
                **self.city_ref(city.id),
                "region": i18n.region_name(city.region, self.language),
                "population": _number(city.population) if city.population else None,
                "website": city.website,
                "about": self.text(city.about, markdown=True),
                "location": {"lat": city.location.lat, "lon": city.location.lon},
                "example": city.example,
                "contact": {
                    "organisation": self.text(contact.organisation),
                    "role": self.text(contact.role),
                    "email": contact.email,
                    "phone": contact.phone,
                    "languages": [i18n.language_name(c, self.language) for c in contact.languages],
                },
                "partners": [self.city_ref(p) for p in city.partners if p in self.ds.cities],
                "priorities": [self.sector_ref(s) for s in city.partnership_priorities],
            },
            needs=[self.card(n) for n in needs],
            offers=[self.card(o) for o in offers],
            helped=self.partner_cities(city.id, helped=True),
            helped_by=self.partner_cities(city.id, helped=False),
            embeds=embed_snippets(self, city),
        )

    def partner_cities(self, city_id: str, helped: bool) -> list[dict]:
        """Cities this city's offers met needs of (helped), or whose offers met its needs."""
        found = (self.helped if helped else self.helped_by).get(city_id, set())
        return [self.city_ref(c) for c in sorted(found, key=self.city_key)]

    def city_key(self, city_id: str) -> tuple:
        return self.name_key(self.ds.cities[city_id])

    def sector_page(self, slug: str) -> Page:
        needs = _newest(n for n in self.ds.needs.values() if slug in n.sectors)
        offers = _newest(o for o in self.ds.offers.values() if slug in o.sectors)
        return self.page(
            f"sectors/{slug}/",
            "group.html",
            self.label("sector", slug),
            needs=[self.card(n) for n in needs],
            offers=[self.card(o) for o in offers],
            cities=[],
        )

    def country_page(self, code: str) -> Page:
        cities = sorted(
            (c for c in self.ds.cities.values() if c.country == code),
            key=self.name_key,
        )
        needs = _newest(n for c in cities for n in self.city_listings(c.id)[0])
        offers = _newest(o for c in cities for o in self.city_listings(c.id)[1])
        return self.page(
            f"countries/{code.lower()}/",
            "group.html",
            i18n.country_name(code, self.language),
            needs=[self.card(n) for n in needs],
            offers=[self.card(o) for o in offers],
            cities=[self.city_summary(c) for c in cities],
        )


def _folder(listing: Listing) -> str:
    return "needs" if isinstance(listing, Need) else "offers"


def _newest(listings: Iterable[Listing]) -> list[Listing]:
    return sorted(listings, key=lambda r: (-r.posted.toordinal(), r.id))


def _facet_values(listing: Listing, name: str, ds: Dataset) -> tuple[str, ...]:
    if name == "sector":
        return listing.sectors
    if name == "country":
        return (ds.cities[listing.city].country,)
    return (getattr(listing, name),)


def _answered_needs(ds: Dataset) -> dict[str, list[Need]]:
    answered: dict[str, list[Need]] = {}
    for need in _newest(ds.needs.values()):
        for offer_id in need.matched_with:
            answered.setdefault(offer_id, []).append(need)
    return answered


def _help_between_cities(ds: Dataset) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Which cities each city has helped, and been helped by: an offer of one met a need of
    the other (a city helping itself is left out)."""
    helped: dict[str, set[str]] = {}
    helped_by: dict[str, set[str]] = {}
    for need in ds.needs.values():
        for offer_id in need.matched_with:
            offer = ds.offers.get(offer_id)
            if offer is not None and offer.city != need.city:
                helped.setdefault(offer.city, set()).add(need.city)
                helped_by.setdefault(need.city, set()).add(offer.city)
    return helped, helped_by


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") if value == int(value) else f"{value:g}"


def _plain(text: str, limit: int = 200) -> str:
    """A short plain-text summary of Markdown for meta descriptions."""
    words = " ".join(text.replace("*", "").replace("#", "").split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"
