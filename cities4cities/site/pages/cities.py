"""/cities/ (by country and region, with the map) and /cities/<id>/: a city's profile, its
needs and offers, its partnerships, what it seeks in a partner and the partners suggested to
it, and who it has helped or been helped by."""

from __future__ import annotations

from collections.abc import Iterator

from ... import trust
from ...katottg import codifier
from ...records import City
from ..context import Context, Page, number
from ..pledges import city_pledges
from .embeds import embed_snippets
from .listings import print_path
from .map import city_map, map_of
from .partnerships import city_partnerships
from .records import contact, verification
from .search import search_meta
from .seeking import seeking_profile, suggested_partners


def city_pages(ctx: Context) -> Iterator[Page]:
    yield cities_page(ctx)
    for city in ctx.dataset.cities.values():
        yield city_page(ctx, city)


def cities_page(ctx: Context) -> Page:
    """The countries A-Z in the reader's language, each with its number of cities and what they
    have open; a country's page lists its cities (so this page stays small at any size)."""
    by_country: dict[str, list[City]] = {}
    for city in ctx.dataset.cities.values():
        by_country.setdefault(city.country, []).append(city)
    countries = [
        {
            **ctx.country_ref(code),
            "cities": len(by_country[code]),
            "open_needs": sum(ctx.facts.city(c.id).open_needs for c in by_country[code]),
            "open_offers": sum(ctx.facts.city(c.id).open_offers for c in by_country[code]),
        }
        for code in sorted(by_country, key=ctx.country_key)
    ]
    return ctx.page(
        "cities/", "cities.html", ctx.gettext("Cities"), countries=countries, city_map=city_map(ctx)
    )


def city_page(ctx: Context, city: City) -> Page:
    records = ctx.facts.city(city.id)
    return ctx.page(
        f"cities/{city.id}/",
        "city.html",
        ctx.text(city.name)["text"],
        search=search_meta(ctx, city),
        city={
            **ctx.city_summary(city),
            "region": ctx.region_name(city.region),
            "population": number(city.population) if city.population else None,
            "website": city.website,
            "about": ctx.text(city.about, markdown=True),
            "location": {"lat": city.location.lat, "lon": city.location.lon},
            "map_url": map_of(ctx, city),
            "example": city.example,
            "contact": contact(ctx, city.contact, city),
            "email_domains": trust.official_domains(city),
            "katottg": community(city),
            "verification": verification(ctx, city),
            "seeking": seeking_profile(ctx, city),
        },
        needs=[ctx.card(n) for n in records.needs],
        offers=[ctx.card(o) for o in records.offers],
        helped=partner_cities(ctx, ctx.facts.helped.get(city.id, frozenset())),
        helped_by=partner_cities(ctx, ctx.facts.helped_by.get(city.id, frozenset())),
        embeds=embed_snippets(ctx, city),
        print_url=ctx.url(print_path(f"cities/{city.id}/")) if records.open_needs else None,
        partnerships=city_partnerships(ctx, city.id),
        suggested_partners_list=suggested_partners(ctx, city.id),
        **city_pledges(ctx, city.id),  # commitments, on_the_way
    )


def community(city: City) -> dict | None:
    """The city's KATOTTG code with the official Ukrainian name of its community, as the
    codifier gives it."""
    if not city.katottg or codifier().get(city.katottg) is None:
        return None
    return {"code": city.katottg, "name": codifier().full_name(city.katottg)}


def partner_cities(ctx: Context, city_ids: frozenset[str]) -> list[dict]:
    cities = sorted((ctx.dataset.cities[c] for c in city_ids), key=ctx.city_key)
    return [ctx.city_ref(c.id) for c in cities]
