"""/search/ (Pagefind, in the browser; without JavaScript it points to the static filter pages),
and what each record's page tells the index besides its text: filters, meta and sort keys."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ...messages import N_
from ...records import City, Listing, Need
from ..context import Context, Page
from ..search import KINDS, SHARD_PAGES, bundle_paths
from .listings import FOLDERS, listing_facets

URGENCY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1}  # a sort key
KIND_LABELS = {**FOLDERS, "cities": N_("Cities")}


def search_pages(ctx: Context) -> Iterator[Page]:
    shard_pages = ctx.settings.get("SEARCH_SHARD_PAGES", SHARD_PAGES)
    bundles = {  # each record has a page in every language, all indexed
        kind: [
            f"{ctx.siteurl}/{path}"
            for path in bundle_paths(
                ctx.language, kind, len(getattr(ctx.dataset, kind)), shard_pages
            )
        ]
        for kind in KINDS
    }
    yield ctx.page(
        "search/",
        "search.html",
        ctx.gettext("Search"),
        kinds=[{"value": kind, "label": ctx.gettext(KIND_LABELS[kind])} for kind in KINDS],
        bundles=json.dumps(bundles, sort_keys=True),
        ui_bundle=next((paths[0] for paths in bundles.values() if paths), ""),
        browse=[
            {"heading": ctx.gettext(title), "facets": listing_facets(ctx, folder)}
            for folder, title in FOLDERS.items()
        ],
    )


def search_meta(ctx: Context, record: Listing | City) -> dict:
    """What Pagefind indexes besides the text: filters, meta and sort keys. Pagefind's UI
    shows filter and meta names as they are, so they are written in the page's language
    (each language has its own index)."""
    _ = ctx.gettext
    city = record if isinstance(record, City) else ctx.dataset.cities[record.city]
    filters = {
        _("Country"): [ctx.country_name(city.country)],
        _("Region"): [ctx.region_name(city.region)],
    }
    meta = {_("City"): ctx.best(city.name)}
    sort = {}
    if isinstance(record, Listing):
        status = ctx.status_badge(record)
        filters[_("Sector")] = [ctx.label("sector", s) for s in record.sectors]
        filters[_("Kind of help")] = [ctx.label("kind", k) for k in record.kinds]
        filters[_("Status")] = [status["label"]]
        meta[_("Posted")] = ctx.date(record.posted)["text"]
        meta[_("Status")] = status["label"]
        title = ctx.best(record.title)
        # Closed records (fulfilled, withdrawn, given) stay findable, marked as such.
        meta["title"] = f"{title} ({status['label']})" if status["closed"] else title
        sort["posted"] = record.posted.isoformat()
        if isinstance(record, Need):
            filters[_("Urgency")] = [ctx.label("urgency", record.urgency)]
            sort["urgency"] = str(URGENCY_RANK[record.urgency])
    return {"filters": filters, "meta": meta, "sort": sort}
