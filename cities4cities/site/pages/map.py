"""The map of the cities (home page and /cities/): data for theme/templates/citymap.html.
Outlines and projection come from cities4cities.geo; here, the frame around the cities and
Ukraine, and each city's marker, link and name in the reader's language."""

from __future__ import annotations

from functools import cache

from ... import geo
from ...messages import N_, translations
from ...records import City
from ..context import Context

HIGHLIGHTED = "UA"  # always in the frame, and set apart by its colour
# What a city has open -> its marker (shape and colour, drawn by the template) and legend text.
MARKERS = {
    "needs": N_("Open needs"),
    "offers": N_("Open offers"),
    "both": N_("Open needs and offers"),
    "none": N_("No open needs or offers"),
}


def city_map(ctx: Context) -> dict:
    """The outlines as SVG paths and one linked point per city, ordered as the list of cities
    (by country, then name), which is also the order of the keyboard."""
    cities = sorted(
        ctx.dataset.cities.values(), key=lambda c: (ctx.country_key(c.country), ctx.city_key(c))
    )
    frame, outlines = _drawing(tuple((c.location.lon, c.location.lat) for c in cities))
    points = []
    for city in cities:
        point = geo.project(city.location.lon, city.location.lat)
        if frame.contains(point):  # beyond LIMITS (the Azores, say): in the list only
            points.append(_point(ctx, city, frame.svg(point)))
    return {
        "width": frame.width,
        "height": frame.height,
        "outlines": outlines,
        "points": points,
        "legend": [{"marker": m, "label": ctx.gettext(text)} for m, text in MARKERS.items()],
    }


@cache
def _drawing(locations: tuple[tuple[float, float], ...]) -> tuple[geo.Frame, list[dict]]:
    """The frame around the cities and Ukraine, and the country outlines in it: the same for
    both pages and every language, so drawn once."""
    countries = geo.outlines()
    highlighted = [c for c in countries if c.code == HIGHLIGHTED]
    corners = [geo.project(lon, lat) for c in highlighted for p in c.polygons for lon, lat in p[0]]
    frame = geo.Frame.around([*corners, *(geo.project(lon, lat) for lon, lat in locations)])
    outlines = [
        {"code": country.code, "d": path, "highlighted": country.code == HIGHLIGHTED}
        for country in countries
        if (path := frame.path(country.polygons))
    ]
    return frame, outlines


def _point(ctx: Context, city: City, xy: tuple[int, int]) -> dict:
    summary = ctx.city_summary(city)
    needs, offers = summary["open_needs"], summary["open_offers"]
    marker = {(True, True): "both", (True, False): "needs", (False, True): "offers"}.get(
        (needs > 0, offers > 0), "none"
    )
    ngettext = translations(ctx.language).ngettext
    # The same words as the list of cities beside the map (macros.city_list).
    counts = [
        ngettext("%(num)d open need", "%(num)d open needs", needs) % {"num": needs},
        ngettext("%(num)d open offer", "%(num)d open offers", offers) % {"num": offers},
    ]
    name = summary["name"]["text"]
    country = ctx.country_name(city.country)
    return {
        "id": city.id,
        "url": summary["url"],
        "label": f"{name}, {country}: {', '.join(counts)}",
        "marker": marker,
        "x": xy[0],
        "y": xy[1],
        "lat": city.location.lat,
        "lon": city.location.lon,
    }
