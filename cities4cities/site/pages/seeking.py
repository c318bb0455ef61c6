"""/partnerships/seeking/: the cities seeking a partner, Ukrainian communities first, with a
static page per side (Ukraine, the rest of Europe) and per priority sector; a page per suggested
pair (/partnerships/suggested/<ukrainian>/<european>/) with the reasons; and what a seeking
city's page shows: its profile and its suggested partners."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ... import names
from ...matching import PartnerSuggestion
from ...messages import N_
from ...partnering import is_ukrainian, working_languages
from ...records import City
from ..context import Context, Page
from ..reasons import reason_text
from .partnerships import chunked, city_names, section_links

SIDES = {"ukraine": N_("Ukrainian communities"), "europe": N_("European cities")}


def seeking_pages(ctx: Context) -> Iterator[Page]:
    cities = seeking_cities(ctx)
    filters = seeking_filters(ctx, cities)
    yield from seeking_list(ctx, "partnerships/seeking/", cities, filters, None)
    for facet in filters:
        for option in facet["options"]:
            chosen = [c for c in cities if option["value"] in _values(c, facet["name"])]
            yield from seeking_list(ctx, option["path"], chosen, filters, option)
    made: set[tuple[str, str]] = set()
    for suggestions in ctx.partners.values():
        for suggestion in suggestions:
            if (suggestion.ukrainian, suggestion.european) not in made:
                made.add((suggestion.ukrainian, suggestion.european))
                yield pair_page(ctx, suggestion)


def seeking_cities(ctx: Context) -> list[City]:
    """Ukrainian communities first, then the other cities, each A-Z in the reader's language."""
    found = (c for c in ctx.dataset.cities.values() if c.seeking)
    return sorted(found, key=lambda c: (not is_ukrainian(c), ctx.city_key(c)))


def _values(city: City, name: str) -> tuple[str, ...]:
    if name == "side":
        return ("ukraine" if is_ukrainian(city) else "europe",)
    return city.partnership_priorities


def seeking_filters(ctx: Context, cities: list[City]) -> list[dict]:
    facets = []
    for name, title in (("side", N_("Side")), ("sector", N_("Sector"))):
        counts = Counter(v for c in cities for v in _values(c, name))
        order = SIDES if name == "side" else names.enum_labels("sector")
        facets.append(
            {
                "name": name,
                "label": ctx.gettext(title),
                "options": [
                    {
                        "value": value,
                        "label": ctx.gettext(SIDES[value])
                        if name == "side"
                        else ctx.label("sector", value),
                        "count": counts[value],
                        "path": f"partnerships/seeking/{name}/{value}/",
                        "url": ctx.url(f"partnerships/seeking/{name}/{value}/"),
                    }
                    for value in order
                    if counts[value]
                ],
            }
        )
    return facets


def seeking_list(
    ctx: Context, base: str, cities: list[City], filters: list[dict], chosen: dict | None
) -> Iterator[Page]:
    heading = ctx.gettext("Cities seeking partners")
    title = f"{heading}: {chosen['label']}" if chosen else heading
    lead = ctx.ngettext(
        "%(num)d city seeking a partner", "%(num)d cities seeking a partner", len(cities)
    ) % {"num": len(cities)}
    for path, shown, chunk, pagination in chunked(ctx, base, cities, title):
        yield ctx.page(
            path,
            "seeking.html",
            shown,
            heading=heading,
            lead=lead,
            chosen=chosen,
            all_url=ctx.url("partnerships/seeking/"),
            facets=filters,
            entries=[
                {
                    **ctx.city_ref(city.id),
                    "seeking": seeking_profile(ctx, city),
                    "suggested": suggested_partners(ctx, city.id),
                }
                for city in chunk
            ],
            pagination=pagination,
            links=section_links(ctx),
        )


def seeking_profile(ctx: Context, city: City) -> dict | None:
    """What a seeking city declares, in the reader's words (None if it seeks no partner)."""
    seeking = city.seeking
    if seeking is None:
        return None
    return {
        "priorities": [ctx.sector_ref(s) for s in seeking.priorities],
        "brings": [ctx.label("contribution", c) for c in seeking.brings],
        "seeks": [ctx.label("contribution", c) for c in seeking.seeks],
        "languages": [ctx.language_name(code) for code in working_languages(city)],
        "project": ctx.text(seeking.project),
        "project_about": ctx.text(seeking.project_about),
    }


def pair_path(suggestion: PartnerSuggestion) -> str:
    return f"partnerships/suggested/{suggestion.ukrainian}/{suggestion.european}/"


def suggested_partners(ctx: Context, city_id: str) -> list[dict]:
    """A seeking city's suggested partners, best first, each with its reasons in words."""
    return [
        {
            **ctx.city_ref(suggestion.other(city_id)),
            "pair_url": ctx.url(pair_path(suggestion)),
            "score": suggestion.score,
            "reasons": [reason_text(ctx, r) for r in suggestion.reasons if r.contribution],
        }
        for suggestion in ctx.partners.get(city_id, ())
    ]


def pair_page(ctx: Context, suggestion: PartnerSuggestion) -> Page:
    """Two cities suggested to each other: why, what each seeks, and whom to write to."""
    ds = ctx.dataset
    sides = []
    for city_id in (suggestion.ukrainian, suggestion.european):
        city = ds.cities[city_id]
        sides.append(
            {
                **ctx.city_ref(city_id),
                "seeking": seeking_profile(ctx, city),
                "office": ctx.text(city.contact.organisation),
                "email": city.contact.email,
            }
        )
    name = city_names(ctx, (suggestion.ukrainian, suggestion.european))
    return ctx.page(
        pair_path(suggestion),
        "pair.html",
        ctx.gettext("Suggested partners: %(pair)s") % {"pair": name},
        sides=sides,
        reasons=[reason_text(ctx, r) for r in suggestion.reasons if r.contribution],
        record_url=ctx.url("submit/") + "?kind=partnership",
        links=section_links(ctx),
    )
