"""/partnerships/: every partnership, newest first, with a static page per filter (kind, sector,
country, status: filters work without JavaScript), in pages as other lists; /partnerships/<id>/;
/partnerships/countries/: who works with whom, as lists grouped by country; and what a city's
page shows of its partnerships."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from ... import names
from ...messages import N_
from ...partnering import is_current, newest_partnerships
from ...records import Partnership
from ..context import Context, Page
from .listings import chunked, page_path, pagination
from .records import verification

PER_COUNTRY = 10  # partnerships of a country on the page of who works with whom; then a link
FACETS = {
    "kind": N_("Kind of partnership"),
    "sector": N_("Sector"),
    "country": N_("Country"),
    "status": N_("Status"),
}
_VOCABULARIES = {"kind": "partnership_kind", "sector": "sector", "status": "partnership_status"}


def partnership_pages(ctx: Context) -> Iterator[Page]:
    records = newest_partnerships(ctx.dataset.partnerships.values())
    facets = partnership_facets(ctx, records)
    yield from paged(ctx, "partnerships/", records, facets, None)
    for facet in facets:
        for option in facet["options"]:
            chosen = [p for p in records if option["value"] in facet_values(ctx, p, facet["name"])]
            yield from paged(ctx, option["path"], chosen, facets, option)
    for partnership in records:
        yield partnership_page(ctx, partnership)
    yield countries_page(ctx, records)


def facet_values(ctx: Context, partnership: Partnership, name: str) -> tuple[str, ...]:
    if name == "sector":
        return partnership.sectors
    if name == "country":
        cities = ctx.dataset.cities
        return tuple(dict.fromkeys(cities[c].country for c in partnership.cities if c in cities))
    return (getattr(partnership, name),)


def partnership_facets(ctx: Context, records: list[Partnership]) -> list[dict]:
    """The filters of the list, each option with the number of partnerships it lists."""
    facets = []
    for name, title in FACETS.items():
        counts = Counter(v for p in records for v in facet_values(ctx, p, name))
        if name == "country":
            values = sorted(counts, key=ctx.country_key)
        else:
            values = [v for v in names.enum_labels(_VOCABULARIES[name]) if counts[v]]
        facets.append(
            {
                "name": name,
                "label": ctx.gettext(title),
                "options": [
                    {
                        "value": value,
                        "label": facet_label(ctx, name, value),
                        "count": counts[value],
                        "path": f"partnerships/{name}/{value.lower()}/",
                        "url": ctx.url(f"partnerships/{name}/{value.lower()}/"),
                    }
                    for value in values
                ],
            }
        )
    return facets


def facet_label(ctx: Context, name: str, value: str) -> str:
    if name == "country":
        return ctx.country_name(value)
    return ctx.label(_VOCABULARIES[name], value)


def chunked_pages(
    ctx: Context, base: str, entries: list, title: str
) -> Iterator[tuple[str, str, list, dict]]:
    """A list cut into pages (listings.py's size and addresses): each page's path, title,
    entries and pagination."""
    chunks = chunked(entries)
    for number, chunk in enumerate(chunks, start=1):
        shown = title
        if number > 1:
            shown += " · " + ctx.gettext("page %(number)d") % {"number": number}
        yield page_path(base, number), shown, chunk, pagination(ctx, base, number, len(chunks))


def paged(
    ctx: Context, base: str, records: list[Partnership], facets: list[dict], chosen: dict | None
) -> Iterator[Page]:
    heading = ctx.gettext("Partnerships")
    yield from list_pages(
        ctx,
        base,
        records,
        f"{heading}: {chosen['label']}" if chosen else heading,
        "partnerships.html",
        partnership_card,
        lead=ctx.ngettext("%(num)d partnership", "%(num)d partnerships", len(records))
        % {"num": len(records)},
        chosen=chosen,
        all_url=ctx.url("partnerships/"),
        facets=facets,
    )


def list_pages(
    ctx: Context,
    base: str,
    entries: list,
    title: str,
    template: str,
    entry: Callable[[Context, Any], dict],
    **context: Any,
) -> Iterator[Page]:
    """A list of the section, in pages as other lists are, each entry made by `entry`."""
    for path, shown, chunk, paging in chunked_pages(ctx, base, entries, title):
        yield ctx.page(
            path,
            template,
            shown,
            entries=[entry(ctx, e) for e in chunk],
            pagination=paging,
            links=section_links(ctx),
            **context,
        )


def section_links(ctx: Context) -> list[dict]:
    """The pages of the partnerships section, for its own navigation."""
    return [
        {"label": ctx.gettext(label), "url": ctx.url(path)}
        for label, path in (
            (N_("All partnerships"), "partnerships/"),
            (N_("Cities seeking partners"), "partnerships/seeking/"),
            (N_("Who works with whom"), "partnerships/countries/"),
        )
    ]


def partnership_name(ctx: Context, partnership: Partnership) -> str:
    return city_names(ctx, partnership.cities)


def city_names(ctx: Context, city_ids: tuple[str, ...]) -> str:
    """ "Kraków \u2013 Kyiv": the cities' names in the reader's language, in the given order."""
    cities = ctx.dataset.cities
    return " \u2013 ".join(ctx.best(cities[c].name) if c in cities else c for c in city_ids)


def partnership_card(ctx: Context, partnership: Partnership) -> dict:
    """A partnership as one entry of a list."""
    return {
        "id": partnership.id,
        "url": ctx.url(f"partnerships/{partnership.id}/"),
        "name": partnership_name(ctx, partnership),
        "cities": [ctx.city_ref(c) for c in partnership.cities if c in ctx.dataset.cities],
        "kind": ctx.label("partnership_kind", partnership.kind),
        "status": {
            "value": partnership.status,
            "label": ctx.label("partnership_status", partnership.status),
            "current": is_current(partnership),
        },
        "since": ctx.date(partnership.since),
        "ended": ctx.date(partnership.ended),
        "sectors": [ctx.sector_ref(s) for s in partnership.sectors],
        "example": partnership.example,
    }


def partnership_page(ctx: Context, partnership: Partnership) -> Page:
    ds = ctx.dataset
    needs = [ds.needs[n] for n in partnership.needs if n in ds.needs]
    pledges = [ds.pledges[p] for p in partnership.pledges if p in ds.pledges]
    return ctx.page(
        f"partnerships/{partnership.id}/",
        "partnership.html",
        partnership_name(ctx, partnership),
        partnership={
            **partnership_card(ctx, partnership),
            "about": ctx.text(partnership.about, markdown=True),
            "projects": [
                {"title": ctx.text(p.title), "status": ctx.label("project_status", p.status)}
                for p in partnership.projects
            ],
            "contacts": [
                {
                    "city": ctx.city_ref(city) if city in ds.cities else None,
                    "organisation": ctx.text(office),
                    "email": email,
                }
                for city, office, email in partnership.contacts
            ],
            "links": [
                {"title": ctx.text(link.title), "url": link.url} for link in partnership.links
            ],
            "verification": verification(ctx, partnership),
        },
        needs=[ctx.card(n) for n in needs],
        pledges=[
            {
                "url": ctx.url(f"needs/{p.need}/") + f"#{p.id}",
                "city": ctx.city_ref(p.city),
                "need": ctx.text(ds.needs[p.need].title) if p.need in ds.needs else None,
                "status": ctx.label("pledge_status", p.status),
            }
            for p in pledges
        ],
        links=section_links(ctx),
    )


def countries_page(ctx: Context, records: list[Partnership]) -> Page:
    """Who works with whom: for each country, its cities' partnerships with the cities of other
    countries (a partnership of cities of one country only is listed under it), A-Z; the
    newest PER_COUNTRY, and a link to the country's filter page for all of them."""
    by_country: dict[str, list[Partnership]] = {}
    for partnership in records:
        for country in partners_abroad(ctx, partnership):
            by_country.setdefault(country, []).append(partnership)
    countries = []
    for code in sorted(by_country, key=ctx.country_key):
        listed = by_country[code]
        countries.append(
            {
                **ctx.country_ref(code),
                "count": sum(1 for p in listed if is_current(p)),
                "total": len(listed),
                "partnerships": [partnership_card(ctx, p) for p in listed[:PER_COUNTRY]],
                "all_url": ctx.url(f"partnerships/country/{code.lower()}/"),
            }
        )
    return ctx.page(
        "partnerships/countries/",
        "partnerships_countries.html",
        ctx.gettext("Who works with whom"),
        countries=countries,
        links=section_links(ctx),
    )


def partners_abroad(ctx: Context, partnership: Partnership) -> list[str]:
    """The countries a partnership is listed under on the page of who works with whom: those
    of its cities outside Ukraine, or Ukraine when it has no other."""
    countries = facet_values(ctx, partnership, "country")
    abroad = [c for c in countries if c != "UA"]
    return abroad or list(countries)


def city_partnerships(ctx: Context, city_id: str) -> list[dict]:
    """A city's partnerships, newest first, for its page."""
    return [partnership_card(ctx, p) for p in ctx.facts.partnerships.of(city_id)]


def partnership_tables(ctx: Context) -> list[dict]:
    """The statistics of partnerships (every status): by the year each began, and by sector
    (a partnership counts in each of its sectors), with bars on one scale per table."""
    facts = ctx.facts.partnerships
    by_year = [(str(year), str(year), None, n) for year, n in facts.by_year.items()]
    by_sector = [
        (slug, ctx.label("sector", slug), f"partnerships/sector/{slug}/", facts.by_sector[slug])
        for slug in names.enum_labels("sector")
        if slug in facts.by_sector
    ]
    tables = []
    for caption, row_label, rows in (
        (N_("Partnerships by the year they began"), N_("Year"), by_year),
        (N_("Partnerships by sector"), N_("Sector"), by_sector),
    ):
        top = max((n for *_, n in rows), default=0)
        tables.append(
            {
                "caption": ctx.gettext(caption),
                "row_label": ctx.gettext(row_label),
                "columns": [("partnerships", ctx.gettext("Partnerships"))],
                "rows": [
                    {
                        "name": name,
                        "url": ctx.url(path) if path else None,
                        "partnerships": n,
                        "bars": {"partnerships": round(100 * n / top, 1) if top else 0.0},
                    }
                    for _, name, path, n in rows
                ],
            }
        )
    return tables
