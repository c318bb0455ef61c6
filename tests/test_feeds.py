"""The Atom feeds and the pages that announce them, read from the built example site: feeds with
xml.etree (in the Atom namespace), pages with BeautifulSoup, both compared with the records.

What the feeds hold (the decision these tests pin down): feeds/needs.atom every need,
feeds/offers.atom every offer, feeds/sectors/<slug>.atom and feeds/countries/<cc>.atom the needs
and offers of that sector or of that country's cities, as their pages show them; at most
FEED_SIZE entries, newest first by last change (`updated`, else `posted`), then by id; closed
records stay, marked as closed. Two builds giving the same bytes is tested for every output
file, feeds included, in test_site.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup, SoupStrainer
from conftest import ROOT, TODAY

from cities4cities.facts import derive_facts
from cities4cities.matching import Matches
from cities4cities.names import enum_label, enum_labels
from cities4cities.records import Dataset, Listing, Need
from cities4cities.site.context import Context
from cities4cities.site.pages.feeds import FEED_SIZE, Scope, atom
from cities4cities.validation import validate_content
from pelicanconf import PUBLIC_URL

LANGUAGES = ("en", "uk")
ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml"
CLOSED = {"fulfilled", "withdrawn", "given"}
KIND = {"en": ("Need", "Offer"), "uk": ("Потреба", "Пропозиція")}  # what a mixed feed says
# Page path (under a language root) -> the feeds (under the same root) it announces.
FOLLOWED = (
    (r"", ("feeds/needs.atom", "feeds/offers.atom")),
    (
        r"(needs|offers)/(?:page/\d+/|(?:urgency|status)/[a-z-]+/(?:page/\d+/)?)?",
        (r"feeds/\1.atom",),
    ),
    (r"(?:needs|offers)/sector/([a-z-]+)/(?:page/\d+/)?", (r"feeds/sectors/\1.atom",)),
    (r"(?:needs|offers)/country/([a-z]{2})/(?:page/\d+/)?", (r"feeds/countries/\1.atom",)),
    (r"(sectors|countries)/([a-z-]+)/", (r"feeds/\1/\2.atom",)),
    (r"matches/", ("feeds/pledges.atom",)),  # tests/test_pledge_pages.py reads that one
    (
        r"partnerships/(?:page/\d+/|(?:kind|sector|country|status)/[a-z-]+/(?:page/\d+/)?)?",
        ("feeds/partnerships.atom",),
    ),
)
HEAD_AND_LINKS = SoupStrainer(["head", "a"])


@cache
def dataset() -> Dataset:
    return validate_content(ROOT / "content", TODAY).dataset


def prefix(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


def expected_feeds(ds: Dataset) -> dict[str, list[Listing]]:
    """Each feed (its path under a language root) and every record it follows."""
    listings = list(ds.listings())
    feeds = {
        "feeds/needs.atom": list(ds.needs.values()),
        "feeds/offers.atom": list(ds.offers.values()),
    }
    for slug in enum_labels("sector"):
        feeds[f"feeds/sectors/{slug}.atom"] = [r for r in listings if slug in r.sectors]
    for code in {city.country for city in ds.cities.values()}:
        feeds[f"feeds/countries/{code.lower()}.atom"] = [
            r for r in listings if ds.cities[r.city].country == code
        ]
    return feeds


def stamp(listing: Listing, posted: bool = False) -> str:
    """The day of the last change (or of posting) as the feeds write it."""
    day = listing.posted if posted else listing.updated or listing.posted
    return f"{day.isoformat()}T00:00:00Z"


def newest(listings: list[Listing]) -> list[Listing]:
    by_id = sorted(listings, key=lambda r: r.id)
    return sorted(by_id, key=stamp, reverse=True)[:FEED_SIZE]


def record_url(listing: Listing, language: str) -> str:
    folder = "needs" if isinstance(listing, Need) else "offers"
    return f"{PUBLIC_URL}/{prefix(language)}{folder}/{listing.id}/"


def local_file(site: Path, url: str) -> Path:
    """The output file behind an absolute address of the local build."""
    relative = url.removeprefix(PUBLIC_URL + "/")
    return site / relative / "index.html" if relative.endswith("/") else site / relative


def text(element: ElementTree.Element, path: str) -> str:
    return element.findtext(path, default="", namespaces=NS)


def read_feed(site: Path, language: str, path: str) -> ElementTree.Element:
    return ElementTree.parse(site / prefix(language) / path).getroot()


# -- the feeds -----------------------------------------------------------------------------


def test_every_feed_is_written_in_both_languages(site: Path) -> None:
    written = {p.relative_to(site).as_posix() for p in site.rglob("*.atom")}
    feeds = expected_feeds(dataset())
    paths = [*feeds, "feeds/pledges.atom", "feeds/partnerships.atom"]
    assert written == {prefix(language) + path for language in LANGUAGES for path in paths}
    assert len(feeds["feeds/needs.atom"]) > FEED_SIZE  # the example data tests the limit too


def frame_problems(
    root: ElementTree.Element, site: Path, language: str, path: str
) -> Iterator[str]:
    """What is wrong with a feed around its entries: language, id, title, links, addresses."""
    address = f"{PUBLIC_URL}/{prefix(language)}{path}"
    if root.tag != f"{{{ATOM}}}feed" or root.get(XML_LANG) != language:
        yield f"root {root.tag} with xml:lang={root.get(XML_LANG)}"
    if text(root, "atom:id") != address or not text(root, "atom:title"):
        yield f"id {text(root, 'atom:id')!r}, title {text(root, 'atom:title')!r}"
    if [link.get("href") for link in root.findall("atom:link[@rel='self']", NS)] != [address]:
        yield "no self link to the feed's own address"
    for element in root.iter():
        url = element.get("href") or (element.text if element.tag.endswith("}uri") else None)
        if url is None:
            continue
        if not url.startswith(PUBLIC_URL + "/"):
            yield f"{url!r} is not an absolute address of the site"
        elif not local_file(site, url).is_file():
            yield f"{url} leads to no page"


def entry_problems(
    entry: ElementTree.Element, record: Listing, language: str, mixed: bool
) -> Iterator[str]:
    """What is wrong with an entry: it shows its record in the feed's language."""
    title, written = text(entry, "atom:title"), record.title.get(language)
    if written is not None and written not in title:
        yield f"title {title!r} is not the {language} title {written!r}"
    marked = entry.find("atom:title", NS).get(XML_LANG) or entry.find("atom:summary", NS).get(
        XML_LANG
    )
    if written is not None and marked:
        yield "title or summary marked as written in another language"
    if written is None and not marked:  # a record written only in another language
        yield "a title in another language is not marked with its language"
    if mixed and not title.startswith(KIND[language][0 if isinstance(record, Need) else 1] + ": "):
        yield f"title {title!r} does not say whether it is a need or an offer"
    if record.status in CLOSED:
        vocabulary = "status" if isinstance(record, Need) else "offer_status"
        if not title.endswith(f" ({enum_label(vocabulary, record.status, language)})"):
            yield f"title {title!r} of a closed record does not say so"
    if text(entry, "atom:id") != record_url(record, language):
        yield f"id {text(entry, 'atom:id')!r} is not the page's address"
    if (text(entry, "atom:published"), text(entry, "atom:updated")) != (
        stamp(record, posted=True),
        stamp(record),
    ):
        yield "published/updated are not the days posted and last updated"
    city = dataset().cities[record.city]
    if (text(entry, "atom:author/atom:name"), text(entry, "atom:author/atom:uri")) != (
        city.name.best(language)[1],
        f"{PUBLIC_URL}/{prefix(language)}cities/{city.id}/",
    ):
        yield "the author is not the city with its page"
    if [c.get("term") for c in entry.findall("atom:category", NS)] != list(record.sectors):
        yield "the categories are not the sectors"
    summary = text(entry, "atom:summary")
    if not 0 < len(summary) <= 400 or "<" in summary:
        yield f"the summary is not short plain text: {summary[:60]!r}"
    if not record.description.best(language)[1].startswith(summary.split("…")[0][:40]):
        yield "the summary is not the description in the feed's language"


