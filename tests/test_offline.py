"""Reading in a blackout: the service worker (/sw.js, theme/static/js/offline-worker.js) and its
registration (offline.js) in the build, then in Chromium: a visited page reloads offline, a page
not saved shows the offline page listing what is, a city page saves its needs, the oldest pages
go first beyond the limit, a new build replaces the shell, and under a sub-path too."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY, build_site, serve
from playwright.sync_api import Browser, Page, Route
from test_site import copy_content

from cities4cities.site.pages.offline import worker_script
from cities4cities.validation import validate_content

JS = ROOT / "theme" / "static" / "js"
SCRIPTS = ("sw.js", "theme/js/offline-worker.js", "theme/js/offline.js")
OFFLINE_PAGES = {"en": "offline/", "uk": "uk/offline/"}
SAVED = "async (url) => Boolean(await caches.match(new URL(url, location.href).href))"
WAIT = 20  # seconds a page may take to be saved (wait_for_function does not await a promise)


def soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


# No address of another site (a scheme, or // and a host): every path is the worker's scope's.
ELSEWHERE = re.compile(r"[a-z]+://|//[a-z0-9.-]+\.[a-z]", re.IGNORECASE)


# -- the sources (fast) -------------------------------------------------------------------------


def test_worker_and_its_settings_name_no_other_host() -> None:
    worker = worker_script(ROOT / "theme")
    assert 'importScripts("theme/js/offline-worker.js");' in worker
    for text in (worker, *(p.read_text() for p in JS.glob("offline*.js"))):
        assert ELSEWHERE.findall(text) == []
    assert ELSEWHERE.findall("https://example.org //cdn.example.org/x.js") != []  # it can fail
    settings = json.loads(worker.split("self.OFFLINE = ", 1)[1].split(";\n", 1)[0])
    installed = [p.removeprefix("theme/") for p in settings["shell"] if p.startswith("theme/")]
    assert installed and all((ROOT / "theme" / "static" / p).is_file() for p in installed)


# -- the build ----------------------------------------------------------------------------------


def test_worker_and_registration_are_built_without_other_hosts(site: Path) -> None:
    for name in SCRIPTS:
        assert ELSEWHERE.findall((site / name).read_text(encoding="utf-8")) == [], name
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert 'importScripts("theme/js/offline-worker.js")' in worker
    shell = re.search(r'"shell": (\[[^]]*\])', worker)
    assert shell, worker
    for path in re.findall(r'"([^"]+)"', shell[1]):  # everything it installs exists
        assert (site / path).is_file() or (site / path / "index.html").is_file(), path


def test_every_page_registers_the_worker_from_a_file(site: Path) -> None:
    pages = [f for f in site.rglob("*.html") if "/embed/" not in f.as_posix()]
    assert len(pages) > 50
    registration = '<script src="/theme/js/offline.js" defer></script>'
    for file in pages:
        assert file.read_text(encoding="utf-8").count(registration) == 1, file


@pytest.mark.parametrize("language", OFFLINE_PAGES)
def test_offline_page_is_not_indexed(site: Path, language: str) -> None:
    page = soup(site / OFFLINE_PAGES[language] / "index.html")
    assert page.html["lang"] == language
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"})
    assert page.find("noscript")  # says why nothing is listed without JavaScript
    assert f"/{OFFLINE_PAGES[language]}" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    footer = soup(site / OFFLINE_PAGES[language].removesuffix("offline/") / "index.html").footer
    assert footer.find("a", href=f"/{OFFLINE_PAGES[language]}")


# -- in Chromium --------------------------------------------------------------------------------


def first_need(content: Path = ROOT / "content") -> str:
    return min(path.stem for path in (content / "needs").glob("*.yaml"))


def visit_and_wait(page: Page, url: str) -> None:
    """Open a page as a person would, once, and wait until the worker controls it and has
    saved it (offline.js asks for that when the page was loaded without the worker)."""
    page.goto(url)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    wait_saved(page, url)


def wait_saved(page: Page, url: str) -> None:
    deadline = time.monotonic() + WAIT
    while not page.evaluate(SAVED, url):
        assert time.monotonic() < deadline, f"{url} was not saved"
        page.wait_for_timeout(100)


def test_a_visited_page_reloads_offline(page: Page) -> None:
    url = f"/uk/needs/{first_need()}/"
    visit_and_wait(page, url)
    heading = page.locator("h1").inner_text()
    page.context.set_offline(True)
    page.reload()
    assert page.locator("h1").inner_text() == heading
    assert page.evaluate("document.documentElement.lang") == "uk"
    assert page.locator("link[rel=stylesheet]").count() == 1
    styled = page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")
    assert styled != "inline", "the stylesheet came from the cache too"


def test_a_visited_page_shows_its_map_offline(page: Page) -> None:
    visit_and_wait(page, "/")
    land = page.locator("svg.map-markers image").get_attribute("href")
    assert land and land.startswith("/map/")
    wait_saved(page, land)
    page.context.set_offline(True)
    page.reload()
    loads = """(src) => new Promise((done) => {
        const image = new Image();
        image.onload = () => done(image.naturalWidth > 0);
        image.onerror = () => done(false);
        image.src = src;
    })"""
    assert page.evaluate(loads, land), "the map's land did not load offline"


@pytest.mark.parametrize("language", OFFLINE_PAGES)
def test_a_page_not_saved_shows_what_is(page: Page, language: str) -> None:
    prefix = OFFLINE_PAGES[language].removesuffix("offline/")
    visit_and_wait(page, f"/{prefix}needs/{first_need()}/")
    title = page.title().rsplit(" · ", 1)[0]
    page.context.set_offline(True)
    page.goto(f"/{prefix}offers/")  # never opened: not on this device
    assert page.evaluate("document.documentElement.lang") == language
    status = page.locator("#offline-saved")
    status.locator("[data-when=saved]").wait_for()
    assert status.locator("[data-when=offline]").is_visible()
    assert status.locator("[data-when=missing]").is_visible()
    assert not status.locator("[data-when=none]").is_visible()
    links = status.locator("ul a")
    assert links.all_inner_texts() == [title]
    assert Axe().run(page).response["violations"] == []
    links.first.click()
    page.wait_for_url(f"**/{prefix}needs/{first_need()}/")
    assert page.title().startswith(title)


def test_offline_page_online_lists_saved_pages_without_the_offline_note(page: Page) -> None:
    visit_and_wait(page, "/offline/")
    status = page.locator("#offline-saved")
    status.locator("[data-when=none]").wait_for()  # the offline page itself is not listed
    assert not status.locator("[data-when=offline]").is_visible()
    visit_and_wait(page, "/cities/")
    page.goto("/offline/")
    status.locator("[data-when=saved]").wait_for()
    assert not status.locator("[data-when=offline], [data-when=missing]").first.is_visible()
    assert status.locator("ul a").count() == 1


def test_a_city_page_saves_its_needs(page: Page) -> None:
    dataset = validate_content(ROOT / "content", TODAY).dataset
    by_city = Counter(need.city for need in dataset.needs.values())
    city, count = by_city.most_common(1)[0]
    assert count >= 2
    visit_and_wait(page, f"/cities/{city}/")
    needs = [f"/needs/{need.id}/" for need in dataset.needs.values() if need.city == city]
    for url in needs:
        wait_saved(page, url)
    page.context.set_offline(True)
    for url in needs:
        page.goto(url)
        assert page.locator("#offline-saved").count() == 0, f"{url} was not saved"
        title = dataset.needs[url.split("/")[2]].title.best("en")[1]
        assert title in page.locator("h1").inner_text()


def test_the_oldest_saved_pages_go_first(page: Page, server: str) -> None:
    def fewer_pages(route: Route) -> None:  # the worker as built, keeping 2 pages instead
        response = route.fetch()
        body = response.text()
        assert '"pages": 200' in body
        route.fulfill(response=response, body=body.replace('"pages": 200', '"pages": 2'))

    page.context.route(f"{server}/sw.js", fewer_pages)
    for url in ("/needs/", "/offers/", "/needs/", "/cities/"):
        page.goto(url)
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        deadline = time.monotonic() + WAIT
        while saved_pages(page)[-1:] != [url]:  # saved last, whether it was saved before or not
            assert time.monotonic() < deadline, f"{url} was not saved: {saved_pages(page)}"
            page.wait_for_timeout(100)
    assert saved_pages(page) == ["/needs/", "/cities/"]  # /needs/, opened again, is newer


def saved_pages(page: Page) -> list[str]:
    """The paths of the pages' cache, oldest first."""
    return page.evaluate(
        """async () => {
            const pages = await caches.open(`${location.origin}/ pages`);
            return (await pages.keys()).map((request) => new URL(request.url).pathname);
        }"""
    )


