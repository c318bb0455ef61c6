"""The built site, read as a visitor's browser and a crawler read it: through parsed HTML.

Most tests look at the example site (the session fixture `site`, built once from content/) and
compare what the pages show with the records themselves (validate_content on content/). A few
build variants of the small base dataset: text missing in one language, hostile input, sub-path
hosting. Every HTML check goes through BeautifulSoup with the stdlib "html.parser".
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from babel import Locale
from bs4 import BeautifulSoup, Tag
from conftest import FIXTURES, ROOT, TODAY, assert_same_site, build_site

from cities4cities.names import enum_label
from cities4cities.pledging import count_items
from cities4cities.records import City, Dataset, Listing, Need, Offer
from cities4cities.schemas import load_schemas
from cities4cities.validation import validate_content
from pelicanconf import PUBLIC_URL

LANGUAGES = ("en", "uk")  # the first is served at /, the others under /<code>/
PAGE_SIZE = 20  # cards per listing page
STATIC_PAGES = ("about", "contribute", "privacy")
SUBPATH_URL = "https://example.github.io/cities4cities"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href")
ASSET_TAGS = ("script", "link", "img", "source", "video", "audio", "iframe", "embed", "object")
FACETS = {
    "needs": ("sector", "country", "urgency", "status"),
    "offers": ("sector", "country", "status"),
}
GZIP_BUDGET = 10 * 1024


# -- reading the output ---------------------------------------------------------------------


@cache
def parse(path: Path) -> BeautifulSoup:
    """A page of the output, parsed once per test session (the outputs are not changed)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def prefix(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


def split(relative: str) -> tuple[str, str]:
    """The language and language-neutral path of an address or file under the site's root:
    ("uk", "needs/x/") for "uk/needs/x/" or "uk/needs/x/index.html"."""
    first = relative.split("/", 1)[0]
    language = first if first in LANGUAGES[1:] else LANGUAGES[0]
    return language, relative.removeprefix(prefix(language)).removesuffix("index.html")


def link(language: str, path: str = "") -> str:
    """A link as the local build writes it (SITEURL is empty: root-relative)."""
    return f"/{prefix(language)}{path}"


def page(root: Path, language: str, path: str = "") -> BeautifulSoup:
    file = root / prefix(language) / path / "index.html"
    assert file.is_file(), f"no page {link(language, path)}"
    return parse(file)


def target_of(root: Path, base: str, page_url: str, url: str) -> tuple[Path, str] | None:
    """The output file and #fragment a link leads to, or None when it leaves the site at
    `base` (another host, another path on the host, mailto:, tel:)."""
    parts = urlsplit(urljoin(page_url, url))
    site = urlsplit(base + "/")
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None
    if not parts.path.startswith(site.path):
        return None
    relative = unquote(parts.path.removeprefix(site.path))
    target = root / relative
    if relative == "" or relative.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def local_file(root: Path, href: str) -> Path:
    """The file behind a root-relative link of a local build."""
    target = target_of(root, PUBLIC_URL, PUBLIC_URL + "/", href)
    assert target is not None, f"{href} leaves the site"
    return target[0]


def page_url(root: Path, file: Path, base: str) -> str:
    return f"{base}/{file.relative_to(root).as_posix()}"


def url_attributes(soup: BeautifulSoup) -> Iterator[tuple[Tag, str, str]]:
    """(element, attribute, value) of every attribute that holds an address."""
    for element in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str):
                yield element, attribute, value


def is_contact(url: str) -> bool:
    return urlsplit(url.strip()).scheme in ("mailto", "tel")


def ids(file: Path) -> set[str]:
    return {element["id"] for element in parse(file).find_all(id=True)}


def broken_links(root: Path, base: str) -> list[str]:
    """Every address in the output that should lead to a page of the site and does not:
    missing files (a directory URL means its index.html) and missing #fragment ids."""
    broken = []
    for file in html_files(root):
        url = page_url(root, file, base)
        for _, attribute, value in url_attributes(parse(file)):
            target = None if is_contact(value) else target_of(root, base, url, value)
            if target is None:
                continue
            path, fragment = target
            where = f"{file.relative_to(root)}: {attribute}={value!r}"
            if not path.is_file():
                broken.append(f"{where}: no such page")
            elif fragment and fragment not in ids(path):
                broken.append(f"{where}: no id {fragment!r} there")
    return broken


def foreign_assets(root: Path, base: str) -> list[str]:
    """Scripts, styles, images and frames loaded from anywhere but the site itself."""
    foreign = []
    for file in html_files(root):
        url = page_url(root, file, base)
        for element, attribute, value in url_attributes(parse(file)):
            if element.name in ASSET_TAGS and target_of(root, base, url, value) is None:
                foreign.append(f"{file.relative_to(root)}: <{element.name} {attribute}={value!r}>")
    return foreign


