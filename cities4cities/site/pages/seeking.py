"""/partnerships/seeking/: the cities seeking a partner, Ukrainian communities first, with a
static page per side (Ukraine, the rest of Europe) and per priority sector; a page per suggested
pair (/partnerships/suggested/<ukrainian>/<european>/) with the reasons; and what a seeking
city's page shows: its profile and its suggested partners."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlencode

from ... import names
from ...matching import PartnerSuggestion
from ...messages import N_
from ...partnering import is_ukrainian, working_languages
from ...records import City, LocalizedText
from ..context import Context, Page
from ..reasons import reason_text
from .partnerships import city_names, list_pages, section_links

SIDES = {"ukraine": N_("Ukrainian communities"), "europe": N_("European cities")}


BASE = "partnerships/seeking/"


def seeking_pages(ctx: Context) -> Iterator[Page]:
    """The list, a page per side and per sector, and per side and sector together (filters
    combine without JavaScript); then the pages of the suggested pairs."""
    cities = seeking_cities(ctx)
    scopes: list[tuple[str, list[City], list[dict]]] = [(BASE, cities, [])]
    for side in SIDES:
        on_side = [c for c in cities if _side(c) == side]
        if on_side:
            label = ctx.gettext(SIDES[side])
            scopes.append((f"{BASE}side/{side}/", on_side, [{"label": label}]))
    for base, scope, chosen in scopes:
        filters = seeking_filters(ctx, cities, scope, base)
        yield from seeking_list(ctx, base, scope, filters, chosen)
        for option in filters[1]["options"]:
            listed = [c for c in scope if option["value"] in c.partnership_priorities]
            yield from seeking_list(ctx, option["path"], listed, filters, [*chosen, option])
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


def _side(city: City) -> str:
    return "ukraine" if is_ukrainian(city) else "europe"


def seeking_filters(ctx: Context, cities: list[City], scope: list[City], base: str) -> list[dict]:
    """The sides (of all seeking cities), and the sectors of those in scope, under `base`."""
    sides = Counter(_side(c) for c in cities)
    sectors = Counter(s for c in scope for s in c.partnership_priorities)
    return [
        {
            "name": "side",
            "label": ctx.gettext(N_("Side")),
            "options": [
                _option(ctx, side, ctx.gettext(SIDES[side]), sides[side], f"{BASE}side/{side}/")
                for side in SIDES
                if sides[side]
            ],
        },
        {
            "name": "sector",
            "label": ctx.gettext(N_("Sector")),
            "options": [
                _option(ctx, s, ctx.label("sector", s), sectors[s], f"{base}sector/{s}/")
                for s in names.enum_labels("sector")
                if sectors[s]
            ],
        },
    ]


def _option(ctx: Context, value: str, label: str, count: int, path: str) -> dict:
    return {"value": value, "label": label, "count": count, "path": path, "url": ctx.url(path)}


def seeking_list(
    ctx: Context, base: str, cities: list[City], filters: list[dict], chosen: list[dict]
) -> Iterator[Page]:
    heading = ctx.gettext("Cities seeking partners")
    yield from list_pages(
        ctx,
        base,
        cities,
        " · ".join([heading, *(c["label"] for c in chosen)]),
        "seeking.html",
        seeking_entry,
        lead=ctx.ngettext(
            "%(num)d city seeking a partner", "%(num)d cities seeking a partner", len(cities)
        )
        % {"num": len(cities)},
        here=base if chosen else "",  # the filters it is under: those whose path it extends
        all_url=ctx.url(BASE),
        facets=filters,
    )


def seeking_entry(ctx: Context, city: City) -> dict:
    return {
        **ctx.city_ref(city.id),
        "seeking": seeking_profile(ctx, city),
        "suggested": suggested_partners(ctx, city.id),
    }


def seeking_profile(ctx: Context, city: City) -> dict | None:
    """What a seeking city declares, in the reader's words (None if it seeks no partner)."""
    seeking = city.seeking
    if seeking is None:
        return None
    return {
        "priorities": [  # each leads to the cities seeking a partner in it
            {**ctx.sector_ref(s), "url": ctx.url(f"{BASE}sector/{s}/")} for s in seeking.priorities
        ],
        "brings": [ctx.label("contribution", c) for c in seeking.brings],
        "seeks": [ctx.label("contribution", c) for c in seeking.seeks],
        "languages": [ctx.language_name(code) for code in working_languages(city)],
        "project": ctx.text(seeking.project),
        "project_about": ctx.text(seeking.project_about),
    }


def pair_path(suggestion: PartnerSuggestion) -> str:
    return f"partnerships/suggested/{suggestion.ukrainian}/{suggestion.european}/"


def suggested_partners(ctx: Context, city_id: str) -> list[dict]:
    """A seeking city's suggested partners, best first, as the cards of a list of suggestions
    (macros.html): the pair's page, the partner city, the reasons in words."""
    cards = []
    for suggestion in ctx.partners.get(city_id, ()):
        other = suggestion.other(city_id)
        pair = LocalizedText([(ctx.language, city_names(ctx, (city_id, other)))])
        cards.append(
            {
                "kind": "partnership",
                "url": ctx.url(pair_path(suggestion)),
                "title": ctx.text(pair),
                "city": ctx.city_ref(other),
                "score": suggestion.score,
                "reasons": [reason_text(ctx, r) for r in suggestion.reasons if r.contribution],
            }
        )
    return cards


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
        # The form for a partnership, its cities filled in (submit.js reads the parameters).
        record_url=ctx.url("submit/")
        + "?"
        + urlencode(
            {"kind": "partnership", "cities": f"{suggestion.ukrainian}, {suggestion.european}"}
        ),
        links=section_links(ctx),
    )
