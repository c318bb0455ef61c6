"""Search (Pagefind) in a real headless Chromium, on the example site, in both languages."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY, build_site, serve
from playwright.sync_api import Page

from cities4cities.records import Dataset
from cities4cities.site.search import shard_of
from cities4cities.validation import validate_content

WORD = re.compile(r"[^\W\d_]{7,}")


@cache
def dataset() -> Dataset:
    return validate_content(ROOT / "content", TODAY).dataset


def indexed_words(site: Path, prefix: str) -> dict[str, Counter]:
    """Word stems (first 6 letters, as Pagefind matches "insulation" to "insulated") of each
    indexed page: what Pagefind sees, the article minus its ignored parts."""
    pages = {}
    for path in site.glob(f"{prefix}*/*/index.html"):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            attrs={"data-pagefind-body": True}
        )
        if article is None:
            continue
        for ignored in article.select("[data-pagefind-ignore]"):
            ignored.decompose()
        words = Counter(w.casefold()[:6] for w in WORD.findall(article.get_text(" ")))
        pages["/" + str(path.parent.relative_to(site)) + "/"] = words
    return pages


def word_only_in_one_need(site: Path, prefix: str, language: str) -> tuple[str, str]:
    """(word, page URL): a word found on exactly one indexed page, a need, in its description."""
    pages = indexed_words(site, prefix)
    seen = Counter(word for words in pages.values() for word in words)
    for url in sorted(pages):
        need_id = url.rstrip("/").rsplit("/", 1)[-1]
        if "/needs/" not in url:
            continue
        description = dataset().needs[need_id].description.get(language) or ""
        for word in sorted({w.casefold() for w in WORD.findall(description)}):
            if seen[word[:6]] == 1:
                return word, url
    raise AssertionError("no word appears in exactly one need")


def search(page: Page, path: str) -> list[str]:
    """Open a search URL; once the results are shown, return their links in order as paths."""
    page.goto(path)
    return shown_results(page)


def shown_results(page: Page) -> list[str]:
    # Pagefind's UI first says it is searching, then gives the count ("10 results for city",
    # "Результатів за запитом «насоси»: 5"), then fills in the first five results.
    page.wait_for_function(
        r"""() => {
            const message = document.querySelector('.pagefind-ui__message');
            const count = message && /\d+/.exec(message.textContent);
            if (!count || message.textContent.trim().endsWith('…')) return false;
            const shown = document.querySelectorAll('.pagefind-ui__result-link').length;
            return shown >= Math.min(Number(count[0]), 5);
        }""",
        timeout=15_000,
    )
    links = page.locator(".pagefind-ui__result-link").element_handles()
    return [urlparse(link.get_attribute("href")).path for link in links]


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("uk/", "uk")])
def test_a_word_from_one_description_finds_that_need_first(
    page: Page, site: Path, prefix: str, language: str
) -> None:
    word, url = word_only_in_one_need(site, prefix, language)
    results = search(page, f"/{prefix}search/?q={word}")
    assert results[:1] == [url], f"searching {word!r} gave {results}"


def test_ukrainian_query_finds_ukrainian_text(page: Page) -> None:
    need = dataset().needs["ua-chernihiv-water-pumps-2026"]
    assert "насоси" in need.title.get("uk")
    results = search(page, "/uk/search/?q=насоси")
    assert "/uk/needs/ua-chernihiv-water-pumps-2026/" in results


@pytest.mark.parametrize("prefix", ["", "uk/"])
def test_a_city_name_finds_the_city_page(page: Page, prefix: str) -> None:
    name = dataset().cities["ua-chernihiv"].name.get("uk" if prefix else "en")
    results = search(page, f"/{prefix}search/?q={name}&kind=cities")
    assert f"/{prefix}cities/ua-chernihiv/" in results[:3], results


def test_a_sector_filter_leaves_only_that_sector_and_goes_into_the_address(page: Page) -> None:
    search(page, "/search/?q=city")
    unfiltered = page.locator(".pagefind-ui__message").inner_text()
    page.locator("summary.pagefind-ui__filter-name", has_text="Sector").click()
    page.locator("input.pagefind-ui__filter-checkbox[value='Energy']").check()
    page.wait_for_function(
        "before => document.querySelector('.pagefind-ui__message').textContent !== before",
        arg=unfiltered,
    )
    filtered = shown_results(page)
    assert filtered, "the filter left nothing"
    for path in filtered:
        folder, record_id = path.strip("/").split("/")[-2:]
        assert "energy" in getattr(dataset(), folder)[record_id].sectors, path
    assert parse_qs(urlparse(page.url).query) == {"q": ["city"], "Sector": ["Energy"]}


def test_a_shared_address_restores_query_and_filters(page: Page) -> None:
    results = search(page, "/search/?q=city&Sector=Energy")
    assert results
    assert page.locator("input.pagefind-ui__filter-checkbox[value='Energy']").is_checked()
    for path in results:
        folder, record_id = path.strip("/").split("/")[-2:]
        assert "energy" in getattr(dataset(), folder)[record_id].sectors, path


def test_the_header_search_box_is_a_plain_form_to_the_search_page(page: Page) -> None:
    page.goto("/needs/")
    page.fill("#site-search-q", "Chernihiv")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=Chernihiv")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)


def test_without_javascript_the_search_page_points_to_the_filter_pages(
    browser, server: str
) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/uk/search/")
        fallback = page.locator("#search-fallback")
        assert fallback.is_visible()
        links = fallback.locator("a").evaluate_all("links => links.map(a => a.pathname)")
        assert "/uk/needs/sector/energy/" in links
    finally:
        context.close()


def test_choosing_what_to_search_loads_that_index(page: Page) -> None:
    search(page, "/search/?q=water")
    with page.expect_navigation():
        page.check(".search-kinds input[value='offers']")
    assert parse_qs(urlparse(page.url).query)["kind"] == ["offers"]
    results = shown_results(page)
    assert results and all(path.startswith("/offers/") for path in results), results


def test_an_index_split_into_shards_is_searched_as_one(browser, tmp_path: Path) -> None:
    """Large sites index each kind in shards of SEARCH_SHARD_PAGES pages (to bound Pagefind's
    memory); the search page merges them. Here shards of 20 pages split the 56 needs in 3."""
    output = tmp_path / "site"
    build_site(output, extra_settings={"SEARCH_SHARD_PAGES": 20})
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == [
        "cities",
        "cities-2",
        "cities-3",
        "needs",
        "needs-2",
        "needs-3",
        "offers",
        "offers-2",
    ]
    word, url = word_only_in_one_need(output, "", "en")
    with serve(output) as server:
        context = browser.new_context(base_url=server)
        try:
            page = context.new_page()
            unique = search(page, f"/search/?q={word}")
            assert unique[:1] == [url]
            common = search(page, "/search/?q=water")
            shards = {
                shard_of(Path(r.strip("/"), "index.html"), 3)
                for r in common
                if r.startswith("/needs/")
            }
            assert len(shards) > 1, f"results came from one shard only: {common}"
        finally:
            context.close()
