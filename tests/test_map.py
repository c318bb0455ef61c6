"""The map of the cities: the committed outlines, the projection, the grouping of cities too close
together, the maps in the pages (the land a cached image, the markers links in an inline SVG:
the overview on the home page and /cities/, a closer map per group), and how Chromium shows
them at a phone's width: 24 px targets that do not overlap, each city reached by click and Tab."""

from __future__ import annotations

import gzip
import json
import os
import re
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, TODAY
from playwright.sync_api import Browser, Page

from cities4cities import geo
from cities4cities.records import Dataset
from cities4cities.site.pages import map as citymap
from cities4cities.validation import validate_content

MAP_PAGES = ["", "cities/", "uk/", "uk/cities/"]
OUTLINES_GZIP_BUDGET = 40 * 1024  # the land of the overview, a file cached once for the site
MARKERS_GZIP_BUDGET = 3 * 1024  # the map in the HTML of the home page (example data)
NEAR_KYIV = ["ua-bucha", "ua-irpin", "ua-borodianka"]  # within 55 km of Kyiv and each other
MARKERS = {  # what a city has open -> the classes of its marker's shapes
    (True, True): {"mk-need", "mk-offer"},
    (True, False): {"mk-need"},
    (False, True): {"mk-offer"},
    (False, False): {"mk-none"},
}
PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


@cache
def dataset() -> Dataset:
    return validate_content(ROOT / "content", TODAY).dataset


def map_svg(site: Path, path: str) -> Tag:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    svg = BeautifulSoup(html, "html.parser").select_one("figure.city-map > svg")
    assert svg is not None, f"/{path} has no map"
    return svg


def markers(svg: Tag) -> list[Tag]:
    return svg.select(":scope > a")


def place(marker: Tag) -> tuple[float, float]:
    """A marker's place in px on the smallest map (its percent of the map's width and height)."""
    inner = marker.select_one(":scope > svg")
    x, y = (float(PERCENT.fullmatch(inner[axis]).group(1)) / 100 for axis in ("x", "y"))
    return x * citymap.SMALLEST, y * citymap.SMALLEST / citymap.ASPECT


def routes(site: Path, overview: str = "") -> dict[str, list[str]]:
    """Every city -> the paths from the overview to the map where it has a marker of its own,
    found by following the markers of groups (fails if a group's link leads nowhere)."""
    found: dict[str, list[str]] = {}
    todo = [[overview]]
    while todo:
        route = todo.pop()
        for marker in markers(map_svg(site, route[-1])):
            if marker.get("data-city"):
                found[marker["data-city"]] = route
            else:
                todo.append([*route, marker["href"].lstrip("/")])
    return found


def closer_maps(site: Path) -> set[str]:
    return {route[-1] for route in routes(site).values()}


def contains(polygon: tuple[geo.Ring, ...], point: geo.Point) -> bool:
    """Inside the outer ring and in none of the holes (even-odd ray casting)."""

    def in_ring(ring: geo.Ring) -> bool:
        x, y = point
        inside = False
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (x2 - x1) * (y - y1) / (y2 - y1):
                inside = not inside
        return inside

    outer, *holes = polygon
    return in_ring(outer) and not any(in_ring(hole) for hole in holes)


def country_at(point: geo.Point) -> list[str]:
    return [c.code for c in geo.outlines() if any(contains(p, point) for p in c.polygons)]


# -- the outlines and the projection ---------------------------------------------------------


def test_every_example_city_lies_inside_its_country() -> None:
    misplaced = {
        city.id: country_at((city.location.lon, city.location.lat))
        for city in dataset().cities.values()
        if country_at((city.location.lon, city.location.lat)) != [city.country]
    }
    assert not misplaced, f"cities outside their country's outline (found in): {misplaced}"


@pytest.mark.parametrize(
    ("place", "point"),
    [("Simferopol", (34.10, 44.95)), ("Sevastopol", (33.52, 44.60)), ("Kerch", (36.47, 45.35))],
)
def test_crimea_is_drawn_as_ukraine(place: str, point: geo.Point) -> None:
    assert country_at(point) == ["UA"], f"{place} is drawn in {country_at(point)}"


