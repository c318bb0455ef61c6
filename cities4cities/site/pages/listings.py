"""/needs/ and /offers/ with their filter pages, and the pages of a sector and of a country.

A list shows the open records (needs still looking for help, offers still on offer: what the
home page counts), newest first; closed and reserved ones are asked for by their status
(/needs/status/fulfilled/). Every filter page is a static page, so filtering works without
JavaScript, and its count is the number of records it lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ... import names
from ...facts import newest
from ...messages import N_
from ...records import City, Dataset, Listing
from ..context import Context, Page

PAGE_SIZE = 20
GROUP_SHOWN = 10  # a sector's or country's page: the newest open needs and offers, then a link
SECTOR_PAGES = tuple(f"needs/sector/{slug}/" for slug in names.enum_labels("sector"))
FOLDERS = {"needs": N_("Needs"), "offers": N_("Offers")}
FACETS = {
    "needs": ("sector", "country", "urgency", "status"),
    "offers": ("sector", "country", "status"),
}
FACET_TITLES = {
    "sector": N_("Sector"),
    "country": N_("Country"),
    "urgency": N_("Urgency"),
    "status": N_("Status"),
}


def listing_pages(ctx: Context) -> Iterator[Page]:
    for folder in FOLDERS:
        records = list(getattr(ctx.dataset, folder).values())
        facets = listing_facets(ctx, folder)
        yield from paginate(ctx, folder, f"{folder}/", listed(records, "all"), facets, None)
        for facet in facets:
            for option in facet["options"]:
                chosen = [
                    r
                    for r in listed(records, facet["name"])
                    if option["value"] in facet_values(r, facet["name"], ctx.dataset)
                ]
                yield from paginate(ctx, folder, option["path"], chosen, facets, option)


def listed(records: list[Listing], facet: str) -> list[Listing]:
    """What a list shows: the open records, or every record when it lists one status."""
    return records if facet == "status" else [r for r in records if r.is_open]


def listing_facets(ctx: Context, folder: str) -> list[dict]:
    """The filters of a folder's lists, each option with the number of records it lists."""
    records = list(getattr(ctx.dataset, folder).values())
    facets = []
    for name in FACETS[folder]:
        counts = Counter(
            v for r in listed(records, name) for v in facet_values(r, name, ctx.dataset)
        )
        options = [
            {
                "value": value,
                "label": facet_label(ctx, folder, name, value),
                "count": counts[value],
                "path": f"{folder}/{name}/{value.lower()}/",
                "url": ctx.url(f"{folder}/{name}/{value.lower()}/"),
            }
            for value in facet_order(ctx, folder, name, counts)
        ]
        facets.append({"name": name, "label": ctx.gettext(FACET_TITLES[name]), "options": options})
    return facets


def facet_order(ctx: Context, folder: str, name: str, counts: Counter) -> list[str]:
    if name == "country":
        return sorted(counts, key=ctx.country_key)
    return [value for value in names.enum_labels(_vocabulary(folder, name)) if counts[value]]


def facet_label(ctx: Context, folder: str, name: str, value: str) -> str:
    if name == "country":
        return ctx.country_name(value)
    return ctx.label(_vocabulary(folder, name), value)


def _vocabulary(folder: str, name: str) -> str:
    return "offer_status" if (folder, name) == ("offers", "status") else name


def facet_values(listing: Listing, name: str, ds: Dataset) -> tuple[str, ...]:
    if name == "sector":
        return listing.sectors
    if name == "country":
        return (ds.cities[listing.city].country,)
    return (getattr(listing, name),)


def paginate(
    ctx: Context,
    folder: str,
    base: str,
    records: list[Listing],
    facets: list[dict],
    chosen: dict | None,
) -> Iterator[Page]:
    ordered = newest(records)
    chunks = chunked(ordered)
    heading = ctx.gettext(FOLDERS[folder])
    for number, chunk in enumerate(chunks, start=1):
        path = page_path(base, number)
        title = f"{heading}: {chosen['label']}" if chosen else heading
        if number > 1:
            title += " · " + ctx.gettext("page %(number)d") % {"number": number}
        yield ctx.page(
            path,
            "listing.html",
            title,
            kind=folder,
            heading=heading,
            chosen=chosen,
            all_url=ctx.url(f"{folder}/"),
            facets=facets,
            cards=[ctx.card(r) for r in chunk],
            total=len(records),
            lead=lead(ctx, folder, len(records), chosen),
            print_view=print_view(ctx, folder, base, records),
            pagination=pagination(ctx, base, number, len(chunks)),
        )


