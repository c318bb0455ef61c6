"""A European city officer looks for a Ukrainian partner in real headless Chromium, in both
languages: from the main navigation to the cities seeking partners, filtered by a sector without
JavaScript, to a Ukrainian community's page and one of its suggested partners, and the page of
that pair, and from there to the form that records the partnership; the pages pass axe-core.
Fixtures (server, browser, page) are in conftest.py."""

# ruff: noqa: RUF001 (Ukrainian words)

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, TODAY
from playwright.sync_api import Browser, Page
from test_submit import NOON, Outside, send, shown_file

from cities4cities.contribute.answers import read_record
from cities4cities.contribute.issues import answers_body, parse_issue
from cities4cities.contribute.newrecord import to_yaml
from cities4cities.validation import validate_content

WORDS = {
    "en": {
        "home": "/",
        "nav": "Partnerships",
        "seeking": "Cities seeking partners",
        "side": "Ukrainian communities",
        "sector": "Energy",
        "ukraine": "Ukraine",
        "suggested": "Suggested partners",
        "same_sector": "Same sector: Energy",
        "why": "Why these two",
    },
    "uk": {
        "home": "/uk/",
        "nav": "Партнерства",
        "seeking": "Міста, що шукають партнерів",
        "side": "Українські громади",
        "sector": "Енергетика",
        "ukraine": "Україна",
        "suggested": "Запропоновані партнери",
        "same_sector": "Та сама сфера: Енергетика",
        "why": "Чому саме ці два міста",
    },
}


def assert_accessible(page: Page) -> None:
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["help"]) for v in violations]


@pytest.mark.parametrize("language", ["en", "uk"])
def test_an_officer_finds_ukrainian_communities_seeking_partners_and_opens_a_pair(
    page: Page, language: str
) -> None:
    words = WORDS[language]
    page.goto(words["home"])
    page.get_by_role("navigation", name="Main" if language == "en" else "Головне").get_by_role(
        "link", name=words["nav"]
    ).click()
    page.get_by_role("link", name=words["seeking"]).first.click()
    filters = page.locator("nav.filters")
    filters.get_by_role("link", name=words["side"], exact=True).click()
    assert page.locator("h1").inner_text().endswith(words["side"])
    page.locator("nav.filters").get_by_role("link", name=words["sector"], exact=True).click()
    assert page.locator("h1").inner_text().endswith(words["sector"])
    assert_accessible(page)

    # Every community listed is Ukrainian and seeks a partner in the sector.
    cards = page.locator("main .seeking-list > li")
    assert cards.count() > 1
    for index in range(cards.count()):
        card = cards.nth(index)
        assert card.locator(".card-meta").inner_text() == words["ukraine"]
        assert words["sector"] in card.locator("dl.seeking dd").first.inner_text()

    # A community's page: what it seeks, and its suggested partners with their reasons.
    cards.first.locator("h2 a").click()
    community = page.locator("h1").inner_text()
    section = page.locator("section", has=page.get_by_role("heading", name=words["suggested"]))
    first = section.locator("ol > li").first
    reasons = first.locator(".reasons li").all_inner_texts()
    assert words["same_sector"] in reasons or any(words["sector"] in r for r in reasons)
    partner = first.locator("h3 a").inner_text()
    assert_accessible(page)

    # The pair: both cities, why, and an office to write to on each side.
    first.locator("h3 a").click()
    heading = page.locator("h1").inner_text()
    assert community in heading and partner in heading
    why = page.locator("section", has=page.get_by_role("heading", name=words["why"]))
    assert why.locator("li").all_inner_texts() == reasons
    assert page.locator("main a[href^='mailto:']").count() == 2
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_suggested_pair_is_recorded_as_a_partnership_through_the_form(
    browser: Browser, server: str, language: str
) -> None:
    """From the pair's page to the form, its cities filled in, to a valid partnership file
    that the issue forms read back from the link's answers."""
    prefix = "" if language == "en" else "/uk"
    outside = Outside()
    context = browser.new_context(base_url=server)
    context.route(lambda url: not url.startswith(f"{server}/"), outside)
    page = context.new_page()
    page.clock.set_fixed_time(NOON)
    try:
        page.goto(f"{prefix}/partnerships/suggested/ua-dnipro/pl-krakow/")
        page.locator("main p a[href*='kind=partnership']").click()
        form = page.locator("#form-partnership")
        form.wait_for(state="visible")
        assert form.locator("#partnership-cities").input_value() == "ua-dnipro, pl-krakow"
        form.locator("#partnership-kind").select_option("solidarity")
        form.locator("#partnership-since").fill("2026-11-20")
        form.locator("input[name=sectors][value=health]").check()
        for city, email in (
            ("ua-dnipro", "international@dnipro-city.example"),
            ("pl-krakow", "international@krakow-city.example"),
        ):
            form.locator("[data-add-row=contacts]").click()
            row = form.locator("[data-rows=contacts] > li").last
            row.locator("[data-key=city]").select_option(city)
            row.locator("[data-key='organisation.en']").fill("International office")
            row.locator("[data-key=email]").fill(email)
        form.locator("[data-confirm]").check()
        query = send(page, outside, "partnership")
        path, text = shown_file(page)
    finally:
        context.close()

    assert query["template"] == "partnership.yml" and query["cities"] == "ua-dnipro, pl-krakow"
    assert path == "content/partnerships/ua-dnipro-pl-krakow.yaml"
    extra = {path.removeprefix("content/"): text.encode()}
    result = validate_content(ROOT / "content", TODAY, extra=extra)
    assert [str(p) for p in result.problems if p.path.endswith(path)] == []
    submission = parse_issue(answers_body("partnership", query, language=language), ["partnership"])
    record, complaints = read_record("partnership", submission.answers, TODAY)
    assert complaints == []
    assert to_yaml("partnership", record) == text