def test_every_country_of_the_schema_has_an_outline() -> None:
    schema = json.loads((ROOT / "schemas" / "defs.schema.json").read_text(encoding="utf-8"))
    codes = set(schema["$defs"]["country"]["enum"])
    # Vatican City has no outline in Natural Earth's 1:10m file (data/README.md).
    assert codes - {"VA"} <= {c.code for c in geo.outlines()}


def test_projection_is_lambert_azimuthal_equal_area_on_10e_52n() -> None:
    assert geo.project(10, 52) == (0, 0)
    x, y = geo.project(10, 62)  # 10 degrees north: 2 R sin(5 degrees) from the centre
    assert x == pytest.approx(0, abs=1e-9)
    assert y == pytest.approx(2 * geo.EARTH_RADIUS_KM * 0.0871557, rel=1e-6)
    east, _ = geo.project(30.5, 50.45)  # Kyiv: east of the centre, and about 1,450 km away
    assert 1400 < east < 1500


def test_clip_keeps_what_lies_inside_and_cuts_along_the_edge() -> None:
    square = [(-2, -2), (2, -2), (2, 2), (-2, 2)]
    assert sorted(geo.clip((-1, -1, 1, 1), square)) == [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    assert geo.clip((-1, -1, 1, 1), [(3, 3), (4, 3), (4, 4)]) == []
    inside = [(0, 0), (0.5, 0), (0, 0.5)]
    assert geo.clip((-1, -1, 1, 1), inside) == inside


# -- grouping ---------------------------------------------------------------------------------


def test_cluster_keeps_groups_apart_and_joins_the_nearest() -> None:
    points = [(0, 0), (100, 0), (10, 0), (60, 0), (5, 5), (300, 300)]
    groups = geo.cluster(points, 28)
    assert groups == [[0, 2, 4], [1], [3], [5]]  # 60 is 40 from 100, 60 from 0: a group of its own
    placed = [points[g[0]] for g in groups]
    assert all(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 >= 28
        for i, a in enumerate(placed)
        for b in placed[i + 1 :]
    )
    assert geo.cluster([(0, 0), (27.9, 0)], 28) == [[0, 1]]
    assert geo.cluster([(0, 0), (28, 0)], 28) == [[0], [1]]


def test_frames_have_one_shape_and_a_least_width() -> None:
    frame = geo.Frame.around([(0, 0), (100, 10)], 0.1, 1.6)
    assert (frame.east - frame.west) / (frame.north - frame.south) == pytest.approx(1.6)
    assert frame.west < 0 and frame.east > 100
    tall = geo.Frame.around([(0, 0), (10, 100)], 0.1, 1.6)
    assert (tall.east - tall.west) / (tall.north - tall.south) == pytest.approx(1.6)
    assert tall.south < 0 and tall.north > 100
    point = geo.Frame.around([(5, 5)], 0.1, 1.6, 20.0)
    assert point.east - point.west == pytest.approx(20.0) and point.contains((5, 5))


# -- the maps in the pages -------------------------------------------------------------------


@pytest.mark.parametrize("path", MAP_PAGES)
def test_every_city_has_a_marker_of_its_own_on_some_map(site: Path, path: str) -> None:
    svg = map_svg(site, path)
    cities = dataset().cities
    counted = [
        int(m.select_one(".count").get_text()) if m.select_one(".count") else 1
        for m in markers(svg)
    ]
    assert sum(counted) == len(cities), "each city is counted once on the overview"
    language = path.removesuffix("cities/")
    for marker in markers(svg):
        if marker.get("data-city"):
            assert marker["href"] == f"/{language}cities/{marker['data-city']}/"
        else:
            assert marker["href"].startswith(f"/{language}cities/map/")
        assert (site / marker["href"].lstrip("/") / "index.html").is_file(), marker["href"]
    if path in ("", "uk/"):
        assert set(routes(site, path)) == set(cities)


def test_markers_stand_where_their_cities_are(site: Path) -> None:
    cities = dataset().cities
    for path in {"", *closer_maps(site)}:
        placed = [
            (m["data-city"], place(m)) for m in markers(map_svg(site, path)) if m.get("data-city")
        ]
        for (a, (ax, ay)), (b, (bx, by)) in combinations(placed, 2):
            (pa, qa), (pb, qb) = (
                geo.project(cities[c].location.lon, cities[c].location.lat) for c in (a, b)
            )
            assert (ax < bx) == (pa < pb) and (ay < by) == (qa > qb), f"{a} and {b} on /{path}"
        for city, (x, y) in placed:
            assert 12 <= x <= citymap.SMALLEST - 12, f"{city} is cut off on /{path}"
            assert 12 <= y <= citymap.SMALLEST / citymap.ASPECT - 12, f"{city} on /{path}"


def test_markers_never_overlap_on_the_smallest_map(site: Path) -> None:
    for path in {"", *closer_maps(site)}:
        places = [place(m) for m in markers(map_svg(site, path))]
        for i, (ax, ay) in enumerate(places):
            for bx, by in places[i + 1 :]:
                assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 >= citymap.TARGET, f"/{path}"


def test_cities_near_kyiv_are_grouped_and_apart_on_a_closer_map(site: Path) -> None:
    found = routes(site)
    first_steps = {found[city][1] for city in ["ua-kyiv", *NEAR_KYIV]}
    assert len(first_steps) == 1, "one group on the overview holds Kyiv and its neighbours"
    kyiv = map_svg(site, "").select_one(f'a[href="/{first_steps.pop()}"]')
    assert kyiv["aria-label"].startswith("Kyiv and ")
    assert all(name in kyiv["aria-label"] for name in ("Bucha", "Irpin", "Borodianka"))
    assert all(len(found[city]) > 2 for city in NEAR_KYIV), "too close for one closer map"
    page = BeautifulSoup((site / found["ua-bucha"][-1] / "index.html").read_text(), "html.parser")
    listed = {a["href"] for a in page.select("#area-cities ~ ul a")}
    assert "/cities/ua-bucha/" in listed, "a closer map lists its cities in words"


def test_a_city_page_links_to_the_map_where_it_has_a_marker_of_its_own(site: Path) -> None:
    for city, route in routes(site).items():
        html = (site / "cities" / city / "index.html").read_text(encoding="utf-8")
        link = BeautifulSoup(html, "html.parser").select(".record-city a")[-1]
        assert link["href"] == (f"/{route[-1]}" if route[-1] else "/cities/"), city
        assert map_svg(site, link["href"].lstrip("/")).select_one(f'a[data-city="{city}"]')


@pytest.mark.parametrize("path", ["", "uk/"])
def test_points_are_named_in_the_readers_language(site: Path, path: str) -> None:
    svg = map_svg(site, path)
    warsaw = next(m for m in markers(svg) if m["href"].endswith("/pl-warsaw/"))
    expected = "Warsaw" if path == "" else "Варшава"
    assert warsaw.select_one(".name").get_text() == expected, "the largest cities are named"
    assert warsaw["aria-label"].startswith(expected)
    assert warsaw.title.get_text() == warsaw["aria-label"]
    assert re.search(r"\d+ (open needs?|відкрит)", warsaw["aria-label"])
    names = [m.select_one(".name").get_text() for m in markers(svg) if m.select_one(".name")]
    assert len(names) >= 5


def test_markers_tell_needs_from_offers_by_shape(site: Path) -> None:
    ds = dataset()
    for path in {"", *closer_maps(site)}:
        for marker in markers(map_svg(site, path)):
            city_id = marker.get("data-city")
            shapes = {
                cls for shape in marker.select(".mk") for cls in shape["class"] if cls != "mk"
            }
            if not city_id:
                assert shapes == {"mk-group"}
                continue
            needs = any(n.city == city_id and n.is_open for n in ds.needs.values())
            offers = any(o.city == city_id and o.is_open for o in ds.offers.values())
            assert shapes == MARKERS[needs, offers], city_id
    legend = map_svg(site, "").find_parent("figure").select(".map-legend li")
    assert len(legend) == len(citymap.MARKERS), "the legend explains every marker in words"
    assert all(item.get_text(strip=True) for item in legend)


def test_the_land_is_one_cached_file_and_the_page_keeps_the_links(site: Path) -> None:
    images = {path: map_svg(site, path).select_one("image")["href"] for path in MAP_PAGES}
    assert len(set(images.values())) == 1, "the home page and /cities/ share one image"
    land = (site / images[""].lstrip("/")).read_bytes()
    assert land.startswith(b"<svg xmlns=") and land.count(b' class="h"') == 1  # Ukraine
    assert len(gzip.compress(land)) < OUTLINES_GZIP_BUDGET, "the outlines grew too large"
    html = (site / "index.html").read_text(encoding="utf-8")
    figure = BeautifulSoup(html, "html.parser").select_one("figure.city-map")
    assert all(len(path["d"]) < 30 for path in figure.select("path")), "no outlines in the page"
    figure = str(figure)
    assert len(gzip.compress(figure.encode())) < MARKERS_GZIP_BUDGET


# -- in Chromium -----------------------------------------------------------------------------


def test_map_screenshot_and_no_other_hosts(
    page: Page, requested: list[str], server: str, tmp_path: Path
) -> None:
    directory = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "home-map.png"
    with page.expect_response(re.compile(r"/map/\w+\.svg$")) as land:
        page.goto("/", wait_until="networkidle")
    assert land.value.ok and land.value.headers["content-type"].startswith("image/svg+xml")
    figure = page.locator("figure.city-map")
    figure.screenshot(path=path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000, f"{path} is suspiciously small ({len(data)} bytes)"
    box = figure.locator(":scope > svg").bounding_box()
    assert box is not None and box["width"] > 600
    assert box["width"] / box["height"] == pytest.approx(citymap.ASPECT, rel=0.01)
    elsewhere = [u for u in requested if not u.startswith((f"{server}/", "data:"))]
    assert not elsewhere, f"the home page asked other hosts for: {elsewhere}"


# Each marker's target and the link that the point at its centre belongs to.
TARGETS = """() => [...document.querySelectorAll('figure.city-map > svg > a')].map(a => {
  const r = a.querySelector('.hit').getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {href: a.getAttribute('href'), city: a.dataset.city || null, x, y,
          width: r.width, height: r.height, right: r.right,
          hits: hit !== null && hit.closest('a') === a};
})"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", ["/", "/uk/cities/", "/uk/cities/map/1/ua-kyiv/"])
def test_targets_are_24_px_and_each_hits_its_own_link(
    browser: Browser, server: str, width: int, path: str
) -> None:
    context = browser.new_context(
        base_url=server, viewport={"width": width, "height": 800}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(path)
        page.locator("figure.city-map").scroll_into_view_if_needed()  # elementFromPoint: in view
        targets = page.evaluate(TARGETS)
        assert len(targets) > 5
        for target in targets:  # (a circle's box: 24 px but for rounding)
            assert round(target["width"], 2) >= 24 and round(target["height"], 2) >= 24, target
            assert target["right"] <= width, target
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "sideways"
        missed = [t["href"] for t in targets if not t["hits"]]
        assert not missed, f"the centre of these markers is covered by another: {missed}"
    finally:
        context.close()


@pytest.mark.parametrize("language", ["", "uk/"])
def test_cities_near_kyiv_are_reached_by_click_and_by_tab(
    browser: Browser, server: str, site: Path, language: str
) -> None:
    context = browser.new_context(
        base_url=server, viewport={"width": 390, "height": 800}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        found = routes(site, language)
        for city in NEAR_KYIV:
            overview, *closer = found[city]
            page.goto(f"/{overview}")
            for path in closer:  # tapped as a finger would, on the middle of the marker
                page.locator(f'figure.city-map a[href="/{path}"] .hit').click()
                page.wait_for_url(f"**/{path}")
            marker = page.locator(f'figure.city-map a[data-city="{city}"]')
            marker.scroll_into_view_if_needed()
            box = marker.locator(".hit").bounding_box()
            assert round(box["width"], 2) >= 24 and round(box["height"], 2) >= 24
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            at_centre = f"document.elementFromPoint({x}, {y}).closest('a')?.dataset.city"
            assert page.evaluate(at_centre) == city
            page.locator("body").focus()
            for _ in range(60):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.dataset?.city") == city:
                    break
            else:
                pytest.fail(f"Tab never reaches the marker of {city} on {page.url}")
            page.keyboard.press("Enter")
            page.wait_for_url(f"**/{language}cities/{city}/")
    finally:
        context.close()


@pytest.mark.parametrize("url", ["/cities/", "/uk/cities/", "/cities/map/1/ua-kyiv/"])
def test_cities_page_with_its_map_has_no_accessibility_violations(page: Page, url: str) -> None:
    page.goto(url)
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
