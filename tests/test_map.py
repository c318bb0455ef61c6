"""The map of the cities: the committed outlines, the projection, the SVG drawn into the home page
and /cities/ (one linked point per city, in its country), and how Chromium shows it."""

from __future__ import annotations

import gzip
import json
import os
import re
from functools import cache
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, TODAY
from playwright.sync_api import Page

from cities4cities import geo
from cities4cities.records import Dataset
from cities4cities.validation import validate_content

MAP_PAGES = ["", "cities/", "uk/", "uk/cities/"]
OUTLINES_GZIP_BUDGET = 40 * 1024
MARKERS = {  # what a city has open -> the classes of its marker's shapes
    (True, True): {"mk-need", "mk-offer"},
    (True, False): {"mk-need"},
    (False, True): {"mk-offer"},
    (False, False): {"mk-none"},
}


@cache
def dataset() -> Dataset:
    return validate_content(ROOT / "content", TODAY).dataset


def map_svg(site: Path, path: str) -> Tag:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    svg = BeautifulSoup(html, "html.parser").select_one("figure.city-map > svg")
    assert svg is not None, f"/{path} has no map"
    return svg


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


# -- the SVG in the pages --------------------------------------------------------------------


@pytest.mark.parametrize("path", MAP_PAGES)
def test_one_linked_point_per_city_with_its_coordinates(site: Path, path: str) -> None:
    svg = map_svg(site, path)
    points = {a["data-city"]: a for a in svg.select("a[data-city]")}
    cities = dataset().cities
    assert len(svg.select("a")) == len(points) == len(cities)
    assert set(points) == set(cities)
    width, height = map(int, svg["viewbox"].split()[2:])
    for city_id, link in points.items():
        city = cities[city_id]
        assert (float(link["data-lat"]), float(link["data-lon"])) == (
            city.location.lat,
            city.location.lon,
        )
        x, y = map(int, re.fullmatch(r"translate\((-?\d+) (-?\d+)\)", link["transform"]).groups())
        assert 0 < x < width and 0 < y < height, f"{city_id} is drawn outside the map"
        target = site / link["href"].lstrip("/") / "index.html"
        assert target.is_file(), f"{link['href']} (the point of {city_id}) does not resolve"
        assert link["href"] == f"/{path.removesuffix('cities/')}cities/{city_id}/"


@pytest.mark.parametrize("path", ["", "uk/"])
def test_points_are_named_in_the_readers_language(site: Path, path: str) -> None:
    svg = map_svg(site, path)
    kyiv = svg.select_one('a[data-city="ua-kyiv"]')
    assert kyiv is not None
    expected = "Kyiv, Ukraine" if path == "" else "Київ, Україна"
    assert kyiv["aria-label"].startswith(expected + ": ")
    assert kyiv.title.get_text() == kyiv["aria-label"]
    assert re.search(r"\d+ (open needs?|відкрит)", kyiv["aria-label"])


def test_markers_tell_needs_from_offers_by_shape(site: Path) -> None:
    svg = map_svg(site, "")
    ds = dataset()
    for city_id, link in ((a["data-city"], a) for a in svg.select("a[data-city]")):
        needs = any(n.city == city_id and n.is_open for n in ds.needs.values())
        offers = any(o.city == city_id and o.is_open for o in ds.offers.values())
        shapes = {cls for shape in link.select(".mk") for cls in shape["class"] if cls != "mk"}
        assert shapes == MARKERS[needs, offers], city_id
    legend = svg.find_parent("figure").select(".map-legend li")
    assert len(legend) == len(MARKERS), "the legend explains every marker in words"
    assert all(item.get_text(strip=True) for item in legend)


def test_ukraine_is_highlighted_and_outlines_stay_small(site: Path) -> None:
    land = map_svg(site, "").select_one("g.land")
    highlighted = land.select("path.highlighted")
    assert len(highlighted) == 1
    outlines = str(land).encode()
    assert len(gzip.compress(outlines)) < OUTLINES_GZIP_BUDGET, "the outlines grew too large"


# -- in Chromium -----------------------------------------------------------------------------


def test_map_screenshot_and_no_other_hosts(
    page: Page, requested: list[str], server: str, tmp_path: Path
) -> None:
    directory = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "home-map.png"
    page.goto("/", wait_until="networkidle")
    figure = page.locator("figure.city-map")
    figure.screenshot(path=path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000, f"{path} is suspiciously small ({len(data)} bytes)"
    box = figure.locator(":scope > svg").bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 250
    elsewhere = [u for u in requested if not u.startswith((f"{server}/", "data:"))]
    assert not elsewhere, f"the home page asked other hosts for: {elsewhere}"


def test_map_points_take_the_keyboard_focus(page: Page) -> None:
    page.goto("/")
    first = page.locator("figure.city-map > svg a").first
    first.focus()
    assert page.evaluate("document.activeElement.dataset.city") == first.get_attribute("data-city")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('figure.city-map svg') !== null")


@pytest.mark.parametrize("url", ["/cities/", "/uk/cities/"])
def test_cities_page_with_its_map_has_no_accessibility_violations(page: Page, url: str) -> None:
    page.goto(url)
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
