"""/matches/: the needs met, newest first, in pages; the deliveries confirmed through pledges;
the statistics."""

from __future__ import annotations

from collections.abc import Iterator

from ...facts import MetNeed
from ..context import Context, Page
from ..pledges import delivery_entries
from .listings import chunked, page_path, pagination
from .stats import statistics_rows

DELIVERIES_SHOWN = 20  # the newest; the feed of pledges and /stats/ count them all


def matches_pages(ctx: Context) -> Iterator[Page]:
    """The needs met, newest first, PAGE_SIZE a page; the first page also has the newest
    deliveries confirmed and the statistics."""
    entries = [met_entry(ctx, met) for met in ctx.facts.met]
    pages = chunked(entries)
    deliveries = delivery_entries(ctx)
    for number, chunk in enumerate(pages, start=1):
        title = ctx.gettext("Needs met")
        if number > 1:
            title += " · " + ctx.gettext("page %(number)d") % {"number": number}
        yield ctx.page(
            page_path("matches/", number),
            "matches.html",
            title,
            entries=chunk,
            total=len(entries),
            pagination=pagination(ctx, "matches/", number, len(pages)),
            deliveries=deliveries[:DELIVERIES_SHOWN] if number == 1 else [],
            deliveries_total=len(deliveries),
            stats=statistics_rows(ctx) if number == 1 else None,
        )


def met_entry(ctx: Context, met: MetNeed) -> dict:
    need = ctx.dataset.needs[met.need_id]
    return {
        "need": ctx.card(need),
        "offers": [ctx.card(ctx.dataset.offers[i]) for i in met.offer_ids],
        "offering": [ctx.city_ref(c) for c in met.offering_cities],
        "outcome": ctx.text(need.outcome),
        "days": met.days,
        "fulfilled": ctx.date(met.fulfilled),
    }
