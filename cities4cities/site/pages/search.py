"""/search/: one search over needs, offers and cities (Pagefind, in the browser), with filters
that combine and work without a word; and what each record's page tells the index.

Filters are written with the vocabulary's slugs (sector=energy, kind=need, country=ua), the
same in both languages, so an address such as /search/?sector=energy&urgency=high means the
same everywhere; the page hands the browser each slug's label in the reader's language.
Without JavaScript the page points to the static filter pages, which answer most questions."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from ... import names
from ...messages import N_
from ...records import City, Listing, Need
from ...searchwords import WORD, city_keys, label_keys
from ...vocabulary import LANGUAGES
from ...wordforms import keys, rules_document
from ..context import Context, OutputFile, Page, plain
from ..search import FOLDERS, SHARD_PAGES, bundle_paths
from .listings import listing_facets

KINDS = {"need": N_("Needs"), "offer": N_("Offers"), "city": N_("Cities")}
# The filters, in the order the page shows them, with their titles.
FILTERS = {
    "kind": N_("Show"),
    "sector": N_("Sector"),
    "help": N_("Kind of help"),
    "urgency": N_("Urgency"),
    "status": N_("Status"),
    "country": N_("Country"),
    "region": N_("Region"),
    "city": N_("City"),
}
FOLDED = ("region", "city")  # long lists: shown folded, and only their options with results
# The words a one-letter slip is corrected to: per length, the most common (in most records).
WORDS_FOLDER = "search/words/"
CORRECTED_FROM = 6  # letters: shorter words are not corrected (search.js reads it here)
WORDS_PER_LENGTH = 5000
ADDRESS = re.compile(r"\S+://\S+")


def search_pages(ctx: Context) -> Iterator[Page]:
    ds = ctx.dataset
    shard_pages = ctx.settings.get("SEARCH_SHARD_PAGES", SHARD_PAGES)
    pages = sum(len(getattr(ds, folder)) for folder in FOLDERS)
    bundles = [f"{ctx.siteurl}/{p}" for p in bundle_paths(ctx.language, pages, shard_pages)]
    filters = [
        {"name": name, "label": ctx.gettext(title), "folded": name in FOLDED, "options": options}
        for name, title in FILTERS.items()
        if (options := filter_options(ctx, name))
    ]
    other = next(language for language in LANGUAGES if language != ctx.language)
    config = {
        "bundles": bundles,
        "baseUrl": f"{ctx.siteurl}/",
        "otherSearch": ctx.url("search/", other),
        "otherLanguage": ctx.language_name(other),
        "words": f"{ctx.siteurl}/{WORDS_FOLDER}",
        "correctedFrom": CORRECTED_FROM,  # words one letter shorter are candidates too
        "wordforms": rules_document(),  # the rules the pages' keys were made with
        "places": places(ctx),
        "messages": {key: ctx.gettext(text) for key, text in MESSAGES.items()},
    }
    yield ctx.page(
        "search/",
        "search.html",
        ctx.gettext("Search"),
        filters=filters,
        config_json=json.dumps(config, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"),
        browse=[
            {"heading": ctx.gettext(title), "facets": listing_facets(ctx, folder)}
            for folder, title in (("needs", N_("Needs")), ("offers", N_("Offers")))
        ],
    )


def places(ctx: Context) -> dict[str, str]:
    """The keys of each city's own names -> its id: a search for a city's name (in any case:
    "Києва") shows that city's page first. A name two cities share leads to neither."""
    found: dict[str, str | None] = {}
    for city in ctx.dataset.cities.values():
        for name in dict.fromkeys(" ".join(keys(written)) for _, written in city.name):
            found[name] = city.id if found.get(name, city.id) == city.id else None
    return {name: city_id for name, city_id in sorted(found.items()) if name and city_id}


def search_word_files(ctx: Context) -> Iterator[OutputFile]:
    """search/words/<length>.json ({word: records}): what search.js corrects a slip to. The
    same for every language (records are written in several): made with the first."""
    if ctx.language != LANGUAGES[0]:
        return
    seen: Counter[str] = Counter()
    for record in (*ctx.dataset.listings(), *ctx.dataset.cities.values()):
        seen.update(set(record_words(record)))
    by_length: dict[int, list[tuple[str, int]]] = {}
    for word, count in seen.most_common():
        if len(word) >= CORRECTED_FROM - 1:
            by_length.setdefault(len(word), []).append((word, count))
    for length, words in sorted(by_length.items()):
        table = dict(sorted(words[:WORDS_PER_LENGTH]))
        content = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
        yield OutputFile(f"{WORDS_FOLDER}{length}.json", content, shared=True)


