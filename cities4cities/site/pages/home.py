"""The home page: what is open, the newest needs and offers, the needs met, the map."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...facts import newest
from ..context import Context, Page
from .map import city_map
from .stats import statistics_rows

NEWEST = 5  # needs and offers shown on the home page


def home_pages(ctx: Context) -> Iterator[Page]:
    needs, offers = ctx.dataset.needs.values(), ctx.dataset.offers.values()
    open_needs = [n for n in needs if n.is_open]
    open_offers = [o for o in offers if o.is_open]
    by_sector = Counter(sector for need in open_needs for sector in need.sectors)
    needs_met = len(ctx.facts.met)
    yield ctx.page(
        "",
        "home.html",
        ctx.gettext("Cities helping cities"),
        counts={
            "open_needs": len(open_needs),
            "available_offers": len(open_offers),
            "cities": len(ctx.dataset.cities),
            "needs_met": needs_met,
        },
        # The filtered listing exists only when some need was met.
        needs_met_url=ctx.url("needs/status/fulfilled/") if needs_met else None,
        open_by_sector=[
            {**ctx.sector_ref(slug), "count": count, "needs_url": ctx.url(f"needs/sector/{slug}/")}
            for slug, count in sorted(by_sector.items(), key=lambda item: (-item[1], item[0]))
        ],
        stats=statistics_rows(ctx),
        newest_needs=[ctx.card(n) for n in newest(open_needs)[:NEWEST]],
        newest_offers=[ctx.card(o) for o in newest(open_offers)[:NEWEST]],
        city_map=city_map(ctx),
    )
