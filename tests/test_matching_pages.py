"""Suggestions, help given and received, and the needs met, as the built site shows them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY

from cities4cities.facts import met_needs, statistics
from cities4cities.matching import SHOWN_FROM, match
from cities4cities.names import enum_label
from cities4cities.records import Dataset
from cities4cities.validation import validate_content

PREFIXES = ("", "uk/")


@cache
def dataset() -> Dataset:
    return validate_content(ROOT / "content", TODAY).dataset


def parse(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def linked_ids(scope, folder: str) -> list[str]:
    hrefs = (a["href"].rstrip("/") for a in scope.find_all("a", href=True))
    return [href.rsplit("/", 1)[-1] for href in hrefs if f"/{folder}/" in href]


def suggestions_shown(soup: BeautifulSoup) -> list[tuple[str, list[str]]]:
    section = soup.find("section", attrs={"aria-labelledby": "suggested-heading"})
    assert section is not None, "no suggestions section"
    return [
        (
            li.h3.a["href"].rstrip("/").rsplit("/", 1)[-1],
            [reason.get_text(strip=True) for reason in li.select(".reasons li")],
        )
        for li in section.select("ol.suggestions > li")
    ]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_need_page_shows_the_ranked_offers_with_their_reasons(site: Path, prefix: str) -> None:
    need_id = "ua-lviv-historic-roof-conservation"
    shown = suggestions_shown(parse(site, f"{prefix}needs/{need_id}"))
    expected = [s for s in match(dataset(), TODAY).for_need[need_id] if s.score >= SHOWN_FROM]
    assert [offer for offer, _ in shown] == [s.offer_id for s in expected]
    assert shown[0][0] == "pl-krakow-heritage-conservation"
    reasons = shown[0][1]
    assert len(reasons) == sum(1 for r in expected[0].reasons if r.contribution)
    sector = enum_label("sector", "culture-heritage", "uk" if prefix else "en")
    assert any(sector in reason for reason in reasons), reasons


def test_an_offer_page_shows_the_needs_it_could_answer(site: Path) -> None:
    shown = [need for need, _ in suggestions_shown(parse(site, "offers/cz-brno-refuse-trucks"))]
    assert set(shown[:2]) == {"ua-dnipro-waste-collection-trucks", "ua-nizhyn-waste-trucks"}


def test_closed_records_get_no_suggestions(site: Path) -> None:
    for need in dataset().needs.values():
        if need.status in ("fulfilled", "withdrawn"):
            soup = parse(site, f"needs/{need.id}")
            assert soup.find(attrs={"aria-labelledby": "suggested-heading"}) is None, need.id


def test_city_pages_show_help_given_and_received(site: Path) -> None:
    lublin = parse(site, "cities/pl-lublin")
    chernihiv = parse(site, "cities/ua-chernihiv")
    helped = lublin.find("section", attrs={"aria-labelledby": "helped-heading"})
    helped_by = chernihiv.find("section", attrs={"aria-labelledby": "helped-heading"})
    assert "ua-chernihiv" in linked_ids(helped, "cities")
    assert "pl-lublin" in linked_ids(helped_by, "cities")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_matches_pages_list_every_need_met_once_newest_first(site: Path, prefix: str) -> None:
    shown: list[str] = []
    path: str | None = f"{prefix}matches"
    while path:  # page 1, then each rel=next (20 a page)
        soup = parse(site, path)
        needs_met = soup.select("main section[aria-labelledby=met-heading] li.card")
        shown += [linked_ids(li.h3, "needs")[0] for li in needs_met]  # not deliveries
        after = soup.select_one("nav.pagination a[rel=next]")
        path = after["href"].strip("/") if after else None
    assert shown == [m.need_id for m in met_needs(dataset())], "every need met, newest first"


def test_the_statistics_match_the_records(site: Path) -> None:
    figures = statistics(dataset())
    soup = parse(site, "matches")
    total = soup.select_one("table.stats-table tbody tr")
    cells = [td.get_text(strip=True) for td in total.find_all("td")]
    assert cells == [
        str(figures.total.open_needs),
        str(figures.total.needs_met),
        str(figures.total.deliveries),  # confirmed through pledges
        f"{figures.total.median_days:g}",
    ]
    home = parse(site, "")
    summary = home.select_one(".match-summary")
    assert str(figures.total.needs_met) in summary.get_text()
    assert summary.find("a", href="/matches/") is not None
