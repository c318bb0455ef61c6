"""One vocabulary: every page and file that counts open needs and available offers agrees with
the records (vocabulary.py: the schemas' x-states) and with the lists those counts link to."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY

from cities4cities.records import Dataset
from cities4cities.validation import validate_content
from cities4cities.vocabulary import STATES

EXAMPLE = ROOT / "content"
COUNTS = re.compile(r"(\d+) open needs?, (\d+) open offers?")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return validate_content(EXAMPLE, TODAY).dataset


@pytest.fixture(scope="module")
def open_by_city(dataset: Dataset) -> dict[str, tuple[int, int]]:
    needs = Counter(n.city for n in dataset.needs.values() if n.is_open)
    offers = Counter(o.city for o in dataset.offers.values() if o.is_open)
    return {city: (needs[city], offers[city]) for city in dataset.cities}


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def listed(site: Path, path: str) -> tuple[int, int]:
    """The number a list says it shows, and the cards on all its pages."""
    first = soup(site, path)
    said = int(first.select_one("p.lead").get_text().split()[0])
    cards, page, number = 0, first, 1
    while True:
        cards += len(page.select("main li.card"))
        number += 1
        if not (site / path / f"page/{number}/index.html").exists():
            return said, cards
        page = soup(site, f"{path}page/{number}/")


def test_the_schemas_say_what_every_status_means() -> None:
    assert set(STATES["needs"].values()) <= {"open", "taken", "closed"}
    assert STATES["offers"]["reserved"] == "taken"  # a reserved offer is not on offer


def test_a_listing_knows_its_state(dataset: Dataset) -> None:
    reserved = [o for o in dataset.offers.values() if o.status == "reserved"]
    assert reserved, "the example data has a reserved offer"
    assert not any(o.is_open or o.is_closed for o in reserved)


@pytest.mark.parametrize("language", ["", "uk/"])
def test_home_counts_agree_with_the_lists_they_link_to(
    site: Path, dataset: Dataset, language: str
) -> None:
    home = soup(site, language)
    open_needs = sum(1 for n in dataset.needs.values() if n.is_open)
    available = sum(1 for o in dataset.offers.values() if o.is_open)
    for folder, expected in (("needs", open_needs), ("offers", available)):
        link = home.select_one(f'a[href="/{language}{folder}/"] strong')
        assert int(link.get_text()) == expected
        assert listed(site, f"{language}{folder}/") == (expected, expected)
    sectors = home.select("section[aria-labelledby=by-sector] li")
    assert sectors, "the home page lists no sector"
    for item in sectors:
        count = int(item.select_one(".count").get_text())
        path = item.a["href"].lstrip("/")
        assert listed(site, path) == (count, count), path


def test_filter_counts_are_the_lists_they_link_to(site: Path) -> None:
    for folder in ("needs", "offers"):
        options = soup(site, f"{folder}/").select(".filters li")
        assert options, f"/{folder}/ has no filters"
        for option in options:
            count = option.select_one(".count")
            if count is None or option.a is None:
                continue
            path = option.a["href"].lstrip("/")
            assert listed(site, path) == (int(count.get_text()),) * 2, path


def test_map_city_lists_city_pages_and_embeds_agree(
    site: Path, open_by_city: dict[str, tuple[int, int]]
) -> None:
    # A city's own marker is on the home page's map or on a closer map (cities/map/...).
    closer = [f"{p.parent.relative_to(site)}/" for p in (site / "cities/map").rglob("index.html")]
    marks = {
        a["data-city"]: a["aria-label"]
        for m in ["", *closer]
        for a in soup(site, m).select("a[data-city]")
    }
    countries = [a["href"].lstrip("/") for a in soup(site, "cities/").select("table.countries a")]
    listed_cities = {
        li.a["href"].split("/")[-2]: li.select_one(".muted").get_text()
        for country in countries
        for li in soup(site, country).select(".city-list li")
    }
    for city, (needs, offers) in open_by_city.items():
        for said in (marks[city], listed_cities[city]):
            assert COUNTS.search(said).groups() == (str(needs), str(offers)), (city, said)
        page = soup(site, f"cities/{city}/").select_one(".open-counts").get_text()
        assert COUNTS.search(page).groups() == (str(needs), str(offers)), city
        for path, expected in (
            (f"cities/{city}/embed/", needs),
            (f"cities/{city}/embed/offers/", offers),
        ):
            assert len(soup(site, path).select("main li")) == expected, path


def test_stats_and_exports_agree(
    site: Path, dataset: Dataset, open_by_city: dict[str, tuple[int, int]]
) -> None:
    total = soup(site, "stats/").find("th", string="All").find_parent("tr")
    assert int(total.select("td")[0].get_text()) == sum(n for n, _ in open_by_city.values())
    exported = json.loads((site / "data/cities.json").read_text(encoding="utf-8"))["cities"]
    assert {c["id"]: (c["open_needs"], c["available_offers"]) for c in exported} == open_by_city
