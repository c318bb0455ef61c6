"""Atom feeds of new needs and offers (all needs, all offers, per sector, per country) in each
language, and the links that let browsers and feed readers discover them from the pages.

A feed follows one page of the site and mirrors its path: needs/ -> feeds/needs.atom,
sectors/energy/ -> feeds/sectors/energy.atom, countries/pl/ -> feeds/countries/pl.atom; and
matches/ -> feeds/pledges.atom, the pledges and deliveries: an entry per pledge, back on top when
it is delivered or confirmed, its address the pledge on its need's page; partnerships/ ->
feeds/partnerships.atom, an entry per partnership, back on top when it ends.
Sector and country feeds carry needs and offers alike, as their pages do; each entry then
says which it is. Entries come newest first by their last change (`updated`, else `posted`),
so a need that was met comes back to the top. Every date is a record's own (midnight UTC):
the feeds hold no build time and come out byte for byte the same from the same records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree

from ... import names
from ...messages import N_
from ...records import Listing, Need, Partnership, Pledge
from ..context import Context, OutputFile, plain
from ..pledges import pledged_items
from .partnerships import FACETS, partnership_name

FEED_SIZE = 50  # entries per feed: the newest changes, not an archive
SUMMARY_LENGTH = 400  # characters of the description, as plain text
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml"
FILTERS = ("urgency", "status")  # listing filters that follow the whole kind
# Atom as the default namespace: <feed xmlns="...">, with its attributes unqualified (which
# tostring's default_namespace option refuses).
ElementTree.register_namespace("", ATOM)


@dataclass(frozen=True)
class Scope:
    """What a feed follows: all "needs", all "offers", one of the "sectors" (key: slug) or
    "countries" (key: lowercase country code), or the "pledges" (followed from /matches/)."""

    kind: str
    key: str = ""

    @property
    def page(self) -> str:
        """The page the feed follows, under the language root."""
        if self.kind == "pledges":
            return "matches/"
        return f"{self.kind}/{self.key}/" if self.key else f"{self.kind}/"

    @property
    def path(self) -> str:
        return f"feeds/{self.kind}/{self.key}.atom" if self.key else f"feeds/{self.kind}.atom"

    @property
    def mixed(self) -> bool:
        """Whether the feed holds needs and offers alike."""
        return bool(self.key)

    def title(self, ctx: Context) -> str:
        if self.kind == "needs":
            return ctx.gettext("New needs")
        if self.kind == "offers":
            return ctx.gettext("New offers")
        if self.kind == "pledges":
            return ctx.gettext("Pledges and deliveries")
        if self.kind == "partnerships":
            return ctx.gettext("Partnerships")
        name = (
            ctx.label("sector", self.key)
            if self.kind == "sectors"
            else names.country_name(self.key.upper(), ctx.language)
        )
        return ctx.gettext("Needs and offers: %(name)s") % {"name": name}

    def listings(self, ctx: Context) -> list[Listing]:
        ds = ctx.dataset
        if self.kind in ("needs", "offers"):
            return list(getattr(ds, self.kind).values())
        if self.kind == "sectors":
            return [r for r in ds.listings() if self.key in r.sectors]
        return [r for r in ds.listings() if ds.cities[r.city].country.lower() == self.key]


def scopes(ctx: Context) -> Iterator[Scope]:
    """Every feed of the site: one per page it follows (all sectors have a page, and every
    country with a registered city)."""
    yield Scope("needs")
    yield Scope("offers")
    yield Scope("pledges")
    yield Scope("partnerships")
    for slug in names.enum_labels("sector"):
        yield Scope("sectors", slug)
    for code in sorted({city.country.lower() for city in ctx.dataset.cities.values()}):
        yield Scope("countries", code)


def feed_files(ctx: Context) -> Iterable[OutputFile]:
    """The source of the feeds, for the generator: one Atom file per scope and language."""
    for scope in scopes(ctx):
        yield OutputFile(scope.path, atom(ctx, scope, ctx.settings["SITENAME"]))


def feed_links(ctx: Context, page_path: str) -> list[dict]:
    """The feeds a page offers to follow (for <link rel="alternate"> and a visible link): the
    home page both main feeds, a listing its kind's feed, or its sector's or country's when
    filtered by one, a sector or country page its own; other pages none."""
    return [
        {"title": scope.title(ctx), "url": ctx.url(scope.path), "type": MEDIA_TYPE}
        for scope in _followed(page_path)
    ]


def _followed(page_path: str) -> list[Scope]:
    match page_path.strip("/").split("/"):
        case [*_, "print"]:
            return []  # a print view (printing.py): paper follows no feed
        case [""]:
            return [Scope("needs"), Scope("offers")]
        case ["needs" | "offers", "sector", slug, *_]:
            return [Scope("sectors", slug)]
        case ["needs" | "offers", "country", code, *_]:
            return [Scope("countries", code)]
        case ["needs" | "offers" as kind, *rest] if not rest or rest[0] in ("page", *FILTERS):
            return [Scope(kind)]  # the full listing, its pages, filters with no feed of their own
        case ["sectors" | "countries" as kind, key]:
            return [Scope(kind, key)]
        case ["matches"]:
            return [Scope("pledges")]
        case ["partnerships", *rest] if not rest or rest[0] in ("page", *FACETS):
            return [Scope("partnerships")]
    return []


# -- the Atom document -------------------------------------------------------------------------


def atom(ctx: Context, scope: Scope, site_name: str) -> bytes:
    if scope.kind == "pledges":
        pledges = sorted(ctx.dataset.pledges.values(), key=lambda p: (-_moved(p).toordinal(), p.id))
        entries: list = pledges[:FEED_SIZE]
        latest = _moved(entries[0]) if entries else _last_change(ctx)
    elif scope.kind == "partnerships":
        entries = sorted(ctx.dataset.partnerships.values(), key=_partnership_order)[:FEED_SIZE]
        latest = _begun_or_ended(entries[0]) if entries else _last_change(ctx)
    else:
        entries = sorted(scope.listings(ctx), key=lambda r: (-_changed(r).toordinal(), r.id))
        entries = entries[:FEED_SIZE]
        # An empty feed still needs a date: the directory's last change, never the build's.
        latest = _changed(entries[0]) if entries else _last_change(ctx)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {XML_LANG: ctx.language})
    address = ctx.absolute(scope.path)
    _add(feed, "id", address)
    _add(feed, "title", f"{scope.title(ctx)} · {site_name}")
    _add(feed, "updated", _timestamp(latest))
    _add(feed, "link", rel="self", type=MEDIA_TYPE, href=address)
    _add(feed, "link", rel="alternate", type="text/html", href=ctx.absolute(scope.page))
    for record in entries:
        if scope.kind == "pledges":
            _pledge_entry(feed, ctx, record)
        elif scope.kind == "partnerships":
            _partnership_entry(feed, ctx, record)
        else:
            _entry(feed, ctx, record, scope.mixed)
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ElementTree.Element, ctx: Context, listing: Listing, mixed: bool) -> None:
    entry = _add(feed, "entry")
    # The page's address in the feed's language: the same record is the same entry in every
    # feed of that language, and stays so from build to build.
    address = ctx.absolute(f"{listing.FOLDER}/{listing.id}/")
    _add(entry, "id", address)
    language, title = listing.title.best(ctx.language)
    _add(entry, "title", _title(ctx, listing, title, mixed), **_marked(ctx, language))
    _add(entry, "link", rel="alternate", type="text/html", href=address)
    _add(entry, "published", _timestamp(listing.posted))
    _add(entry, "updated", _timestamp(_changed(listing)))
    author = _add(entry, "author")
    _add(author, "name", ctx.dataset.cities[listing.city].name.best(ctx.language)[1])
    _add(author, "uri", ctx.absolute(f"cities/{listing.city}/"))
    for slug in listing.sectors:
        _add(entry, "category", term=slug, label=ctx.label("sector", slug))
    language, description = listing.description.best(ctx.language)
    _add(entry, "summary", plain(description, SUMMARY_LENGTH), **_marked(ctx, language))


# What a pledge's entry says, by its state: made, delivered, confirmed by the city, cancelled.
PLEDGE_TITLES = {
    "promised": N_("%(city)s pledges help: %(need)s"),
    "arrived": N_("Delivered by %(city)s: %(need)s"),
    "received": N_("Delivery from %(city)s confirmed: %(need)s"),
    "void": N_("Pledge of %(city)s cancelled: %(need)s"),
}


def _pledge_entry(feed: ElementTree.Element, ctx: Context, pledge: Pledge) -> None:
    """A pledge as an entry: its address is the pledge on its need's page in the feed's
    language; it comes back to the top when delivered or confirmed."""
    entry = _add(feed, "entry")
    need = ctx.dataset.needs[pledge.need]
    address = ctx.absolute(f"needs/{need.id}/") + f"#{pledge.id}"
    _add(entry, "id", address)
    language, title = need.title.best(ctx.language)
    words = {"city": ctx.best(ctx.dataset.cities[pledge.city].name), "need": title}
    _add(entry, "title", ctx.gettext(PLEDGE_TITLES[pledge.state]) % words, **_marked(ctx, language))
    _add(entry, "link", rel="alternate", type="text/html", href=address)
    _add(entry, "published", _timestamp(pledge.posted))
    _add(entry, "updated", _timestamp(_moved(pledge)))
    author = _add(entry, "author")
    _add(author, "name", ctx.best(ctx.dataset.cities[pledge.city].name))
    _add(author, "uri", ctx.absolute(f"cities/{pledge.city}/"))
    for slug in need.sectors:
        _add(entry, "category", term=slug, label=ctx.label("sector", slug))
    items = "; ".join(
        f"{item['quantity']} {item['unit']}: {item['name']['text']}"
        for item in pledged_items(ctx, need, pledge)
    )
    note = ctx.best(pledge.note) if pledge.note else ""
    summary = plain(" ".join(part for part in (items, note) if part), SUMMARY_LENGTH)
    _add(entry, "summary", summary or title)


def _partnership_entry(feed: ElementTree.Element, ctx: Context, partnership: Partnership) -> None:
    """A partnership as an entry, back on top when it ends."""
    entry = _add(feed, "entry")
    address = ctx.absolute(f"partnerships/{partnership.id}/")
    _add(entry, "id", address)
    status = ctx.label("partnership_status", partnership.status)
    kind = ctx.label("partnership_kind", partnership.kind)
    _add(entry, "title", f"{partnership_name(ctx, partnership)} ({kind}, {status})")
    _add(entry, "link", rel="alternate", type="text/html", href=address)
    _add(entry, "published", _timestamp(partnership.since))
    _add(entry, "updated", _timestamp(_begun_or_ended(partnership)))
    for city in partnership.cities:
        if city in ctx.dataset.cities:
            author = _add(entry, "author")
            _add(author, "name", ctx.best(ctx.dataset.cities[city].name))
            _add(author, "uri", ctx.absolute(f"cities/{city}/"))
    for slug in partnership.sectors:
        _add(entry, "category", term=slug, label=ctx.label("sector", slug))
    if partnership.about:
        language, about = partnership.about.best(ctx.language)
        _add(entry, "summary", plain(about, SUMMARY_LENGTH), **_marked(ctx, language))


def _begun_or_ended(partnership: Partnership) -> date:
    return partnership.ended or partnership.since


def _partnership_order(partnership: Partnership) -> tuple[int, str]:
    return (-_begun_or_ended(partnership).toordinal(), partnership.id)


def _moved(pledge: Pledge) -> date:
    """A pledge's last step: confirmed, else delivered, else the day it was made."""
    return pledge.confirmed or pledge.delivered or pledge.posted


def _title(ctx: Context, listing: Listing, title: str, mixed: bool) -> str:
    """A title as the feed shows it: marked when closed (as search results are), and saying
    whether it is a need or an offer in a feed of both."""
    status = ctx.status_badge(listing)
    title = f"{title} ({status['label']})" if status["closed"] else title
    if not mixed:
        return title
    kind = ctx.gettext(N_("Need") if isinstance(listing, Need) else N_("Offer"))
    return f"{kind}: {title}"


def _marked(ctx: Context, language: str) -> dict[str, str]:
    """xml:lang for a text written in another language than the feed's (none is in its own)."""
    return {} if language == ctx.language else {XML_LANG: language}


def _add(
    parent: ElementTree.Element, tag: str, text: str | None = None, /, **attributes: str
) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _changed(listing: Listing) -> date:
    return listing.updated or listing.posted


def _last_change(ctx: Context) -> date:
    return max((_changed(r) for r in ctx.dataset.listings()), default=ctx.today)


def _timestamp(day: date) -> str:
    """RFC 3339, at midnight UTC: records carry days, not times."""
    return f"{day.isoformat()}T00:00:00Z"