def record_ids(scope: Tag, folder: str) -> list[str]:
    """Ids of the records linked inside scope from a folder: "needs", "cities", "needs|offers"."""
    pattern = re.compile(rf"/(?:{folder})/([a-z0-9-]+)/$")
    found = (pattern.search(a["href"]) for a in scope.find_all("a", href=True))
    return [match.group(1) for match in found if match]


def section(soup: BeautifulSoup, heading_id: str) -> Tag | None:
    return soup.find("section", attrs={"aria-labelledby": heading_id})


def card_dates(scope: Tag) -> list[tuple[str, str]]:
    """(record id, posted) of each card, in page order."""
    return [
        (record_ids(card.select_one(".card-title"), "needs|offers")[0], card.time["datetime"])
        for card in scope.select("li.card")
    ]


def listing(root: Path, href: str) -> list[list[tuple[str, str]]]:
    """The cards of a listing, one list per page, following its rel="next" links."""
    pages: list[list[tuple[str, str]]] = []
    seen: set[str] = set()
    while href:
        assert href not in seen, f"pagination loops back to {href}"
        seen.add(href)
        soup = parse(local_file(root, href))
        pages.append(card_dates(soup.main))
        following = soup.select_one('a[rel~="next"]')
        href = following["href"] if following else None
    return pages


def json_ld(soup: BeautifulSoup) -> list[Any]:
    blocks = soup.find_all("script", type="application/ld+json")
    for block in blocks:
        assert "</" not in block.string, "a JSON-LD block could end its <script> early"
    return [json.loads(block.string) for block in blocks]


def indexed(soup: BeautifulSoup) -> bool:
    """False for a page that asks search engines to leave it out (an embed): it is not in the
    sitemap and needs no canonical address, alternates or language switch."""
    return soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is None


def gzipped_size(*files: Path) -> int:
    return sum(len(gzip.compress(file.read_bytes(), compresslevel=9)) for file in files)


