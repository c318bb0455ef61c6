"""Print views of the open needs: all of them, a sector's, a city's. A page that prints in full
(lists on screen stop at PAGE_SIZE), compact, grouped by city, each need with its items, its
contact and its address, for an office that works from paper during a blackout."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ... import names
from ...records import Need
from ..context import Context, Page, number
from .embeds import URGENCY_RANK
from .listings import print_path
from .records import contact


def print_pages(ctx: Context) -> Iterator[Page]:
    needs = [n for n in ctx.dataset.needs.values() if n.is_open]
    yield print_page(ctx, "needs/print/", ctx.gettext("Open needs"), needs)
    for slug in names.enum_labels("sector"):
        chosen = [n for n in needs if slug in n.sectors]
        if chosen:
            title = ctx.gettext("Open needs: %(sector)s") % {"sector": ctx.label("sector", slug)}
            yield print_page(ctx, print_path(f"needs/sector/{slug}/"), title, chosen)
    for city_id, city_needs in by_city(needs).items():
        name = ctx.best(ctx.dataset.cities[city_id].name)
        title = ctx.gettext("Open needs of %(city)s") % {"city": name}
        yield print_page(ctx, print_path(f"cities/{city_id}/"), title, city_needs)


def by_city(needs: Iterable[Need]) -> dict[str, list[Need]]:
    grouped: dict[str, list[Need]] = {}
    for need in needs:
        grouped.setdefault(need.city, []).append(need)
    return grouped


def print_page(ctx: Context, path: str, title: str, needs: list[Need]) -> Page:
    """The needs grouped by city (A-Z in the reader's language), most urgent first."""
    grouped = by_city(needs)
    groups = [
        {
            "city": ctx.city_ref(city_id),
            "needs": [printed_need(ctx, n) for n in sorted(grouped[city_id], key=urgent_first)],
        }
        for city_id in sorted(grouped, key=lambda c: ctx.city_key(ctx.dataset.cities[c]))
    ]
    return ctx.page(
        path, "print.html", title, groups=groups, total=len(needs), as_of=ctx.date(ctx.today)
    )


def urgent_first(need: Need) -> tuple:
    return (-URGENCY_RANK[need.urgency], -need.posted.toordinal(), need.id)


def printed_need(ctx: Context, need: Need) -> dict:
    return {
        **ctx.card(need),
        "address": ctx.absolute(f"needs/{need.id}/"),
        "item_rows": [
            {
                "name": ctx.text(item.name),
                "quantity": number(item.quantity),
                "unit": ctx.label("unit", item.unit),
            }
            for item in need.items
        ],
        "contact": contact(ctx, need.contact, ctx.dataset.cities[need.city]),
    }
