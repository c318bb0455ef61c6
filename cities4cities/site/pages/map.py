"""The map of the cities: the overview on the home page and /cities/, and a closer map of each
group of cities too close together to tell apart (/cities/map/<depth>/<city id>/).

A map is a cached image of the land (/map/<digest>.svg, the same for every page and language
that shows that area) under a small inline SVG of links: one marker per city or group, placed
in percent of the map and drawn in CSS pixels, so a marker keeps its size (a 24 px target) on
any screen. Markers are grouped as they would overlap on the narrowest screen; a group's marker
links to the closer map of its cities, which lists them in words too. Outlines and projection
come from cities4cities.geo."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from hashlib import sha256

from ... import geo
from ...messages import N_
from ...records import City
from ...vocabulary import LANGUAGES
from ..context import Context, OutputFile, Page

HIGHLIGHTED = "UA"  # always in the overview, and set apart by its colour
HIGHLIGHT = ' class="h"'
MARGIN = 0.1  # of a map's extent around its cities: room for a marker and its name
ASPECT = 1.6  # every map is this many times as wide as high (site.css says it too)
SMALLEST = 288  # px: a map's width on a 320 px screen, less the page's margins (1rem a side)
TARGET = 24  # px: a marker's link, the least tap target of WCAG 2.2 (2.5.8)
SPACING = 28  # px between markers on the smallest map: their targets never touch
CLOSEST = 20.0  # km: the narrowest area a closer map shows (a marker is then 2 km across)
LABEL_HEIGHT, CHARACTER = 16, 7.5  # px: a line of a name (13 px text), a letter's width
# Where a marker's name may stand: its baseline's offset from the marker, the text's anchor.
LABELS = ((14, 4, "start"), (-14, 4, "end"), (0, -16, "middle"), (0, 27, "middle"))
GROUP_NAMES = 10  # names a group's marker says before "…"
# What a city has open -> its marker (shape and colour, drawn by the template) and legend text.
MARKERS = {
    "needs": N_("Open needs"),
    "offers": N_("Open offers"),
    "both": N_("Open needs and offers"),
    "none": N_("No open needs or offers"),
    "group": N_("Cities close together: how many, and a closer map"),
}

Box = tuple[float, float, float, float]  # left, top, right, bottom in px on the smallest map


@dataclass(frozen=True)
class Area:
    """What one map shows: its frame and its markers, each a group of city ids (the largest
    city first, where the marker stands); `key` "" is the overview, else "<depth>/<city id>"."""

    key: str
    frame: geo.Frame
    groups: tuple[tuple[str, ...], ...]
    parent: str | None
    places: dict[str, tuple[float, float]]  # a group's first city -> its place in fractions
    closer: dict[str, str]  # a group's first city -> the key of its closer map, if any

    @property
    def image(self) -> str:
        """The path of its land's image, named after its content: another image, another
        address, so that a browser may keep it as long as the host allows."""
        return f"map/{sha256(_land(self.frame).encode()).hexdigest()[:12]}.svg"


def map_pages(ctx: Context) -> Iterator[Page | OutputFile]:
    """The land of every map (once for all languages), and the page of each closer map."""
    areas = atlas(ctx)
    for area in areas.values():
        if ctx.language == LANGUAGES[0]:  # the same for every language: written once
            yield OutputFile(area.image, _land(area.frame), shared=True)
        if area.key:
            yield _area_page(ctx, area, areas)


def city_map(ctx: Context, key: str = "") -> dict:
    """One map for citymap.html: its image, and its markers in the order of the list of
    cities (by country, then name), which is also the order of the keyboard."""
    area = atlas(ctx)[key]
    cities = ctx.dataset.cities
    labels = _labels(area, [ctx.best(cities[g[0]].name) for g in area.groups])
    groups = sorted(
        area.groups,
        key=lambda g: (ctx.country_key(cities[g[0]].country), ctx.city_key(cities[g[0]])),
    )
    return {
        "image": f"{ctx.siteurl}/{area.image}",
        "points": [_point(ctx, area, group, labels.get(group[0])) for group in groups],
        "legend": [{"marker": m, "label": ctx.gettext(text)} for m, text in MARKERS.items()],
    }


def map_of(ctx: Context, city: City) -> str | None:
    """The address of the map where a city has a marker of its own (None: beyond LIMITS)."""
    key = _own_markers(_places(ctx)).get(city.id)
    if key is None:
        return None
    return ctx.url(f"cities/map/{key}/" if key else "cities/")


def atlas(ctx: Context) -> dict[str, Area]:
    """Every map of the site, by key: the same in every language, so made once."""
    return _atlas(_places(ctx))


def _places(ctx: Context) -> tuple[tuple[str, float, float], ...]:
    """Every city and where it is, the largest first (it stands for its group)."""
    cities = sorted(ctx.dataset.cities.values(), key=lambda c: (-(c.population or 0), c.id))
    return tuple((c.id, c.location.lon, c.location.lat) for c in cities)


@cache
def _own_markers(places: tuple[tuple[str, float, float], ...]) -> dict[str, str]:
    """city id -> the key of the map where it has a marker of its own."""
    return {g[0]: a.key for a in _atlas(places).values() for g in a.groups if len(g) == 1}


@cache
def _atlas(places: tuple[tuple[str, float, float], ...]) -> dict[str, Area]:
    """The overview around Ukraine and the cities (largest first), then a closer map of each
    group of more than one city, and so on until a map is CLOSEST across."""
    points = {city: geo.project(lon, lat) for city, lon, lat in places}
    ukraine = [c for c in geo.outlines() if c.code == HIGHLIGHTED]
    corners = [geo.project(lon, lat) for c in ukraine for p in c.polygons for lon, lat in p[0]]
    overview = geo.Frame.around([*corners, *points.values()], MARGIN, ASPECT)
    # Beyond LIMITS (the Azores, say): in the list only.
    shown = tuple(city for city, _, _ in places if overview.contains(points[city]))
    areas: dict[str, Area] = {}
    todo: list[tuple[str, geo.Frame, Sequence[str], str | None]] = [("", overview, shown, None)]
    while todo:
        key, frame, members, parent = todo.pop()
        groups = _group(frame, members, points)
        depth = int(key.split("/")[0]) + 1 if key else 1
        closer = {}
        if frame.east - frame.west > CLOSEST * 1.001:  # else what stands together is listed
            for group in (g for g in groups if len(g) > 1):
                closer[group[0]] = f"{depth}/{group[0]}"
                around = geo.Frame.around([points[c] for c in group], MARGIN, ASPECT, CLOSEST)
                todo.append((closer[group[0]], around, group, key))
        anchors = {g[0]: _fractions(frame, points[g[0]]) for g in groups}
        areas[key] = Area(key, frame, groups, parent, anchors, closer)
    return areas


def _group(
    frame: geo.Frame, members: Sequence[str], points: dict[str, geo.Point]
) -> tuple[tuple[str, ...], ...]:
    """The members in groups whose markers stand SPACING apart on the smallest map."""
    pixels = [tuple(n * SMALLEST for n in _fractions(frame, points[c])) for c in members]
    return tuple(tuple(members[i] for i in group) for group in geo.cluster(pixels, SPACING))


def _fractions(frame: geo.Frame, point: geo.Point) -> tuple[float, float]:
    """Where a point stands on a map: the fractions of its width from the left and of its
    width (not height: a pixel is as high as wide) from the top."""
    across = frame.east - frame.west
    return (point[0] - frame.west) / across, (frame.north - point[1]) / across


@cache
def _land(frame: geo.Frame) -> str:
    """The image of the land in a frame: sea, countries, Ukraine highlighted, in its own
    colours (an image does not see the page's stylesheet)."""
    paths = "".join(
        f'<path d="{d}"{HIGHLIGHT if country.code == HIGHLIGHTED else ""}/>'
        for country in geo.outlines()
        if (d := frame.path(country.polygons))
    )
    height = round(frame.width / ASPECT)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {height}" '
        f'width="{frame.width}" height="{height}"><style>'
        "svg{background:#eaf1f8}path{fill:#d9dee4;stroke:#fff;stroke-width:1.5;"
        "stroke-linejoin:round}.h{fill:#fff0a8;stroke:#0b2e59}</style>"
        f"{paths}</svg>\n"
    )