def text_of(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


def written_text(tag: Tag | None) -> str:
    """A text as written, without the note that says its language ("in English")."""
    assert tag is not None
    copy = BeautifulSoup(str(tag), "html.parser")
    for note in copy.select(".lang-note"):
        note.decompose()
    return text_of(copy)


# -- the records ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    result = validate_content(ROOT / "content", TODAY)
    assert not result.errors, result.summary()
    return result.dataset


def newest_first(dates: list[str]) -> bool:
    return dates == sorted(dates, reverse=True)


def facet_values(record: Listing, name: str, ds: Dataset) -> set[str]:
    if name == "sector":
        return set(record.sectors)
    if name == "country":
        return {ds.cities[record.city].country.lower()}
    return {getattr(record, name)}


def language_names(codes: tuple[str, ...], language: str) -> list[str]:
    return [Locale.parse(language).languages[code] for code in codes]


def whole(number: float) -> str:
    """A quantity as digits, whatever separators the page groups thousands with."""
    return str(int(number)) if number == int(number) else f"{number:g}"


def copy_content(tmp_path: Path, source: Path = FIXTURES / "base") -> Path:
    """A writable dataset: records from source, the Markdown pages of the example site."""
    root = tmp_path / "content"
    shutil.copytree(source, root)
    shutil.copytree(ROOT / "content" / "pages", root / "pages", dirs_exist_ok=True)
    return root


def edit(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    write(path, data)


class Writer(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # records are written out in full: the loader refuses anchors


def write(path: Path, data: dict) -> None:
    text = yaml.dump(data, Dumper=Writer, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def build_valid(content: Path, output: Path, **options: Any) -> Path:
    result = validate_content(content, TODAY)
    assert not result.errors, "\n".join(map(str, result.errors))
    build_site(output, content=content, **options)
    return output


# -- 1. each page type ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_counts_links_and_newest_needs(site: Path, dataset: Dataset, language: str) -> None:
    soup = page(site, language)
    assert text_of(soup.h1)
    needs, offers = dataset.needs.values(), dataset.offers.values()
    open_needs = [n for n in needs if n.is_open]
    stats = {a["href"]: int(a.strong.get_text()) for a in soup.select("ul.stats li > a")}
    assert stats[link(language, "needs/")] == len(open_needs)
    assert stats[link(language, "offers/")] == sum(o.status == "available" for o in offers)
    assert stats[link(language, "cities/")] == len(dataset.cities)

    newest = card_dates(section(soup, "newest-needs"))
    assert newest, "the home page lists no newest needs"
    assert all(dataset.needs[need_id].is_open for need_id, _ in newest)
    assert newest_first([posted for _, posted in newest])
    oldest_shown = newest[-1][1]
    shown = {need_id for need_id, _ in newest}
    left_out = [n.id for n in open_needs if n.posted.isoformat() > oldest_shown]
    assert set(left_out) <= shown, f"newer open needs left out: {set(left_out) - shown}"


@pytest.mark.parametrize("kind", ["needs", "offers"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_listing_is_newest_first_and_paginated(
    site: Path, dataset: Dataset, language: str, kind: str
) -> None:
    pages = listing(site, link(language, f"{kind}/"))
    cards = [card for chunk in pages for card in chunk]
    shown = [record_id for record_id, _ in cards]
    open_records = [r.id for r in getattr(dataset, kind).values() if r.is_open]
    assert sorted(shown) == sorted(open_records), "every open record exactly once"
    assert newest_first([posted for _, posted in cards])
    assert len(pages) == max(1, -(-len(shown) // PAGE_SIZE))
    assert all(len(chunk) == PAGE_SIZE for chunk in pages[:-1])
    if len(pages) > 1:
        second = page(site, language, f"{kind}/page/2/")
        assert second.select_one('a[rel~="prev"]')["href"] == link(language, f"{kind}/")


@pytest.mark.parametrize("kind", ["needs", "offers"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_listing_filters_list_only_matching_records(
    site: Path, dataset: Dataset, language: str, kind: str
) -> None:
    records = getattr(dataset, kind).values()
    pattern = re.compile(rf"^{link(language, kind)}/(?P<name>[a-z]+)/(?P<value>[a-z0-9-]+)/$")
    filters = page(site, language, f"{kind}/").select("nav.filters a[href]")
    assert filters, f"/{kind}/ has no filter links"
    chosen: dict[str, set[str]] = {name: set() for name in FACETS[kind]}
    wrong = []
    for anchor in filters:
        match = pattern.match(anchor["href"])
        assert match, f"unexpected filter link {anchor['href']}"
        name, value = match["name"], match["value"]
        chosen[name].add(value)
        expected = {
            r.id
            for r in records
            if value in facet_values(r, name, dataset) and (name == "status" or r.is_open)
        }
        shown = [card for chunk in listing(site, anchor["href"]) for card in chunk]
        if sorted(record_id for record_id, _ in shown) != sorted(expected):
            wrong.append(anchor["href"])
        assert newest_first([posted for _, posted in shown]), anchor["href"]
    assert wrong == [], "filtered pages listing other records than the filter's"
    for name in FACETS[kind]:  # a list shows open records, or every record of a status
        shown_by = [r for r in records if name == "status" or r.is_open]
        values = {v for r in shown_by for v in facet_values(r, name, dataset)}
        assert chosen[name] == values, f"filter links for {name}"


def check_record_page(
    soup: BeautifulSoup, record: Listing, language: str, kind: str, pledges: tuple = ()
) -> None:
    """What need and offer pages share: title, badges, items, dates, contact, JSON-LD; a need's
    items are counted with its pledges (still needed, pledged, received)."""
    where = f"{language}: {record.id}"
    title = record.title.best(language)[1]
    assert written_text(soup.h1) == title, where
    badges = soup.select_one("article.record > p > span.badges")
    status = badges.select_one(f".badge-status.badge-status-{record.status}")
    assert status is not None and text_of(status), f"{where}: status badge"
    assert (badges.select_one(".badge-example") is not None) == record.example, where

    city = soup.select_one(".record-city")
    assert record_ids(city, "cities") == [record.city], f"{where}: link to the city"

    rows = soup.select("table.items tbody tr")
    assert len(rows) == len(record.items), f"{where}: item rows"
    tallies = count_items(record, pledges) if isinstance(record, Need) else ()
    for index, (row, item) in enumerate(zip(rows, record.items, strict=True)):
        cells = ["".join(written_text(cell).split()) for cell in row.find_all("td")]
        assert cells[0] == "".join(item.name.best(language)[1].split()), where
        unit = "".join(enum_label("unit", item.unit, language).split())
        assert cells[1] == whole(item.quantity) + unit, f"{where}: quantity of {cells[0]}"
        if tallies:
            tally = tallies[index]
            counts = [whole(tally.still_needed), whole(tally.pledged), whole(tally.received)]
            assert cells[2:] == counts, f"{where}: still needed, pledged, received of {cells[0]}"

    times = [t["datetime"] for t in section(soup, "details-heading").find_all("time")]
    dates = [record.posted, record.updated, record.review_by]
    assert times == [day.isoformat() for day in dates if day], f"{where}: posted/updated/review"

    contact = soup.select_one("section.contact")
    assert contact.find("a", href=f"mailto:{record.contact.email}"), f"{where}: e-mail link"
    if record.contact.phone:
        assert contact.find("a", href=f"tel:{record.contact.phone}"), f"{where}: phone link"
    for name in language_names(record.contact.languages, language):
        assert name in text_of(contact), f"{where}: contact answers in {name}"

    (data,) = json_ld(soup)
    assert data["@type"] == kind, where
    assert data["name"] == title, where
    assert data["url"] == soup.find("link", rel="canonical")["href"], where


@pytest.mark.parametrize("language", LANGUAGES)
def test_need_pages(site: Path, dataset: Dataset, language: str) -> None:
    assert any(n.matched_with for n in dataset.needs.values()), "no need with matched_with"
    for need in dataset.needs.values():
        soup = page(site, language, f"needs/{need.id}/")
        pledges = tuple(p for p in dataset.pledges.values() if p.need == need.id)
        check_record_page(soup, need, language, "Demand", pledges)
        urgency = soup.select_one("article.record > p > span.badges .badge-urgency")
        if need.is_open:
            assert urgency is not None, f"{need.id}: urgency badge"
            assert f"badge-urgency-{need.urgency}" in urgency["class"], need.id
        matched = section(soup, "matched-heading")
        shown = record_ids(matched, "offers") if matched else []
        assert sorted(shown) == sorted(need.matched_with), f"{need.id}: matched offers"


@pytest.mark.parametrize("language", LANGUAGES)
def test_offer_pages_link_back_to_the_needs_they_answered(
    site: Path, dataset: Dataset, language: str
) -> None:
    for offer in dataset.offers.values():
        soup = page(site, language, f"offers/{offer.id}/")
        check_record_page(soup, offer, language, "Offer")
        answered = section(soup, "answered-heading")
        shown = record_ids(answered, "needs") if answered else []
        expected = [n.id for n in dataset.needs.values() if offer.id in n.matched_with]
        assert sorted(shown) == sorted(expected), f"{offer.id}: needs it answered"


@pytest.mark.parametrize("language", LANGUAGES)
def test_cities_by_country_then_region(site: Path, dataset: Dataset, language: str) -> None:
    """/cities/ counts each country's cities (a small page at any size); a country's page
    lists them by region, every city once."""
    rows = page(site, language, "cities/").select("table.countries tbody tr")
    countries = sorted({c.country for c in dataset.cities.values()})
    assert sorted(record_ids(row, "countries")[0] for row in rows) == [c.lower() for c in countries]
    linked: list[str] = []
    for row in rows:
        country = record_ids(row, "countries")[0].upper()
        cities = [c for c in dataset.cities.values() if c.country == country]
        assert row.td.get_text() == str(len(cities)), country
        group = section(page(site, language, f"countries/{country.lower()}/"), "cities-heading")
        regions = []
        for city_list in group.select("ul.city-list"):
            assert city_list.find_previous_sibling("h3"), f"{country}: region heading"
            listed = [dataset.cities[city_id] for city_id in record_ids(city_list, "cities")]
            assert {c.country for c in listed} == {country}
            assert len({c.region for c in listed}) == 1, f"{country}: one region per list"
            regions.append(listed[0].region)
            linked += [c.id for c in listed]
        assert len(regions) == len(set(regions)), f"{country}: a region listed twice"
    assert sorted(linked) == sorted(dataset.cities), "every city linked once"


def check_group(soup: BeautifulSoup, needs: list[Need], offers: list[Offer], where: str) -> None:
    """A page that lists needs and offers in sections (city, sector and country pages)."""
    for heading, folder, records in (
        ("needs-heading", "needs", needs),
        ("offers-heading", "offers", offers),
    ):
        shown = card_dates(section(soup, heading))
        assert sorted(i for i, _ in shown) == sorted(r.id for r in records), f"{where}: {folder}"
        assert newest_first([posted for _, posted in shown]), f"{where}: {folder} order"


@pytest.mark.parametrize("language", LANGUAGES)
def test_city_pages(site: Path, dataset: Dataset, language: str) -> None:
    for city in dataset.cities.values():
        soup = page(site, language, f"cities/{city.id}/")
        assert text_of(soup.h1) == city.name.best(language)[1]
        check_group(soup, *of_cities(dataset, [city]), city.id)
        partnerships = section(soup, "partnerships-heading")
        shown = record_ids(partnerships, "partnerships") if partnerships else []
        its_own = [p for p in dataset.partnerships.values() if city.id in p.cities]
        newest = sorted(its_own, key=lambda p: (-p.since.toordinal(), p.id))
        assert shown == [p.id for p in newest], f"{city.id}: partnerships"
        contact = soup.select_one("section.contact")
        assert contact.find("a", href=f"mailto:{city.contact.email}"), city.id


def of_cities(dataset: Dataset, cities: list[City]) -> tuple[list[Need], list[Offer]]:
    ids_ = {c.id for c in cities}
    return (
        [n for n in dataset.needs.values() if n.city in ids_],
        [o for o in dataset.offers.values() if o.city in ids_],
    )


def check_newest_open(soup: BeautifulSoup, ds: Dataset, chosen: Callable, facet: str) -> None:
    """A sector's or country's page: the ten newest open needs and offers, and a link to the
    list of all the open ones (the facet's page), saying how many."""
    for folder, records in (("needs", ds.needs), ("offers", ds.offers)):
        open_ = sorted(
            (r for r in records.values() if r.is_open and chosen(r)),
            key=lambda r: (-r.posted.toordinal(), r.id),
        )
        shown = section(soup, f"{folder}-heading")
        assert [i for i, _ in card_dates(shown)] == [r.id for r in open_[:10]], facet
        link_to_all = shown.find("a", href=re.compile(rf"/{folder}/{facet}$"))
        if open_:
            assert str(len(open_)) in link_to_all.get_text(), facet
        else:
            assert link_to_all is None, facet


@pytest.mark.parametrize("language", LANGUAGES)
def test_sector_and_country_pages(site: Path, dataset: Dataset, language: str) -> None:
    for slug in load_schemas().defs()["sector"]["enum"]:
        soup = page(site, language, f"sectors/{slug}/")
        check_newest_open(soup, dataset, lambda r, s=slug: s in r.sectors, f"sector/{slug}/")
    for code in {c.country for c in dataset.cities.values()}:
        soup = page(site, language, f"countries/{code.lower()}/")
        in_country = lambda r, c=code: dataset.cities[r.city].country == c  # noqa: E731
        check_newest_open(soup, dataset, in_country, f"country/{code.lower()}/")


@pytest.mark.parametrize("name", STATIC_PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_static_pages(site: Path, language: str, name: str) -> None:
    soup = page(site, language, f"{name}/")
    source = ROOT / "content" / "pages" / f"{name}.{language}.md"
    title = re.search(r"^Title:\s*(.+)$", source.read_text(encoding="utf-8"), re.M)[1]
    assert text_of(soup.h1) == title.strip()
    assert soup.main.find("p"), f"{name}: the page has no text"


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page(site: Path, language: str) -> None:
    soup = parse(site / prefix(language) / "404.html")
    assert soup.html["lang"] == language
    assert text_of(soup.h1)
    hrefs = {a["href"] for a in soup.main.find_all("a", href=True)}
    assert {link(language, "needs/"), link(language, "cities/")} <= hrefs
    # A host serves the root 404.html for /uk/... too: each page says it in every language.
    for other in LANGUAGES:
        version = soup.main.find("section", lang=other)
        assert version is not None and version.find("a", href=link(other, "needs/")), other
    # Served at any missing address: a relative link would resolve against that address.
    relative = [v for _, _, v in url_attributes(soup) if not urlsplit(v).scheme]
    assert [v for v in relative if not v.startswith(("/", "#"))] == []


def test_sitemap_lists_every_page_in_both_languages(site: Path, dataset: Dataset) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(site / "sitemap.xml")
    locations = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    assert len(locations) == len(set(locations)), "a URL listed twice"
    assert all(urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc for u in locations)
    pages = {
        f"{PUBLIC_URL}/{file.relative_to(site).as_posix().removesuffix('index.html')}"
        for file in html_files(site)
        if file.name == "index.html" and indexed(parse(file))
    }
    assert set(locations) == pages
    paths: dict[str, set[str]] = {language: set() for language in LANGUAGES}
    for location in locations:
        language, path = split(location.removeprefix(f"{PUBLIC_URL}/"))
        paths[language].add(path)
    assert all(paths[language] == paths["en"] for language in LANGUAGES), "one language only"
    for language in LANGUAGES:
        for need in dataset.needs.values():
            assert f"{PUBLIC_URL}{link(language, f'needs/{need.id}/')}" in locations


def test_robots_txt_points_at_the_sitemap(site: Path) -> None:
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    sitemaps = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Sitemap:")]
    assert sitemaps == [f"{PUBLIC_URL}/sitemap.xml"]


# -- 2. languages -------------------------------------------------------------------------------


def test_every_page_declares_its_language_and_links_to_the_other(site: Path) -> None:
    problems = []
    for file in html_files(site):
        soup = parse(file)
        language, path = split(file.relative_to(site).as_posix())
        where = file.relative_to(site).as_posix()
        if soup.html.get("lang") != language:
            problems.append(f"{where}: <html lang={soup.html.get('lang')!r}>")
        if not indexed(soup):
            continue
        canonical = soup.find("link", rel="canonical")["href"]
        og_url = soup.find("meta", property="og:url")["content"]
        if not urlsplit(canonical).netloc or og_url != canonical:
            problems.append(f"{where}: canonical {canonical!r}, og:url {og_url!r}")
        alternates = {
            element["hreflang"]: element["href"]
            for element in soup.find_all("link", rel="alternate", hreflang=True)
        }
        if sorted(alternates) != sorted(LANGUAGES):
            problems.append(f"{where}: hreflang alternates {sorted(alternates)}")
        switches = {a["hreflang"] for a in soup.select("nav.languages a[hreflang]")}
        if switches != set(LANGUAGES) - {language}:
            problems.append(f"{where}: language switch to {sorted(switches)}")
        if file.name == "404.html":
            continue  # shown at any missing address: no twin path to switch to
        if canonical != f"{PUBLIC_URL}{link(language, path)}":
            problems.append(f"{where}: canonical {canonical!r}")
        for other in LANGUAGES:
            twin = f"{PUBLIC_URL}{link(other, path)}"
            if alternates.get(other) != twin:
                problems.append(f"{where}: alternate {other} {alternates.get(other)!r}")
            if other == language:
                continue
            switch = soup.select_one(f"nav.languages a[hreflang={other}]")
            if switch["href"] != link(other, path):
                problems.append(f"{where}: language switch to {switch['href']!r}")
            elif not local_file(site, switch["href"]).is_file():
                problems.append(f"{where}: language switch to a missing page")
    assert problems == []


@pytest.fixture(scope="module")
def variant_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base dataset with some text written in one language only."""
    content = copy_content(tmp_path_factory.mktemp("variant"))

    def english_title(need: dict) -> None:
        need["title"] = {"en": need["title"]["en"]}

    def ukrainian_description(offer: dict) -> None:
        offer["description"] = {"uk": offer["description"]["uk"]}

    edit(content / "needs" / "ua-sumy-generators.yaml", english_title)
    edit(content / "offers" / "ua-sumy-rescue-training.yaml", ukrainian_description)
    return content


@pytest.fixture(scope="module")
def variant_site(variant_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_valid(variant_content, tmp_path_factory.mktemp("variant-site"))


def assert_marked(element: Tag | None, language: str) -> None:
    """Text in another language than the page's: lang= on it, and a visible note after it."""
    assert element is not None
    assert element.get("lang") == language, element
    note = element.find_next_sibling(class_="lang-note")
    assert note is not None and text_of(note), f"no language note after {element}"


def test_text_in_another_language_is_marked(variant_site: Path) -> None:
    title = "Generators for Sumy hospitals"
    need = page(variant_site, "uk", "needs/ua-sumy-generators/")
    assert need.html["lang"] == "uk"
    assert_marked(need.h1.find(string=title).parent, "en")
    card = page(variant_site, "uk", "needs/").select_one("li.card .card-title")
    assert_marked(card.find(string=title).parent, "en")
    # The contact of the Lublin offer is named in English and Polish, not in Ukrainian.
    offer = page(variant_site, "uk", "offers/pl-lublin-water-pumps/")
    assert_marked(offer.select_one("section.contact dd [lang]"), "en")
    # And the other way round: Ukrainian text on an English page.
    rescue = page(variant_site, "en", "offers/ua-sumy-rescue-training/")
    assert_marked(rescue.select_one(".prose"), "uk")
    # Text in the page's own language carries neither.
    english = page(variant_site, "en", "needs/ua-sumy-generators/")
    assert english.h1.find(lang=True) is None
    assert english.h1.find_next_sibling(class_="lang-note") is None
    assert english.h1.find(class_="lang-note") is None


# -- 4. links -----------------------------------------------------------------------------------


def test_every_internal_link_resolves(site: Path) -> None:
    broken = broken_links(site, PUBLIC_URL)
    assert broken == [], f"{len(broken)} broken links:\n" + "\n".join(broken)


def test_external_addresses_only_in_record_content(site: Path) -> None:
    assert foreign_assets(site, PUBLIC_URL) == []
    outside_main = []
    for file in html_files(site):
        url = page_url(site, file, PUBLIC_URL)
        for element, _, value in url_attributes(parse(file)):
            leaves = target_of(site, PUBLIC_URL, url, value) is None
            if element.name == "a" and leaves and element.find_parent("main") is None:
                outside_main.append(f"{file.relative_to(site)}: {value}")
    assert outside_main == []


# -- 5. hostile input ---------------------------------------------------------------------------

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
    "{{ 7*7 }} {% raw %}",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://x.y/></iframe>",
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
)
URLS = (
    'https://x.y/"><script>alert(1)</script>',
    "https://x.y/'onmouseover='alert(1)",
    'https://x.y/"onmouseover="alert(1)',
)
EMAILS = ('x"onmouseover="alert(1)@x.yz', "'><script>alert(1)</script>@x.yz")
MARKDOWN = "\n\n".join(
    (
        *PAYLOADS,
        "[click](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)",
        '<javascript:alert(1)> [quote](https://x.y/"onmouseover="alert(1))',
        "[a safe link](https://example.org/help) and <https://example.org/auto>",
        "<div onclick=alert(1)>*block*</div>\n\n<style>body{display:none}</style>",
        "- <object data=x></object>\n- <embed src=x>\n- <math><mi>x</mi></math>",
    )
)
FORBIDDEN_ELEMENTS = ("iframe", "svg", "img", "object", "embed", "math", "style", "form")


def attack(index: int) -> dict[str, Any]:
    """Localized text, links, contact: every free-text field of a record, with a payload."""
    payload = PAYLOADS[index]
    return {
        "text": {"en": payload, "uk": payload},
        "markdown": {"en": MARKDOWN, "uk": MARKDOWN},
        "url": URLS[index % len(URLS)],
        "contact": {
            "organisation": {"en": payload, "uk": payload},
            "role": {"en": payload},
            "email": EMAILS[index % len(EMAILS)],
            "languages": ["uk", "en"],
        },
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base dataset plus, for each payload, a city, a need and an offer full of it."""
    content = copy_content(tmp_path_factory.mktemp("hostile"))
    city = yaml.safe_load((content / "cities" / "ua-sumy.yaml").read_text(encoding="utf-8"))
    need = yaml.safe_load(
        (content / "needs" / "ua-sumy-generators.yaml").read_text(encoding="utf-8")
    )
    offer = yaml.safe_load(
        (content / "offers" / "pl-lublin-water-pumps.yaml").read_text(encoding="utf-8")
    )
    for index in range(len(PAYLOADS)):
        a = attack(index)
        city_id = f"ua-attack{index}"
        links = [{"title": a["text"], "url": a["url"]}]
        items = [{**need["items"][0], "name": a["text"]}]
        write(
            content / "cities" / f"{city_id}.yaml",
            {
                **city,
                "name": a["text"],
                "contact": a["contact"],
                "website": a["url"],
                "about": a["markdown"],
                "seeking_partnership": {
                    "priorities": ["energy"],
                    "priority_project": {"title": a["text"], "description": a["text"]},
                },
            },
        )
        write(
            content / "partnerships" / f"{city_id}-pl-lublin.yaml",
            {
                "cities": [city_id, "pl-lublin"],
                "kind": "project",
                "status": "active",
                "since": "2025-01-01",
                "sectors": ["energy"],
                "about": a["markdown"],
                "projects": [{"title": a["text"], "status": "running"}],
                "contacts": [
                    {"city": city_id, "organisation": a["text"], "email": a["contact"]["email"]},
                    {
                        "city": "pl-lublin",
                        "organisation": {"en": "Office"},
                        "email": "international@lublin-city.example",
                    },
                ],
                "links": links,
            },
        )
        write(
            content / "offers" / f"{city_id}-offer.yaml",
            {
                **offer,
                "city": city_id,
                "title": a["text"],
                "description": a["markdown"],
                "items": [{**offer["items"][0], "name": a["text"]}],
                "conditions": a["text"],
                "contact": a["contact"],
                "links": links,
            },
        )
        write(
            content / "needs" / f"{city_id}-need.yaml",
            {
                **need,
                "city": city_id,
                "title": a["text"],
                "description": a["markdown"],
                "items": items,
                "logistics": a["text"],
                "contact": a["contact"],
                "links": links,
                "matched_with": [f"ua-attack{(index + 1) % len(PAYLOADS)}-offer"],
            },
        )
    return build_valid(content, tmp_path_factory.mktemp("hostile-site"))


def test_hostile_input_stays_text(hostile_site: Path) -> None:
    problems = []
    for file in html_files(hostile_site):
        where = file.relative_to(hostile_site).as_posix()
        soup = parse(file)
        for script in soup.find_all("script"):
            # Only data (JSON-LD) and the site's own script files, never inline code.
            own = (
                re.match(r"/(uk/)?pagefind/|/theme/js/", script.get("src", "")) and not script.text
            )
            # The submit and search pages' settings for their scripts: data, like JSON-LD.
            data = script.get("type") == "application/json" and script.get("id") in (
                "submit-config",
                "search-config",
            )
            if script.get("type") != "application/ld+json" and not own and not data:
                problems.append(f"{where}: {script}")
        try:
            json_ld(soup)
        except (AssertionError, ValueError) as error:
            problems.append(f"{where}: JSON-LD: {error}")
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            if handlers:
                problems.append(f"{where}: <{element.name} {' '.join(handlers)}>")
        for element, attribute, value in url_attributes(soup):
            scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower().split(":", 1)[0]
            if scheme in ("javascript", "data", "vbscript"):
                problems.append(f"{where}: <{element.name} {attribute}={value!r}>")
        for element in soup.find_all(FORBIDDEN_ELEMENTS):
            ours = element.get("role") == "search" or "record-form" in element.get("class", [])
            # The site's own drawings: the map of the cities, its points named as text; the
            # bars beside the numbers of /stats/ (hidden from screen readers: the numbers are read).
            # And the bars of a need's items: received, pledged, still needed.
            drawing = element.name == "svg" and (
                element.find_parent("figure", class_="city-map")
                or element.find_parent("table", class_=["stats-table", "items"])
                or element.find_parent("p", class_="progress-legend")
            )
            if not (element.name == "form" and ours) and not drawing:  # search, /submit/, map
                problems.append(f"{where}: <{element.name}>")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_hostile_input_is_shown_as_written(hostile_site: Path, language: str, index: int) -> None:
    payload = PAYLOADS[index]
    need = page(hostile_site, language, f"needs/ua-attack{index}-need/")
    assert need.h1.get_text() == payload
    assert need.title.get_text().startswith(payload)
    (data,) = json_ld(need)
    assert data["name"] == payload
    assert data["buyer"]["name"] == payload
    email = attack(index)["contact"]["email"]
    assert need.select_one("section.contact").find("a", href=f"mailto:{email}")
    city = page(hostile_site, language, f"cities/ua-attack{index}/")
    assert city.h1.get_text() == payload
    assert city.find("a", href=attack(index)["url"])
    partnership = page(hostile_site, language, f"partnerships/ua-attack{index}-pl-lublin/")
    assert payload in [cell.get_text() for cell in partnership.select("main td")]


def test_links_in_descriptions_are_marked_untrusted(hostile_site: Path) -> None:
    soup = page(hostile_site, "en", "needs/ua-attack0-need/")
    anchors = soup.select(".prose a")
    assert "https://example.org/help" in [a.get("href") for a in anchors]
    for anchor in anchors:
        assert set(anchor.get("rel", [])) == {"nofollow", "noopener", "ugc"}, anchor


# -- 6-8. builds --------------------------------------------------------------------------------


def test_builds_are_reproducible(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(again)
    assert_same_site(site, again)


def test_sub_path_hosting(variant_content: Path, tmp_path: Path) -> None:
    output = build_valid(
        variant_content,
        tmp_path / "out",
        settings="publishconf.py",
        environment={"SITEURL": SUBPATH_URL},
    )
    host = urlsplit(SUBPATH_URL).netloc
    escaping = []
    for file in html_files(output):
        url = page_url(output, file, SUBPATH_URL)
        for element, attribute, value in url_attributes(parse(file)):
            absolute = urljoin(url, value)
            if is_contact(value) or urlsplit(absolute).netloc != host:
                continue  # another site
            relative = not urlsplit(value).scheme and not value.startswith("/")
            written = absolute if relative else value
            if written.startswith(SUBPATH_URL + "/"):
                continue
            escaping.append(f"{file.relative_to(output)}: <{element.name} {attribute}={value!r}>")
    assert escaping == [], "links outside the sub-path:\n" + "\n".join(escaping)
    stylesheet = parse(output / "index.html").find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith(SUBPATH_URL + "/theme/")
    broken = broken_links(output, SUBPATH_URL)
    assert broken == [], "\n".join(broken)
    assert foreign_assets(output, SUBPATH_URL) == []


def test_pages_stay_light(site: Path) -> None:
    heavy = [
        f"{file.relative_to(site)}: {size} bytes gzipped"
        for folder in ("needs", "offers", "cities")
        for language in LANGUAGES
        for file in sorted((site / prefix(language) / folder).glob("*/index.html"))
        if file.parent.name != "print"  # the print view of a list: every open need in full
        and (size := gzipped_size(file)) > GZIP_BUDGET
    ]
    assert heavy == []
    stylesheets = sorted((site / "theme").rglob("*.css"))
    assert stylesheets
    assert gzipped_size(*stylesheets) <= GZIP_BUDGET