def test_under_a_sub_path(browser: Browser, tmp_path: Path) -> None:
    """A project site on GitHub Pages lives under /<repository>/: the worker's scope is that
    folder, and its pages are saved and served offline there."""
    host = tmp_path / "host"
    host.mkdir()
    content = copy_content(tmp_path)  # a small dataset: a quicker build
    with serve(host) as origin:
        site_url = f"{origin}/cities4cities"
        output, environment = host / "cities4cities", {"SITEURL": site_url}
        build_site(output, content, settings="publishconf.py", environment=environment)
        with new_page(browser) as page:
            visit_and_wait(page, f"{site_url}/needs/{first_need(content)}/")
            scope = page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.scope)")
            assert scope == f"{site_url}/"
            heading = page.locator("h1").inner_text()
            page.context.set_offline(True)
            page.reload()
            assert page.locator("h1").inner_text() == heading
            page.goto(f"{site_url}/uk/offers/")
            page.locator("#offline-saved [data-when=saved]").wait_for()
            assert page.evaluate("document.documentElement.lang") == "uk"


def test_a_new_build_replaces_the_shell(browser: Browser, tmp_path: Path) -> None:
    """A deploy that changes the stylesheet changes /sw.js (its version): the browser installs
    the new worker, which installs the new stylesheet and drops the old shell."""
    theme, site = tmp_path / "theme", tmp_path / "site"
    shutil.copytree(ROOT / "theme", theme)
    content = copy_content(tmp_path)
    build_site(site, content, extra_settings={"THEME": str(theme)})
    with serve(site) as origin, new_page(browser, base_url=origin) as page:
        visit_and_wait(page, "/")
        before = shells(page)
        assert len(before) == 1
        stylesheet = theme / "static" / "css" / "site.css"
        stylesheet.write_text(stylesheet.read_text() + "/* the next build */\n")
        build_site(site, content, extra_settings={"THEME": str(theme)})
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        deadline = time.monotonic() + WAIT
        while (after := shells(page)) == before or len(after) != 1:
            assert time.monotonic() < deadline, f"the shell was not replaced: {after}"
            page.wait_for_timeout(100)
        css = page.evaluate(
            "caches.match(location.origin + '/theme/css/site.css').then((r) => r.text())"
        )
        assert css.endswith("/* the next build */\n")
        assert page.evaluate(SAVED, "/"), "the saved pages stay"


@contextlib.contextmanager
def new_page(browser: Browser, **options: Any) -> Iterator[Page]:
    """A page in a browser context of its own (its own worker and caches), closed after."""
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()


def shells(page: Page) -> list[str]:
    """The names of the worker's shell caches."""
    return page.evaluate("caches.keys().then((all) => all.filter((n) => n.includes(' shell ')))")


def test_without_javascript_the_offline_page_says_why(browser: Browser, server: str) -> None:
    with new_page(browser, base_url=server, java_script_enabled=False) as page:
        page.goto("/offline/")
        assert page.locator("noscript p").is_visible()
        assert page.locator("#offline-saved p:visible").count() == 0
