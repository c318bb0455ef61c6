"""/stats/: the needs met and the median days to a match (matching.statistics, through
Views.statistics), and the needs and offers counted by sector, kind of help, country and status.
Every number is in a table, the accessible source; a bar drawn at build time beside it (an
SVG, hidden from screen readers) shows its size against the others of its table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ...messages import N_
from ...records import Listing
from .. import i18n
from ..views import Page, Views

COLUMNS = {"needs": N_("Needs"), "offers": N_("Offers")}


def stats_pages(views: Views, settings: Mapping[str, Any]) -> Iterator[Page]:
    met = views.statistics()
    yield views.page(
        "stats/",
        "stats_page.html",
        views.gettext("Statistics"),
        met={
            "total": [met["total"]],  # one row: no bars to compare
            "by_sector": with_bars(met["by_sector"]),
            "by_country": with_bars(met["by_country"]),
        },
        counts=count_tables(views),
    )


def count_tables(views: Views) -> list[dict]:
    """Needs and offers by sector, kind of help and country; needs and offers by status."""
    cities = views.ds.cities
    countries = sorted({city.country for city in cities.values()}, key=views.country_key)
    tables = [
        count_table(
            views,
            N_("Needs and offers by sector"),
            N_("Sector"),
            lambda record: record.sectors,
            [(s, views.label("sector", s), f"sectors/{s}/") for s in i18n.enum_labels("sector")],
        ),
        count_table(
            views,
            N_("Needs and offers by kind of help"),
            N_("Kind of help"),
            lambda record: record.kinds,
            [(k, views.label("kind", k), None) for k in i18n.enum_labels("kind")],
        ),
        count_table(
            views,
            N_("Needs and offers by country of the city that published them"),
            N_("Country"),
            lambda record: (cities[record.city].country,),
            [
                (c, i18n.country_name(c, views.language), f"countries/{c.lower()}/")
                for c in countries
            ],
        ),
    ]
    for kind, vocabulary, caption in (
        ("needs", "status", N_("Needs by status")),
        ("offers", "offer_status", N_("Offers by status")),
    ):
        statuses = i18n.enum_labels(vocabulary)
        rows = [(s, views.label(vocabulary, s), f"{kind}/status/{s}/") for s in statuses]
        tables.append(
            count_table(views, caption, N_("Status"), lambda r: (r.status,), rows, kinds=(kind,))
        )
    return tables


def count_table(
    views: Views,
    caption: str,
    row_label: str,
    values: Callable[[Listing], Iterable[str]],
    rows: list[tuple[str, str, str | None]],
    kinds: tuple[str, ...] = ("needs", "offers"),
) -> dict:
    """How many records of each kind have each value (a record counts once for each of its
    values), one row per (value, name, path of its page); each count has a bar, all on one
    scale. Rows link to their page only when it lists something."""
    counts = {
        kind: Counter(v for record in getattr(views.ds, kind).values() for v in values(record))
        for kind in kinds
    }
    top = max((n for counter in counts.values() for n in counter.values()), default=0)
    table_rows = []
    for value, name, path in rows:
        numbers = {kind: counts[kind][value] for kind in kinds}
        table_rows.append(
            {
                "name": name,
                "url": views.url(path) if path and any(numbers.values()) else None,
                **numbers,
                "bars": {kind: share(n, top) for kind, n in numbers.items()},
            }
        )
    return {
        "caption": views.gettext(caption),
        "row_label": views.gettext(row_label),
        "columns": [(kind, views.gettext(COLUMNS[kind])) for kind in kinds],
        "rows": table_rows,
    }


def with_bars(rows: list[dict]) -> list[dict]:
    """Rows of Views.statistics() with their bars: open needs and needs met on one scale, the
    median days on another."""
    needs = max((max(row["open"], row["met"]) for row in rows), default=0)
    days = max((row["median"] or 0 for row in rows), default=0)
    return [
        {
            **row,
            "bars": {
                "open": share(row["open"], needs),
                "met": share(row["met"], needs),
                "days": share(row["median"] or 0, days),
            },
        }
        for row in rows
    ]


def share(value: float, top: float) -> float:
    """A bar's length, in percent of the longest of its scale."""
    return round(100 * value / top, 1) if top else 0.0
