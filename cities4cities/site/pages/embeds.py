"""Embeds: small pages a city puts in an <iframe> on its own website, listing what it still
looks for help with (/cities/<id>/embed/) or can still give (/cities/<id>/embed/offers/), with
links back to the records; and the snippet that the city page offers to copy."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape

from ... import names
from ...messages import N_
from ...records import City, Listing, Need
from ..context import Context, Page

# The schema lists the urgencies most urgent first: the higher the rank, the more urgent.
URGENCY_RANK = {value: -index for index, value in enumerate(names.enum_labels("urgency"))}
# The frame's size in the snippet: a sidebar's width; web teams change it to fit their page.
WIDTH, HEIGHT = 400, 480


@dataclass(frozen=True)
class Embed:
    kind: str  # "needs" or "offers", in the order of _listings
    path: str  # under the city's page
    title: str  # with %(city)s
    heading: str  # of the snippet on the city page
    empty: str


EMBEDS = (
    Embed(
        "needs",
        "embed/",
        N_("Open needs: %(city)s"),
        N_("Show these needs on your website"),
        N_("No open needs at the moment."),
    ),
    Embed(
        "offers",
        "embed/offers/",
        N_("Available offers: %(city)s"),
        N_("Show these offers on your website"),
        N_("No offers available at the moment."),
    ),
)


def embed_pages(ctx: Context) -> Iterator[Page]:
    """Both embeds of every city, even with nothing to list: a frame on a city's website keeps
    working when its last need is met, and shows the next one."""
    for city in ctx.dataset.cities.values():
        for embed, listings in zip(EMBEDS, _listings(ctx, city), strict=True):
            yield embed_page(ctx, city, embed, listings)


def embed_page(ctx: Context, city: City, embed: Embed, listings: Sequence[Listing]) -> Page:
    shown = [listing for listing in listings if listing.is_open]  # still looking for an answer
    # The most urgent needs first; the sort is stable, so the newest first within each urgency.
    shown.sort(key=lambda r: -URGENCY_RANK[r.urgency] if isinstance(r, Need) else 0)
    # The heading marks the city's name up with its language when it is not the page's.
    before, _, after = ctx.gettext(embed.title).partition("%(city)s")
    return Page(
        embed_path(city, embed),
        "embed.html",
        {
            "title": embed_title(ctx, city, embed),
            "kind": embed.kind,
            "heading": {"before": before, "city": ctx.text(city.name), "after": after},
            "cards": [ctx.card(listing) for listing in shown],
            "empty": ctx.gettext(embed.empty),
            "city_url": ctx.url(f"cities/{city.id}/"),
            "embed_css_url": f"{ctx.siteurl}/theme/css/embed.css",
        },
        indexed=False,
    )


def embed_snippets(ctx: Context, city: City) -> list[dict]:
    """For the city page: the <iframe> to copy, for each kind of record the city publishes."""
    snippets = []
    for embed, listings in zip(EMBEDS, _listings(ctx, city), strict=True):
        if not listings:
            continue
        path = embed_path(city, embed)
        snippets.append(
            {
                "kind": embed.kind,
                "heading": ctx.gettext(embed.heading),
                "url": ctx.url(path),
                "code": iframe(ctx.absolute(path), embed_title(ctx, city, embed)),
            }
        )
    return snippets


def embed_path(city: City, embed: Embed) -> str:
    return f"cities/{city.id}/{embed.path}"


def embed_title(ctx: Context, city: City, embed: Embed) -> str:
    return ctx.gettext(embed.title) % {"city": city.name.best(ctx.language)[1]}


def _listings(ctx: Context, city: City) -> tuple[Sequence[Listing], Sequence[Listing]]:
    records = ctx.facts.city(city.id)
    return records.needs, records.offers


def iframe(url: str, title: str) -> str:
    """The HTML to paste, as text: the page shows it escaped once more."""
    return (
        f'<iframe src="{escape(url)}" title="{escape(title)}" width="{WIDTH}" height="{HEIGHT}"'
        ' loading="lazy"></iframe>'
    )
