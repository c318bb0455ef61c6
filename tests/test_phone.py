"""Every page type on a phone, in both languages, in a real Chromium: nothing scrolls sideways
at 320 px or 390 px, no control is cut off, and on a list or a search the number of results and
the first result are on the first screen (the filters fold away)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).parent.parent
PHONES = {"320": {"width": 320, "height": 568}, "390": {"width": 390, "height": 844}}


def _first(folder: str) -> str:
    return min(path.stem for path in (ROOT / "content" / folder).glob("*.yaml"))


# One page of every template (the need with the most items: its table is the widest).
PAGE_TYPES = [
    "",
    "needs/",
    "needs/sector/energy/",
    "needs/status/fulfilled/",
    "offers/",
    "needs/ua-borodianka-school-canteen-kitchens/",
    f"offers/{_first('offers')}/",
    "cities/",
    "cities/map/1/ua-kyiv/",
    "cities/ua-kharkiv/",
    "cities/ua-kharkiv/print/",
    f"cities/{_first('cities')}/embed/",
    "countries/ua/",
    "sectors/energy/",
    "matches/",
    "partnerships/",
    "partnerships/de-munich-ua-kyiv/",
    "partnerships/seeking/side/ukraine/",
    "partnerships/suggested/ua-borodianka/at-vienna/",
    "search/?q=generator",
    "stats/",
    "submit/",
    "data/",
    "about/",
    "contribute/",
    "404.html",
]

# What sticks out of the page: a box wider than the screen that no scrolling box holds.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  // Held: inside a box that scrolls on its own, or one hidden for the eye (1 px, clipped).
  const held = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowX;
      if (['auto', 'scroll'].includes(overflow)) return true;
      if (overflow !== 'visible' && p.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 0.5 || box.left < -0.5) && !held(el)
        && el.closest('.visually-hidden, .skip-link') === null) {
      const where = `${Math.round(box.left)}-${Math.round(box.right)} px`;
      out.push(`${el.tagName.toLowerCase()}.${el.className} (${where})`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize("lang", ["", "uk/"])
def test_no_sideways_scrolling(page: Page, phone: str, lang: str) -> None:
    page.set_viewport_size(PHONES[phone])
    problems = []
    for path in PAGE_TYPES:
        response = page.goto(f"/{lang}{path}")
        assert response is not None and response.ok, f"/{lang}{path}: {response}"
        found = page.evaluate(OVERFLOW)
        if found["scroll"] > found["width"] or found["out"]:
            problems.append(f"/{lang}{path}: {found['scroll']} px wide; {found['out']}")
    assert not problems, f"at {phone} px:\n" + "\n".join(problems)


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize(
    "url",
    [
        "/uk/needs/",
        "/needs/",
        "/uk/offers/",
        "/uk/needs/country/ua/",
        "/uk/search/?q=генератор",
        "/uk/partnerships/",
    ],
)
def test_first_result_on_the_first_screen(page: Page, phone: str, url: str) -> None:
    page.set_viewport_size(PHONES[phone])
    page.goto(url)
    if "/search/" in url:
        page.wait_for_selector("#search-form[data-done]")
        count, first = page.locator("#search-status"), page.locator("#search-results li").first
    else:
        count, first = page.locator("main .lead"), page.locator("main .cards > li").first
    height = PHONES[phone]["height"]
    assert count.bounding_box()["y"] < height, f"{url}: the count is below the first screen"
    top = first.bounding_box()["y"]
    assert top < height - 60, f"{url}: the first result starts at {top:.0f} px of {height}"


def test_filters_fold_on_a_phone_and_open_on_a_wide_screen(page: Page) -> None:
    page.set_viewport_size(PHONES["390"])
    page.goto("/uk/needs/")
    energy = page.get_by_role("link", name="Енергетика").first
    assert not energy.is_visible()
    page.locator(".filter-panel > summary").click()
    assert energy.is_visible()
    page.set_viewport_size({"width": 1100, "height": 800})
    page.goto("/uk/needs/")
    assert energy.is_visible()


# --- paper ------------------------------------------------------------------------------------


def test_a_printed_record_carries_its_address_and_id(page: Page, server: str) -> None:
    page.emulate_media(media="print")
    page.goto("/uk/needs/ua-borodianka-school-canteen-kitchens/")
    line = page.locator(".record .print-only")
    assert line.is_visible()
    assert line.inner_text().endswith(
        "/uk/needs/ua-borodianka-school-canteen-kitchens/ · "
        "Ідентифікатор: ua-borodianka-school-canteen-kitchens"
    )
    assert not page.locator(".site-search").is_visible()
    page.emulate_media(media="screen")
    assert not line.is_visible()


def test_the_print_view_lists_every_open_need_with_contacts(page: Page) -> None:
    page.emulate_media(media="print")
    page.goto("/uk/needs/")
    total = int(page.locator("main .lead").inner_text().split()[0])
    assert page.locator("main .cards > li").count() < total  # the list itself stops at a page
    note = page.locator("main p.print-only")
    assert note.is_visible() and "/uk/needs/print/" in note.inner_text()
    page.goto("/uk/needs/print/")
    needs = page.locator(".print-need")
    assert needs.count() == total
    for i in range(needs.count()):
        text = needs.nth(i).inner_text()
        assert "@" in text and "Ідентифікатор: ua-" in text, text


def test_a_city_prints_its_open_needs(page: Page) -> None:
    page.goto("/uk/cities/ua-kharkiv/")
    page.get_by_role("link", name="Надрукувати відкриті потреби").click()
    assert page.url.endswith("/uk/cities/ua-kharkiv/print/")
    cities = page.locator(".print-city h2")
    assert cities.count() == 1 and "Харків" in cities.inner_text()
    open_needs = page.locator(".print-need").count()
    page.goto("/uk/cities/ua-kharkiv/")
    assert f"{open_needs} відкрит" in page.locator(".open-counts").inner_text()