@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_are_atom_with_the_newest_records(site: Path, language: str) -> None:
    problems = []
    for path, listings in expected_feeds(dataset()).items():
        root = read_feed(site, language, path)
        problems += [f"{path}: {p}" for p in frame_problems(root, site, language, path)]
        entries = root.findall("atom:entry", NS)
        ids = [text(entry, "atom:id") for entry in entries]
        assert len(set(ids)) == len(ids), f"{path}: entry ids repeated"
        expected = newest(listings)
        links = [entry.find("atom:link[@rel='alternate']", NS).get("href") for entry in entries]
        assert links == [record_url(r, language) for r in expected], f"{path}: not the newest"
        if expected:  # an empty feed carries the directory's last change
            assert text(root, "atom:updated") == stamp(expected[0]), f"{path}: feed updated"
        mixed = path.startswith(("feeds/sectors/", "feeds/countries/"))
        for entry, record in zip(entries, expected, strict=True):
            problems += [
                f"{path}: {record.id}: {p}" for p in entry_problems(entry, record, language, mixed)
            ]
    assert problems == []


def test_a_text_missing_in_the_feeds_language_is_marked(content: Path) -> None:
    need = content / "needs" / "ua-sumy-generators.yaml"
    data = yaml.safe_load(need.read_text(encoding="utf-8"))
    data["title"] = {"en": data["title"]["en"]}
    need.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ds = validate_content(content, TODAY).dataset
    settings = {"SITEURL": "", "PUBLIC_URL": PUBLIC_URL}
    views = Context(ds, derive_facts(ds), Matches({}, {}), "uk", settings, TODAY)
    root = ElementTree.fromstring(atom(views, Scope("needs"), "cities4cities"))
    title = root.find("atom:entry/atom:title", NS)
    assert (title.text, title.get(XML_LANG)) == (data["title"]["en"], "en")
    assert root.find("atom:entry/atom:summary", NS).get(XML_LANG) is None
    # A feed with no entries still has a date: the newest change in the directory.
    empty = ElementTree.fromstring(atom(views, Scope("sectors", "telecom"), "cities4cities"))
    assert root.find("atom:entry", NS) is not None and empty.find("atom:entry", NS) is None
    assert text(empty, "atom:updated") == max(stamp(r) for r in ds.listings())


