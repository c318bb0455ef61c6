"""The built site in a real headless Chromium: accessibility (axe-core), no third-party
requests, screenshots for reviewers, keyboard access. Fixtures (server, browser, page) are in
conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

ROOT = Path(__file__).parent.parent


def _first(folder: str) -> str:
    """The id of the first example record in content/<folder>/, so the pages always exist."""
    return min(path.stem for path in (ROOT / "content" / folder).glob("*.yaml"))


PAGES = [
    "",
    "needs/",
    f"needs/{_first('needs')}/",
    f"offers/{_first('offers')}/",
    f"cities/{_first('cities')}/",
    "search/?q=water",
    "matches/",
]
URLS = [prefix + page for prefix in ("/", "/uk/") for page in PAGES]


# --- tests ------------------------------------------------------------------------------------


def _violation_report(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} violation(s) on {url}"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {', '.join(map(str, node['target']))}" for node in violation["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("url", URLS)
def test_no_accessibility_violations(page: Page, url: str) -> None:
    page.goto(url)
    violations = Axe().run(page).response["violations"]
    assert not violations, _violation_report(url, violations)


@pytest.mark.parametrize("url", URLS)
def test_no_requests_to_other_hosts(
    page: Page, requested: list[str], server: str, url: str
) -> None:
    page.goto(url, wait_until="networkidle")
    assert f"{server}{url}" in requested, f"the page itself was not recorded: {requested}"
    elsewhere = [u for u in requested if not u.startswith((f"{server}/", "data:"))]
    assert not elsewhere, f"{url} asked other hosts for: {elsewhere}"


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_home_screenshot(page: Page, tmp_path: Path, lang: str) -> None:
    directory = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"home-{lang}.png"
    page.goto("/" if lang == "en" else "/uk/")
    page.screenshot(path=path, full_page=True)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 1000, f"{path} is suspiciously small ({len(data)} bytes)"


@pytest.mark.parametrize("url", ["/", "/uk/"])
def test_tab_reaches_skip_link_first(page: Page, url: str) -> None:
    page.goto(url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    assert page.evaluate("document.activeElement.matches('a.skip-link[href=\"#main\"]')"), (
        f"the first Tab focused {focused}, not the skip link"
    )
    link = page.locator("a.skip-link")
    assert link.is_visible(), "the focused skip link is hidden"
    box = link.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["width"] > 1 and box["height"] > 1, f"the focused skip link is tiny: {box}"
    assert 0 <= box["x"] < viewport["width"] and 0 <= box["y"] < viewport["height"], (
        f"the focused skip link is off screen: {box}"
    )
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    assert page.evaluate("document.activeElement.matches('main#main')"), (
        f"the skip link moved focus to {focused}, not to <main>"
    )
