"""/matches/: the needs met, newest first, grouped by sector; the deliveries confirmed through
pledges; the statistics."""

from __future__ import annotations

from collections.abc import Iterator

from ... import names
from ..context import Context, Page
from ..pledges import delivery_entries
from .stats import statistics_rows


def matches_pages(ctx: Context) -> Iterator[Page]:
    groups: dict[str, list[dict]] = {}
    for met in ctx.facts.met:
        need = ctx.dataset.needs[met.need_id]
        entry = {
            "need": ctx.card(need),
            "offers": [ctx.card(ctx.dataset.offers[i]) for i in met.offer_ids],
            "offering": [ctx.city_ref(c) for c in met.offering_cities],
            "outcome": ctx.text(need.outcome),
            "days": met.days,
            "fulfilled": ctx.date(met.fulfilled),
        }
        groups.setdefault(need.sectors[0], []).append(entry)
    yield ctx.page(
        "matches/",
        "matches.html",
        ctx.gettext("Needs met"),
        groups=[
            {**ctx.sector_ref(slug), "entries": groups[slug]}
            for slug in names.enum_labels("sector")
            if slug in groups
        ],
        deliveries=delivery_entries(ctx),
        stats=statistics_rows(ctx),
    )
