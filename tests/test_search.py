"""Search (Pagefind's API driven by search.js) in a real headless Chromium, on the example site,
in both languages: the query set of tests/search_queries.yaml, ranking, filters, addresses."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from conftest import ROOT, TODAY, build_site, serve
from playwright.sync_api import Page

from cities4cities.records import Dataset
from cities4cities.site.search import shard_of
from cities4cities.validation import validate_content

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text("utf-8"))


@cache
def dataset() -> Dataset:
    return validate_content(ROOT / "content", TODAY).dataset


def search(page: Page, address: str) -> list[str]:
    """Open a search address; once its results are shown, their paths in order."""
    page.goto(address)
    return shown_results(page)


def done(page: Page) -> str | None:
    """Which search the page shows (search.js numbers them): to wait for the next one."""
    return page.get_attribute("#search-form", "data-done")


def shown_results(page: Page, after: str | None = None) -> list[str]:
    """The paths of the results shown, once a search other than `after` is on the page."""
    page.wait_for_function(
        "after => { const n = document.getElementById('search-form').dataset.done;"
        " return n !== undefined && n !== after; }",
        arg=after,
        timeout=15_000,
    )
    links = page.locator("#search-results li h2 a").evaluate_all("as => as.map(a => a.pathname)")
    return links


def record_of(path: str) -> str:
    """/uk/needs/ua-x/ -> needs/ua-x"""
    return "/".join(path.strip("/").split("/")[-2:])


@pytest.mark.parametrize("query", QUERIES, ids=[q["search"] for q in QUERIES])
def test_the_query_set_finds_what_it_must_in_the_first_five(page: Page, query: dict) -> None:
    top5 = [record_of(path) for path in search(page, query["search"])[:5]]
    missing = [record for record in query["top5"] if record not in top5]
    assert not missing, f"{query['search']}: {missing} not in the first five {top5}"
    if "sector" in query:  # a sector's name finds that sector's records
        for folder, record_id in (record.split("/") for record in top5):
            if folder != "cities":
                assert query["sector"] in getattr(dataset(), folder)[record_id].sectors, record_id


def test_open_records_come_first_and_closed_ones_are_marked(page: Page) -> None:
    results = search(page, "/search/?q=generators")
    states = page.locator("#search-results li").evaluate_all(
        "items => items.map(li => li.classList.contains('result-closed'))"
    )
    assert True in states and False in states, results
    assert states == sorted(states), f"a closed record before an open one: {results}"
    for path, closed in zip(results, states, strict=True):
        folder, record_id = record_of(path).split("/")
        if folder != "cities":
            assert closed == (not getattr(dataset(), folder)[record_id].is_open), path
    assert page.locator(".result-closed .badge").first.is_visible()


def test_a_filter_only_address_lists_exactly_those_records(page: Page) -> None:
    results = search(page, "/uk/search/?sector=energy&urgency=high")
    expected = {
        f"needs/{n.id}"
        for n in dataset().needs.values()
        if "energy" in n.sectors and n.urgency == "high"
    }
    assert {record_of(path) for path in results} == expected
    assert page.locator("input[name=sector][value=energy]").is_checked()
    assert page.locator("input[name=urgency][value=high]").is_checked()


def test_filters_combine_go_into_the_address_and_back_restores_them(page: Page) -> None:
    before = search(page, "/search/?q=water")
    page.locator("#search-filters").evaluate("details => details.open = true")
    first = done(page)
    page.check("input[name=kind][value=offer]")
    offers = shown_results(page, first)
    assert offers and all("/offers/" in path for path in offers), offers
    assert parse_qs(urlparse(page.url).query) == {"q": ["water"], "kind": ["offer"]}
    # The counts beside the options follow the other choices: only offers are left to show.
    assert page.locator("input[name=kind][value=need] ~ .count").inner_text() != "(0)"
    second = done(page)
    page.go_back()
    assert shown_results(page, second) == before
    assert not page.locator("input[name=kind][value=offer]").is_checked()
    assert parse_qs(urlparse(page.url).query) == {"q": ["water"]}


def test_the_header_search_looks_in_the_section_it_is_used_from(page: Page) -> None:
    page.goto("/offers/")
    page.fill("#site-search-q", "water")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=water&kind=offer")
    results = shown_results(page)
    assert results and all("/offers/" in path for path in results), results


def test_a_list_combines_its_filters_through_the_search(page: Page) -> None:
    page.goto("/needs/sector/energy/")
    assert page.locator("input[name=sector][value=energy]").is_checked()
    page.check("nav.filters input[name=urgency][value=high]")
    page.click("nav.filters button[type=submit]")
    page.wait_for_url("**/search/?**")
    query = parse_qs(urlparse(page.url).query)
    assert query == {"kind": ["need"], "sector": ["energy"], "urgency": ["high"]}
    assert {record_of(p) for p in shown_results(page)} == {
        f"needs/{n.id}"
        for n in dataset().needs.values()
        if "energy" in n.sectors and n.urgency == "high"
    }


def test_nothing_found_offers_the_same_search_on_the_other_language_site(page: Page) -> None:
    assert search(page, "/search/?q=zzzzqqq") == []
    link = page.locator("#search-elsewhere a")
    assert link.is_visible()
    assert urlparse(link.get_attribute("href")).path == "/uk/search/"
    assert "Ukrainian" in link.inner_text()


def test_a_corrected_word_says_so_and_offers_the_word_as_typed(page: Page) -> None:
    results = search(page, "/search/?q=vetnilation")
    assert "needs/ua-kyiv-school-shelter-ventilation" in [record_of(r) for r in results[:5]]
    note = page.locator("#search-correction")
    assert "ventilation" in note.inner_text()
    note.locator("a").click()
    page.wait_for_url("**exact=1**")
    assert len(shown_results(page)) < len(results)
    assert page.locator("#search-correction").is_hidden()


def test_the_search_page_does_not_move_while_it_loads(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver(list => {
            for (const shift of list.getEntries()) {
                if (!shift.hadRecentInput) window.__shift += shift.value;
            }
        }).observe({type: 'layout-shift', buffered: true});"""
    )
    search(page, "/uk/search/?q=генератори")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shift") <= 0.1