def chunked(items: list, size: int = PAGE_SIZE) -> list[list]:
    """A list in pages of `size` (one empty page for an empty list)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def page_path(base: str, number: int) -> str:
    return base if number == 1 else f"{base}page/{number}/"


def pagination(ctx: Context, base: str, number: int, count: int) -> dict:
    """Page `number` of `count` of the list at `base`, with links to its neighbours."""
    return {
        "number": number,
        "count": count,
        "previous": ctx.url(page_path(base, number - 1)) if number > 1 else None,
        "next": ctx.url(page_path(base, number + 1)) if number < count else None,
    }


def print_path(list_path: str) -> str:
    """Where the print view of a list (printing.py) lives: beside it, needs/sector/energy/print/."""
    return f"{list_path}print/"


def print_view(ctx: Context, folder: str, base: str, records: list[Listing]) -> dict | None:
    """The list's print view (printing.py), where it has one: open needs, all or a sector's."""
    if folder != "needs" or not records or base not in ("needs/", *SECTOR_PAGES):
        return None
    return {"url": ctx.url(print_path(base)), "address": ctx.absolute(print_path(base))}


def lead(ctx: Context, folder: str, total: int, chosen: dict | None) -> str:
    """How many records the list shows, and which: open ones unless it lists a status."""
    if chosen and chosen["path"].startswith(f"{folder}/status/"):
        return ctx.ngettext("%(num)d record", "%(num)d records", total) % {"num": total}
    if folder == "needs":
        return ctx.ngettext("%(num)d open need", "%(num)d open needs", total) % {"num": total}
    return ctx.ngettext("%(num)d open offer", "%(num)d open offers", total) % {"num": total}


def group_pages(ctx: Context) -> Iterator[Page]:
    """/sectors/<slug>/ and /countries/<code>/: the newest open needs and offers of a sector or
    country, each with a link to its full, paginated list; a country's cities by region."""
    ds = ctx.dataset
    for slug in names.enum_labels("sector"):
        needs = [n for n in ds.needs.values() if slug in n.sectors]
        offers = [o for o in ds.offers.values() if slug in o.sectors]
        yield ctx.page(
            f"sectors/{slug}/",
            "group.html",
            ctx.label("sector", slug),
            needs=newest_open(ctx, "needs", needs, f"sector/{slug}/"),
            offers=newest_open(ctx, "offers", offers, f"sector/{slug}/"),
            regions=[],
        )
    for code in sorted({city.country for city in ds.cities.values()}):
        cities = [c for c in ds.cities.values() if c.country == code]
        records = [ctx.facts.city(c.id) for c in cities]
        yield ctx.page(
            f"countries/{code.lower()}/",
            "group.html",
            ctx.country_name(code),
            needs=newest_open(
                ctx, "needs", [n for r in records for n in r.needs], f"country/{code.lower()}/"
            ),
            offers=newest_open(
                ctx, "offers", [o for r in records for o in r.offers], f"country/{code.lower()}/"
            ),
            regions=by_region(ctx, cities),
        )


def newest_open(ctx: Context, folder: str, records: list[Listing], facet: str) -> dict:
    """A group page's section: the GROUP_SHOWN newest open records, the number open, and the
    list that shows them all (the facet's page, which exists when there is one)."""
    shown = newest(r for r in records if r.is_open)
    return {
        "cards": [ctx.card(r) for r in shown[:GROUP_SHOWN]],
        "open": len(shown),
        "all_url": ctx.url(f"{folder}/{facet}") if shown else None,
    }


def by_region(ctx: Context, cities: list[City]) -> list[dict]:
    """Cities by region, both A-Z in the reader's language: a country's page."""
    regions: dict[str, list[City]] = {}
    for city in cities:
        regions.setdefault(city.region, []).append(city)
    return [
        {
            "name": ctx.region_name(region),
            "cities": [ctx.city_summary(c) for c in sorted(regions[region], key=ctx.city_key)],
        }
        for region in sorted(regions, key=lambda r: ctx.sort_key(ctx.region_name(r)))
    ]