def _labels(area: Area, names: list[str]) -> dict[str, dict]:
    """Names beside markers, largest city first, in the first of LABELS where it overlaps no
    marker and no other name on the smallest map and stays on it: a group's first city -> the
    place of its name (x, y of the baseline from the marker, and the text's anchor)."""
    centres = {city: (x * SMALLEST, y * SMALLEST) for city, (x, y) in area.places.items()}
    half = TARGET / 2
    taken: list[Box] = [(x - half, y - half, x + half, y + half) for x, y in centres.values()]
    placed: dict[str, dict] = {}
    for group, name in zip(area.groups, names, strict=True):
        x, y = centres[group[0]]
        width = len(name) * CHARACTER
        for dx, dy, anchor in LABELS:
            left = x + dx - width * {"start": 0, "middle": 0.5, "end": 1}[anchor]
            box = (left, y + dy - LABEL_HEIGHT + 4, left + width, y + dy + 4)
            if _on_map(box) and not any(_overlap(box, other) for other in taken):
                taken.append(box)
                placed[group[0]] = {"x": dx, "y": dy, "anchor": anchor}
                break
    return placed


def _on_map(box: Box) -> bool:
    left, top, right, bottom = box
    return left >= 0 and top >= 0 and right <= SMALLEST and bottom <= SMALLEST / ASPECT


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _point(ctx: Context, area: Area, group: tuple[str, ...], label: dict | None) -> dict:
    """A marker: a city's, linked to its page, or a group's, linked to its closer map (or,
    on the closest map, to the list below it)."""
    cities = ctx.dataset.cities
    summaries = [ctx.city_summary(cities[c]) for c in group]
    needs = sum(s["open_needs"] for s in summaries)
    offers = sum(s["open_offers"] for s in summaries)
    # The same words as the list of cities beside the map (macros.open_counts).
    counts = ", ".join(
        (
            ctx.ngettext("%(num)d open need", "%(num)d open needs", needs) % {"num": needs},
            ctx.ngettext("%(num)d open offer", "%(num)d open offers", offers) % {"num": offers},
        )
    )
    name = summaries[0]["name"]["text"]
    x, y = area.places[group[0]]
    point = {"x": f"{x:.2%}", "y": f"{y * ASPECT:.2%}", "name": name, "label_at": label}
    if len(group) == 1:
        city = cities[group[0]]
        kind = {(True, True): "both", (True, False): "needs", (False, True): "offers"}
        return {
            **point,
            "city": city.id,
            "url": summaries[0]["url"],
            "label": f"{name}, {ctx.country_name(city.country)}: {counts}",
            "marker": kind.get((needs > 0, offers > 0), "none"),
            "lat": city.location.lat,
            "lon": city.location.lon,
        }
    others = [s["name"]["text"] for s in summaries[1:]]
    listed = ", ".join(others[:GROUP_NAMES]) + (", …" if len(others) > GROUP_NAMES else "")
    more = len(others)
    title = ctx.ngettext(
        "%(name)s and %(num)d more city", "%(name)s and %(num)d more cities", more
    ) % {"name": name, "num": more}
    closer = area.closer.get(group[0])
    return {
        **point,
        "count": len(group),
        "url": ctx.url(f"cities/map/{closer}/") if closer else "#area-cities",
        "label": f"{title} ({listed}): {counts}",
        "marker": "group",
    }


def _area_page(ctx: Context, area: Area, areas: dict[str, Area]) -> Page:
    """A closer map of a group of cities, with the way back and its cities in words."""
    cities = ctx.dataset.cities
    members = sorted(
        (cities[c] for g in area.groups for c in g),
        key=lambda c: (ctx.country_key(c.country), ctx.city_key(c)),
    )
    parent = areas[area.parent or ""]
    return ctx.page(
        f"cities/map/{area.key}/",
        "citymap_page.html",
        _title(ctx, area),
        city_map=city_map(ctx, area.key),
        cities=[ctx.city_summary(c) for c in members],
        up={
            "url": ctx.url(f"cities/map/{parent.key}/" if parent.key else "cities/"),
            "text": _title(ctx, parent) if parent.key else ctx.gettext("All cities"),
        },
    )


def _title(ctx: Context, area: Area) -> str:
    first: City = ctx.dataset.cities[area.key.split("/", 1)[1]]
    return ctx.gettext("%(name)s and nearby cities") % {"name": ctx.best(first.name)}