def record_words(record: Listing | City) -> Iterable[str]:
    """The words of a record's own texts, in every language it is written in, lowercased."""
    texts = [record.name] if isinstance(record, City) else [record.title, record.description]
    if isinstance(record, Listing):
        texts += [item.name for item in record.items]
    for localized in texts:
        for _, text in localized:
            yield from WORD.findall(ADDRESS.sub(" ", text).lower())


MESSAGES = {
    "searching": N_("Searching…"),
    "results": N_("%(count)s results"),
    "result": N_("1 result"),
    "none": N_("Nothing found."),
    "more": N_("More results"),
    "corrected": N_("Showing results for %(corrected)s."),
    "original": N_("Search instead for %(original)s"),
    "elsewhere": N_("Try the same search on the site in %(language)s"),
}


def filter_options(ctx: Context, name: str) -> list[dict]:
    """Every value a filter can take on this site, with its label in the reader's language."""
    ds = ctx.dataset
    if name == "kind":
        return [{"value": k, "label": ctx.gettext(label)} for k, label in KINDS.items()]
    if name in ("sector", "urgency"):
        return _labelled(ctx, name, names.enum_labels(name))
    if name == "help":
        return _labelled(ctx, "kind", names.enum_labels("kind"))
    if name == "status":
        return [
            {"value": s, "label": ctx.label(vocabulary, s)}
            for vocabulary in ("status", "offer_status")
            for s in names.enum_labels(vocabulary)
            if not (vocabulary == "offer_status" and s in names.enum_labels("status"))
        ]
    cities = sorted(ds.cities.values(), key=ctx.city_key)
    if name == "country":
        codes = sorted({c.country for c in cities}, key=ctx.country_key)
        return [{"value": code.lower(), "label": ctx.country_name(code)} for code in codes]
    if name == "region":
        codes = sorted({c.region for c in cities}, key=lambda r: ctx.sort_key(ctx.region_name(r)))
        return [{"value": code.lower(), "label": ctx.region_name(code)} for code in codes]
    return [{"value": c.id, "label": ctx.best(c.name)} for c in cities]


def _labelled(ctx: Context, vocabulary: str, values: dict[str, str]) -> list[dict]:
    return [{"value": value, "label": ctx.label(vocabulary, value)} for value in values]


def search_meta(ctx: Context, record: Listing | City) -> dict:
    """What Pagefind indexes besides the text: filters (slugs), meta (words shown with a
    result, in the page's language), sort keys, and the words a record is found by beyond
    those its page shows (searchwords.py: word keys, glossary terms, names in all languages)."""
    city = record if isinstance(record, City) else ctx.dataset.cities[record.city]
    filters = {
        "country": [city.country.lower()],
        "region": [city.region.lower()],
        "city": [city.id],
    }
    meta = {"city": ctx.best(city.name)}
    sort = {}
    if isinstance(record, City):
        filters["kind"] = ["city"]
        filters["state"] = ["open"]
        meta["kind"] = ctx.gettext("City")
        meta["place"] = ctx.country_name(city.country)
    else:
        status = ctx.status_badge(record)
        filters["kind"] = ["need" if isinstance(record, Need) else "offer"]
        filters["sector"] = list(record.sectors)
        filters["help"] = list(record.kinds)
        filters["status"] = [record.status]
        filters["state"] = [record.state]
        meta["kind"] = ctx.gettext(N_("Need") if isinstance(record, Need) else N_("Offer"))
        meta["place"] = f"{ctx.best(city.name)}, {ctx.country_name(city.country)}"
        meta["status"] = status["label"]
        meta["posted"] = ctx.date(record.posted)["text"]
        title = ctx.best(record.title)
        # Closed records (fulfilled, withdrawn, given) stay findable, marked as such.
        meta["title"] = f"{title} ({status['label']})" if status["closed"] else title
        sort["posted"] = record.posted.isoformat()
        if isinstance(record, Need):
            filters["urgency"] = [record.urgency]
    words = ctx.search_words.get(record.id, "")
    # What a record is, weighed more than what it mentions: a city page for its names, a need
    # or offer for its sectors and kinds ("energy" finds the energy needs before the cities
    # whose text says the word).
    if isinstance(record, City):
        emphasis = " ".join(city_keys(record))
    else:
        emphasis = " ".join(
            (*label_keys("sector", record.sectors), *label_keys("kind", record.kinds))
        )
    # The last words of the page, hidden: search.js does not show an excerpt of them.
    meta["hidden"] = str(len(words.split()) + len(emphasis.split()))
    about = city.about if isinstance(record, City) else record.description
    if about:
        meta["summary"] = plain(ctx.best(about))  # shown when the words found are hidden ones
    return {"filters": filters, "meta": meta, "sort": sort, "words": words, "emphasis": emphasis}
