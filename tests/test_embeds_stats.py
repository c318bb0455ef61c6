"""Embeds (/cities/<id>/embed/ and .../embed/offers/, cities4cities.site.pages.embeds) and /stats/
(cities4cities.site.pages.stats): what they list against the records, how they behave inside another
site's <iframe>, and their accessibility in Chromium."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, TODAY
from playwright.sync_api import Page
from test_browser import _violation_report

from cities4cities import names
from cities4cities.facts import Tally, statistics
from cities4cities.records import Dataset, Listing
from cities4cities.validation import validate_content
from pelicanconf import PUBLIC_URL

LANGUAGES = ("en", "uk")
SHOWN = {"needs": {"open", "in-progress"}, "offers": {"available"}}  # still looking for an answer
EMBED_PATHS = {"needs": "embed/", "offers": "embed/offers/"}
URGENCY = ("critical", "high", "medium", "low")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    result = validate_content(ROOT / "content", TODAY)
    assert not result.errors, result.summary()
    return result.dataset


def prefix(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


@cache
def parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def read(site: Path, language: str, path: str) -> BeautifulSoup:
    file = site / prefix(language) / path / "index.html"
    assert file.is_file(), f"no page /{prefix(language)}{path}"
    return parse(file)


def listed(dataset: Dataset, kind: str, city: str) -> list[Listing]:
    return [r for r in getattr(dataset, kind).values() if r.city == city]


# -- embeds -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["needs", "offers"])
def test_each_city_embeds_exactly_its_open_records(
    site: Path, dataset: Dataset, language: str, kind: str
) -> None:
    for city in dataset.cities.values():
        path = f"cities/{city.id}/{EMBED_PATHS[kind]}"
        soup = read(site, language, path)
        links = soup.select("main li a[href]")
        shown = [a["href"].removeprefix(f"/{prefix(language)}{kind}/").strip("/") for a in links]
        expected = {r.id for r in listed(dataset, kind, city.id) if r.status in SHOWN[kind]}
        assert sorted(shown) == sorted(expected), path
        for a in links:
            assert a["target"] == "_top", f"{path}: a link opens inside the frame"
            assert (site / a["href"].lstrip("/") / "index.html").is_file(), a["href"]
        if kind == "needs":  # the most urgent first
            ranks = [URGENCY.index(dataset.needs[i].urgency) for i in shown]
            assert ranks == sorted(ranks), path
        if not expected:
            assert soup.select_one("main .empty"), f"{path}: no word that the list is empty"


@pytest.mark.parametrize("language", LANGUAGES)
def test_embeds_are_bare_noindex_pages_in_the_readers_language(
    site: Path, dataset: Dataset, language: str
) -> None:
    city = dataset.cities["ua-chernihiv"]
    name = city.name.best(language)[1]
    for path in EMBED_PATHS.values():
        soup = read(site, language, f"cities/{city.id}/{path}")
        assert soup.html["lang"] == language
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert name in soup.title.string and name in soup.h1.get_text()
        assert soup.title.string.endswith(" · cities4cities")
        assert not soup.select("header, nav, .site-footer, script, iframe")
        styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        assert styles == ["/theme/css/embed.css"]
        home = soup.select_one("footer a[target=_top]")
        assert home["href"] == f"/{prefix(language)}cities/{city.id}/"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/embed/" not in sitemap


@pytest.mark.parametrize("language", LANGUAGES)
def test_city_pages_offer_the_snippet_with_the_absolute_embed_address(
    site: Path, dataset: Dataset, language: str
) -> None:
    for city in dataset.cities.values():
        soup = read(site, language, f"cities/{city.id}/")
        snippets = {}
        for code in soup.select("main pre code"):
            frame = BeautifulSoup(code.get_text(), "html.parser").iframe
            snippets[frame["src"]] = frame
        expected = {
            f"{PUBLIC_URL}/{prefix(language)}cities/{city.id}/{EMBED_PATHS[kind]}"
            for kind in EMBED_PATHS
            if listed(dataset, kind, city.id)
        }
        assert set(snippets) == expected, city.id
        for frame in snippets.values():
            assert frame["loading"] == "lazy"
            assert int(frame["width"]) > 0 and int(frame["height"]) > 0
            assert city.name.best(language)[1] in frame["title"]
    chernihiv = read(site, "en", "cities/ua-chernihiv/")
    assert any(h2.get_text() == "Show these needs on your website" for h2 in chernihiv("h2"))


# -- /stats/ ------------------------------------------------------------------------------------


def table_rows(table: Tag) -> dict[str, tuple[str, ...]]:
    """Row name -> the numbers of the row, as shown."""
    return {
        tr.th.get_text(strip=True): tuple(td.get_text(strip=True) for td in tr("td"))
        for tr in table.tbody("tr")
    }


def tables(site: Path, language: str) -> dict[str, dict[str, tuple[str, ...]]]:
    soup = read(site, language, "stats/")
    found = {t.caption.get_text(strip=True): table_rows(t) for t in soup.select("main table")}
    assert len(found) == len(soup.select("main table")), "two tables with the same caption"
    return found


def tally_row(tally: Tally) -> tuple[str, ...]:
    days = "—" if tally.median_days is None else f"{tally.median_days:g}"
    return (str(tally.open_needs), str(tally.needs_met), str(tally.deliveries), days)


def counted(dataset: Dataset, values, labels: dict[str, str], kinds=("needs", "offers")) -> dict:
    counts = {
        kind: Counter(v for r in getattr(dataset, kind).values() for v in values(r))
        for kind in kinds
    }
    return {label: tuple(str(counts[k][value]) for k in kinds) for value, label in labels.items()}


def test_stats_numbers_are_the_datasets(site: Path, dataset: Dataset) -> None:
    shown = tables(site, "en")
    figures = statistics(dataset)
    sectors, kinds = names.enum_labels("sector"), names.enum_labels("kind")
    countries = {c.country: names.country_name(c.country, "en") for c in dataset.cities.values()}
    country_of = {city.id: city.country for city in dataset.cities.values()}
    assert shown["In all"] == {"All": tally_row(figures.total)}
    assert shown["Needs open and met, by sector"] == {
        sectors[slug]: tally_row(t) for slug, t in figures.by_sector.items()
    }
    assert shown["Needs open and met, by country of the city in need"] == {
        countries[code]: tally_row(t) for code, t in figures.by_country.items()
    }
    assert shown["Needs and offers by sector"] == counted(dataset, lambda r: r.sectors, sectors)
    assert shown["Needs and offers by kind of help"] == counted(dataset, lambda r: r.kinds, kinds)
    assert shown["Needs and offers by country of the city that published them"] == counted(
        dataset, lambda r: (country_of[r.city],), countries
    )
    assert shown["Needs by status"] == counted(
        dataset, lambda r: (r.status,), names.enum_labels("status"), ("needs",)
    )
    assert shown["Offers by status"] == counted(
        dataset, lambda r: (r.status,), names.enum_labels("offer_status"), ("offers",)
    )
    by_status = shown["Needs by status"].values()
    assert sum(int(n) for (n,) in by_status) == len(dataset.needs)


def test_stats_in_ukrainian_show_the_same_numbers(site: Path) -> None:
    english, ukrainian = tables(site, "en"), tables(site, "uk")
    assert len(english) == len(ukrainian)
    for (caption, rows), other in zip(english.items(), ukrainian.values(), strict=True):
        assert sorted(rows.values()) == sorted(other.values()), caption


@pytest.mark.parametrize("language", LANGUAGES)
def test_stats_draw_a_hidden_bar_beside_each_number(site: Path, language: str) -> None:
    soup = read(site, language, "stats/")
    assert soup.select_one("main script") is None
    for table in soup.select("main table")[1:]:  # the first, "in all", has one row: no bars
        for cell in table.select("tbody td"):
            bar = cell.find("svg")
            assert bar is not None and bar["aria-hidden"] == "true", cell
            assert 0 <= float(bar.rect["width"]) <= 100
        longest = max(float(rect["width"]) for rect in table.select("svg rect"))
        assert longest == 100, table.caption


@pytest.mark.parametrize("language", LANGUAGES)
def test_stats_linked_from_the_matches_page_and_the_footer(site: Path, language: str) -> None:
    stats = f"/{prefix(language)}stats/"
    matches = read(site, language, "matches/")
    assert matches.select_one(f"main a[href='{stats}']")
    for path in ("", "matches/", "cities/ua-chernihiv/"):
        assert read(site, language, path).select_one(f"footer a[href='{stats}']"), path


# -- in Chromium --------------------------------------------------------------------------------

BROWSER_URLS = [
    f"/{prefix(language)}{path}"
    for language in LANGUAGES
    for path in ("cities/ua-chernihiv/embed/", "cities/de-munich/embed/offers/", "stats/")
]


@pytest.mark.parametrize("url", BROWSER_URLS)
def test_embeds_and_stats_in_chromium(
    page: Page, requested: list[str], server: str, url: str
) -> None:
    page.goto(url, wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    assert not violations, _violation_report(url, violations)
    elsewhere = [u for u in requested if not u.startswith((f"{server}/", "data:"))]
    assert not elsewhere, f"{url} asked other hosts for: {elsewhere}"


def test_a_link_in_an_embedded_frame_opens_the_record_in_the_whole_window(
    page: Page, requested: list[str], server: str
) -> None:
    """As on a city's website: the embed in an <iframe> of a page from another origin."""
    page.set_content(
        f'<iframe src="{server}/cities/ua-chernihiv/embed/" title="Needs" width="400"'
        ' height="480"></iframe>'
    )
    frame = page.frame_locator("iframe")
    first = frame.locator("main li a").first
    href = first.get_attribute("href")
    assert href and href.startswith("/needs/ua-chernihiv-")
    first.click()
    page.wait_for_url(f"{server}{href}")
    assert page.locator("h1").first.inner_text()
    elsewhere = [u for u in requested if not u.startswith((f"{server}/", "data:", "about:"))]
    assert not elsewhere, f"the embed asked other hosts for: {elsewhere}"
