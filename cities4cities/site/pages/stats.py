"""/stats/: the needs met and the median days to a match (facts.statistics, as rows by
statistics_rows, which the home page and /matches/ show too), and the needs and offers counted
by sector, kind of help, country and status.
Every number is in a table, the accessible source; a bar drawn at build time beside it (an
SVG, hidden from screen readers) shows its size against the others of its table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from ... import names
from ...facts import Tally
from ...messages import N_
from ...records import Listing, Pledge
from ..context import Context, Page
from .partnerships import partnership_tables

COLUMNS = {"needs": N_("Needs"), "offers": N_("Offers"), "pledges": N_("Pledges")}


def stats_pages(ctx: Context) -> Iterator[Page]:
    met = statistics_rows(ctx)
    yield ctx.page(
        "stats/",
        "stats_page.html",
        ctx.gettext("Statistics"),
        met={
            "total": [met["total"]],  # one row: no bars to compare
            "by_sector": with_bars(met["by_sector"]),
            "by_country": with_bars(met["by_country"]),
        },
        counts=count_tables(ctx),
        partnerships=partnership_tables(ctx),
    )


def statistics_rows(ctx: Context) -> dict:
    """Open needs, needs met, deliveries confirmed and median days to a match: in all, by
    sector, by country."""
    figures = ctx.facts.statistics

    def row(name: str, tally: Tally, url: str | None = None) -> dict:
        days = tally.median_days
        return {
            "name": name,
            "url": url,
            "open": tally.open_needs,
            "met": tally.needs_met,
            "deliveries": tally.deliveries,
            "days": None if days is None else f"{days:g}",
            "median": days,  # the number, for /stats/ to draw
        }

    by_country = sorted(figures.by_country.items(), key=lambda item: ctx.country_key(item[0]))
    return {
        "total": row(ctx.gettext("All"), figures.total),
        "by_sector": [
            row(ctx.label("sector", s), t, ctx.url(f"sectors/{s}/"))
            for s, t in figures.by_sector.items()
        ],
        "by_country": [
            row(ctx.country_name(c), t, ctx.url(f"countries/{c.lower()}/")) for c, t in by_country
        ],
    }


def count_tables(ctx: Context) -> list[dict]:
    """Needs and offers by sector, kind of help and country; needs and offers by status."""
    cities = ctx.dataset.cities
    countries = sorted({city.country for city in cities.values()}, key=ctx.country_key)
    tables = [
        count_table(
            ctx,
            N_("Needs and offers by sector"),
            N_("Sector"),
            lambda record: record.sectors,
            [(s, ctx.label("sector", s), f"sectors/{s}/") for s in names.enum_labels("sector")],
        ),
        count_table(
            ctx,
            N_("Needs and offers by kind of help"),
            N_("Kind of help"),
            lambda record: record.kinds,
            [(k, ctx.label("kind", k), None) for k in names.enum_labels("kind")],
        ),
        count_table(
            ctx,
            N_("Needs and offers by country of the city that published them"),
            N_("Country"),
            lambda record: (cities[record.city].country,),
            [(c, ctx.country_name(c), f"countries/{c.lower()}/") for c in countries],
        ),
    ]
    for kind, vocabulary, caption in (
        ("needs", "status", N_("Needs by status")),
        ("offers", "offer_status", N_("Offers by status")),
    ):
        statuses = names.enum_labels(vocabulary)
        rows = [(s, ctx.label(vocabulary, s), f"{kind}/status/{s}/") for s in statuses]
        tables.append(
            count_table(ctx, caption, N_("Status"), lambda r: (r.status,), rows, kinds=(kind,))
        )
    rows = [(s, ctx.label("pledge_status", s), None) for s in names.enum_labels("pledge_status")]
    tables.append(
        count_table(
            ctx, N_("Pledges by status"), N_("Status"), lambda r: (r.status,), rows, ("pledges",)
        )
    )
    return tables


def count_table(
    ctx: Context,
    caption: str,
    row_label: str,
    values: Callable[[Listing | Pledge], Iterable[str]],
    rows: list[tuple[str, str, str | None]],
    kinds: tuple[str, ...] = ("needs", "offers"),
) -> dict:
    """How many records of each kind have each value (a record counts once for each of its
    values), one row per (value, name, path of its page); each count has a bar, all on one
    scale. Rows link to their page only when it lists something."""
    counts = {
        kind: Counter(v for record in getattr(ctx.dataset, kind).values() for v in values(record))
        for kind in kinds
    }
    top = max((n for counter in counts.values() for n in counter.values()), default=0)
    table_rows = []
    for value, name, path in rows:
        numbers = {kind: counts[kind][value] for kind in kinds}
        table_rows.append(
            {
                "name": name,
                "url": ctx.url(path) if path and any(numbers.values()) else None,
                **numbers,
                "bars": {kind: share(n, top) for kind, n in numbers.items()},
            }
        )
    return {
        "caption": ctx.gettext(caption),
        "row_label": ctx.gettext(row_label),
        "columns": [(kind, ctx.gettext(COLUMNS[kind])) for kind in kinds],
        "rows": table_rows,
    }


def with_bars(rows: list[dict]) -> list[dict]:
    """Rows of statistics_rows() with their bars: open needs and needs met on one scale, the
    median days on another."""
    needs = max((max(row["open"], row["met"], row["deliveries"]) for row in rows), default=0)
    days = max((row["median"] or 0 for row in rows), default=0)
    return [
        {
            **row,
            "bars": {
                "open": share(row["open"], needs),
                "met": share(row["met"], needs),
                "deliveries": share(row["deliveries"], needs),
                "days": share(row["median"] or 0, days),
            },
        }
        for row in rows
    ]


def share(value: float, top: float) -> float:
    """A bar's length, in percent of the longest of its scale."""
    return round(100 * value / top, 1) if top else 0.0