# -- discovery -----------------------------------------------------------------------------


def followed(page_path: str) -> list[str]:
    for pattern, feeds in FOLLOWED:
        if found := re.fullmatch(pattern, page_path):
            return [found.expand(feed) for feed in feeds]
    return []


def pages(site: Path, language: str) -> Iterator[tuple[str, BeautifulSoup]]:
    """(page path under the language root, parsed page) of every page of a language."""
    root = site / prefix(language)
    for file in sorted(root.rglob("index.html")):
        path = file.parent.relative_to(root).as_posix()
        if language == LANGUAGES[0] and path.split("/")[0] in LANGUAGES[1:]:
            continue
        # Only <head> and links are read: several times faster than the whole page.
        soup = BeautifulSoup(
            file.read_text(encoding="utf-8"), "html.parser", parse_only=HEAD_AND_LINKS
        )
        yield ("" if path == "." else f"{path}/"), soup


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_announce_their_feeds(site: Path, language: str) -> None:
    announcing, problems = set(), []
    for path, soup in pages(site, language):
        expected = [f"/{prefix(language)}{feed}" for feed in followed(path)]
        links = soup.head.find_all("link", rel="alternate", type=MEDIA_TYPE)
        if [link["href"] for link in links] != expected or not all(
            link.get("title") for link in links
        ):
            problems.append(f"{path}: {[str(link) for link in links]}, expected {expected}")
        visible = [a["href"] for a in soup.find_all("a", type=MEDIA_TYPE)]
        if visible != (expected if path else []):  # the home page announces in <head> only
            problems.append(f"{path}: visible feed links {visible}, expected {expected}")
        problems += [
            f"{path}: {href} missing" for href in expected if not (site / href[1:]).is_file()
        ]
        if expected:
            announcing.add(path)
    assert problems == []
    kinds = {
        "",
        "needs/",
        "offers/",
        "needs/sector/energy/",
        "offers/country/de/",
        "sectors/energy/",
        "countries/ua/",
        "partnerships/",
        "partnerships/kind/twinning/",
    }
    assert kinds <= announcing