def test_without_javascript_the_search_page_points_to_the_filter_pages(
    browser, server: str
) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/uk/search/")
        assert not page.locator("#search-form").is_visible()
        fallback = page.locator(".search-fallback")
        assert fallback.is_visible()
        links = fallback.locator("a").evaluate_all("links => links.map(a => a.pathname)")
        assert "/uk/needs/sector/energy/" in links
        page.goto("/needs/")
        assert not page.locator("nav.filters input[type=checkbox]").first.is_visible()
        assert page.locator("nav.filters a[href='/needs/sector/energy/']").is_visible()
    finally:
        context.close()


def test_an_index_split_into_shards_is_searched_as_one(browser, tmp_path: Path) -> None:
    """Large sites index each language in shards of SEARCH_SHARD_PAGES pages (to bound
    Pagefind's memory); the search page merges them."""
    output = tmp_path / "site"
    build_site(output, extra_settings={"SEARCH_SHARD_PAGES": 40})
    pages = sum(len(getattr(dataset(), folder)) for folder in ("needs", "offers", "cities"))
    shards = -(-pages // 40)
    expected = ["pagefind", *(f"pagefind-{n}" for n in range(2, shards + 1))]
    assert sorted(p.name for p in output.glob("pagefind*")) == expected
    with serve(output) as server:
        context = browser.new_context(base_url=server)
        try:
            page = context.new_page()
            common = search(page, f"{server}/search/?q=water")
            found = {shard_of(Path(r.strip("/"), "index.html"), shards) for r in common}
            assert len(found) > 1, f"results came from one shard only: {common}"
            assert search(page, f"{server}/search/?q=Kiew")[:1] == ["/cities/ua-kyiv/"]
        finally:
            context.close()
