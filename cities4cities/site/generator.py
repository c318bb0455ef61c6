"""A Pelican generator that validates content/ and writes every page of the directory."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import markdown
from jinja2 import Environment
from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import clean_output_dir

from .. import names
from ..cache import CODE, ContentCache, digest, fingerprint, value_digest
from ..clock import today
from ..facts import Facts, derive_facts
from ..glossary import Glossary
from ..matching import Matches, PartnerSuggestions, match, suggest_partners
from ..messages import N_, gettext_for
from ..records import Dataset
from ..searchwords import every_search_word
from ..validation import validate_content
from ..vocabulary import LANGUAGES
from . import i18n
from .context import Context, OutputFile, Page
from .manifest import Entry, OutputManifest
from .pages.cities import city_pages
from .pages.data import open_data
from .pages.embeds import embed_pages
from .pages.feeds import feed_files, feed_links
from .pages.form import submit_pages
from .pages.home import home_pages
from .pages.listings import group_pages, listing_pages
from .pages.map import map_pages
from .pages.matches import matches_pages
from .pages.offline import offline_pages
from .pages.partnerships import partnership_pages
from .pages.printing import print_pages
from .pages.records import record_pages
from .pages.search import search_pages, search_word_files
from .pages.seeking import seeking_pages
from .pages.stats import stats_pages
from .parallel import default_processes, forked_map
from .search import search_key

log = logging.getLogger(__name__)
STATIC_PAGES = ("about", "contribute", "privacy")
# The header's search looks in the section it is used from: the kind of record it filters on.
SECTIONS = {"needs/": "need", "offers/": "offer", "cities/": "city"}
NOT_FOUND = "404.html"
NAVIGATION = (
    (N_("Needs"), "needs/"),
    (N_("Offers"), "offers/"),
    (N_("Cities"), "cities/"),
    (N_("Matches"), "matches/"),
    (N_("Partnerships"), "partnerships/"),
    (N_("About"), "about/"),
    (N_("Submit"), "submit/"),
)


def static_pages(ctx: Context) -> Iterable[Page]:
    """about/, contribute/, privacy/ from content/pages/<name>.<language>.md."""
    for name in STATIC_PAGES:
        source = Path(ctx.settings["PATH"]) / "pages" / f"{name}.{ctx.language}.md"
        converter = markdown.Markdown(extensions=["meta"])
        body = converter.convert(source.read_text(encoding="utf-8"))
        title = " ".join(converter.Meta.get("title", [name.title()]))
        yield Page(f"{name}/", "page.html", {"title": title, "body": body})


# What the site is made of, for each language: pages (rendered with a template) and files
# (written as they are). A feature is a module with one such function, and one line here.
SOURCES: tuple[Callable[[Context], Iterable[Page | OutputFile]], ...] = (
    home_pages,
    listing_pages,
    record_pages,
    city_pages,
    map_pages,
    group_pages,
    search_pages,
    search_word_files,
    matches_pages,
    partnership_pages,
    seeking_pages,
    static_pages,
    submit_pages,
    feed_files,
    embed_pages,
    stats_pages,
    open_data,
    offline_pages,
    print_pages,
)


def site_outputs(
    dataset: Dataset,
    facts: Facts,
    matches: Matches,
    settings: Mapping[str, Any],
    env: Environment,
    glossary: Glossary | None = None,
) -> Iterator[tuple[Context, Page | OutputFile]]:
    """Every page and file of the site with the context of its language, language by language,
    in this process (the generator renders the languages side by side: write_language)."""
    words = every_search_word(dataset, glossary or Glossary())  # once, for every language
    partners = suggest_partners(dataset, facts.helped, facts.partnerships)
    for language in LANGUAGES:
        ctx = language_context(dataset, facts, matches, language, settings, env, words, partners)
        for made in language_outputs(ctx):
            yield ctx, made


def language_context(
    dataset: Dataset,
    facts: Facts,
    matches: Matches,
    language: str,
    settings: Mapping[str, Any],
    env: Environment,
    words: Mapping[str, str],
    partners: PartnerSuggestions,
) -> Context:
    """One language's Context; switches `env` to its translations (and cards)."""
    i18n.install_translations(env, language)
    env.cache.clear()  # imported macros keep the gettext they were loaded with
    env.globals["rendered_card"] = card_renderer(env)  # this language's cards only
    return Context(dataset, facts, matches, language, settings, today(), words, partners)


def language_outputs(ctx: Context) -> Iterator[Page | OutputFile]:
    """Every page and file of one language. The 404 page comes last (path NOT_FOUND: a file,
    not a folder)."""
    for source in SOURCES:
        yield from source(ctx)
    yield not_found_page(ctx)


def not_found_page(ctx: Context) -> Page:
    """404.html in the context's language, with the same words in the other languages: a host
    serves the root one for any address, /uk/... included."""
    languages = [ctx.language, *(other for other in LANGUAGES if other != ctx.language)]
    versions = []
    for language in languages:
        _ = gettext_for(language)
        versions.append(
            {
                "lang": language,
                "title": _("Page not found"),
                "text": _(
                    "There is no page at this address. It may have been moved, or the record "
                    "withdrawn."
                ),
                "links": [
                    (ctx.url(path, language), _(label))
                    for path, label in (
                        ("needs/", N_("All needs")),
                        ("offers/", N_("All offers")),
                        ("cities/", N_("Cities")),
                    )
                ],
            }
        )
    return Page(NOT_FOUND, NOT_FOUND, {"title": versions[0]["title"], "versions": versions})


def page_context(ctx: Context, page: Page) -> dict[str, Any]:
    """What a page's template receives besides the site's settings."""
    path = "" if page.path == NOT_FOUND else page.path
    return {
        **page.values(),
        "lang": ctx.language,
        "url": ctx.url,
        "page_path": path,
        "feeds": feed_links(ctx, page.path),  # none on the 404 page
        "section_kind": next((k for s, k in SECTIONS.items() if path.startswith(s)), None),
        "canonical": ctx.absolute(path),
        "home_url": ctx.url(""),
        "css_url": f"{ctx.siteurl}/theme/css/site.css",
        "languages": [
            {
                "code": language,
                "name": names.language_name(language, language),
                "url": ctx.url(path, language),
                "absolute": ctx.absolute(path, language),
                "current": language == ctx.language,
            }
            for language in LANGUAGES
        ],
        "nav": [
            {
                "label": ctx.gettext(label),
                "url": ctx.url(path_),
                "current": path.startswith(path_),
            }
            for label, path_ in NAVIGATION
        ],
    }


def card_renderer(env: Environment) -> Callable[[dict[str, Any], str], Markup]:
    """The templates' rendered_card(card, heading): a need or offer as a card, rendered once per
    language and heading level: the same card appears on many pages (every filter page it
    matches, its city, sector, country)."""
    cards: dict[tuple[str, str], Markup] = {}

    def rendered_card(card: dict[str, Any], heading: str) -> Markup:
        key = (card["url"], heading)  # the URL carries the language
        if key not in cards:
            cards[key] = env.get_template("macros.html").module.record_card(card, heading)
        return cards[key]

    return rendered_card


class DirectoryGenerator(Generator):
    """Validates the content, then writes the site; between builds into the same output folder
    it reuses what has not changed (see cache.py and manifest.py): unchanged files are not
    parsed again, and unchanged pages are not rendered or written again."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Records are written by anyone who opens a pull request: every {{ value }} is escaped,
        # whatever JINJA_ENVIRONMENT says. Only HTML made safe in the pages (sanitised Markdown,
        # JSON-LD) is marked |safe in the templates.
        self.env.autoescape = True
        self.cache_dir = Path(self.settings.get("CACHE_PATH", "cache"))

    def generate_context(self) -> None:
        content = Path(self.settings["PATH"])
        records = ContentCache(self.cache_dir / "records.pickle", fingerprint())
        result = validate_content(content, today(), records)
        records.save()
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if result.errors:
            print(result.summary(), file=sys.stderr)
            if not self.settings.get("KEEP_SERVING_ON_ERRORS"):
                sys.exit(1)  # SystemExit: Pelican stops without a traceback
            # make serve: write nothing, so the last good build stays served until a fix.
            log.warning("not rebuilt: fix the errors above; still serving the last good build")
            self.dataset = None
            return
        log.info("validated %s", result.summary())
        self.dataset: Dataset | None = result.dataset
        self.glossary = result.glossary
        started = time.perf_counter()
        self.matches = match(self.dataset, today())
        self.facts = derive_facts(self.dataset)
        log.info("matched needs and offers in %.2f s", time.perf_counter() - started)

    def generate_output(self, writer: Any) -> None:
        if self.dataset is None:
            return  # the content has errors (see generate_context)
        output = Path(self.output_path)
        written = OutputManifest(output, self.cache_dir, "output")
        self.version = self.build_version()
        if not written.found:  # the first build here: start from an empty folder
            clean_output_dir(str(output), self.settings.get("OUTPUT_RETENTION", []))
        self.words = every_search_word(self.dataset, self.glossary or Glossary())
        self.partners = suggest_partners(self.dataset, self.facts.helped, self.facts.partnerships)
        # The languages side by side, each in a forked copy of this process: the same pages as
        # one process makes (tests/test_incremental.py compares them).
        processes = self.settings.get("RENDER_PROCESSES") or default_processes()
        parts = forked_map(partial(self.write_language, written), LANGUAGES, processes)
        urls = [url for part in parts for url in part.urls]
        for part in parts:
            written.merge(part.entries)
        for name, text in sitemap(urls, self.settings["PUBLIC_URL"]).items():
            self.write_file(written, name, text)
        removed = written.finish()
        # The search is indexed next, by other processes: free what the pages were made of.
        self.dataset = self.facts = self.matches = self.glossary = self.words = None
        self.partners = None
        log.info(
            "wrote %d pages in %d languages (%d files made again, %d removed)",
            len(urls),
            len(LANGUAGES),
            sum(part.rewritten for part in parts),
            len(removed),
        )

    def write_language(self, written: OutputManifest, language: str) -> Written:
        """Write one language's pages and files (those unchanged since the last build are
        kept); what was written comes back to be merged into `written`."""
        assert self.dataset is not None
        part = written.part()
        ctx = language_context(
            self.dataset,
            self.facts,
            self.matches,
            language,
            self.settings,
            self.env,
            self.words,
            self.partners,
        )
        urls: list[str] = []
        for made in language_outputs(ctx):
            if isinstance(made, OutputFile):
                prefix = "" if made.shared else ctx.prefix()
                self.write_file(part, prefix + made.path, made.content)
                continue
            page = NOT_FOUND if made.path == NOT_FOUND else f"{made.path}index.html"
            self.write_page(part, ctx.prefix() + page, made, ctx)
            if made.indexed and made.path != NOT_FOUND:  # an embed says noindex
                urls.append(ctx.absolute(made.path))
        return Written(part.current, urls, part.rewritten)

    def build_version(self) -> str:
        """What every page depends on besides its context: the code, templates, translations
        and settings."""
        settings = json.dumps(
            {key: value for key, value in self.context.items() if key.isupper()},
            sort_keys=True,
            default=repr,
        )
        theme = Path(self.settings["THEME"])
        return fingerprint((*CODE, theme / "templates", theme / "translations"), settings)

    def write_file(self, written: OutputManifest, relative: str, content: str | bytes) -> None:
        data = content.encode() if isinstance(content, str) else content
        key = digest(data)
        if not written.unchanged(relative, key):
            self.write_bytes(written, relative, key, data)

    def write_page(self, written: OutputManifest, relative: str, page: Page, ctx: Context) -> None:
        # The page is what its template makes of its context: the same context, the same page.
        # A page that names its inputs is keyed by them, with its path (which gives the language
        # and the chrome: feeds, navigation, links to the other language).
        # The version (code, templates) is part of the key: the search keys its bundles by it.
        context = None if page.inputs is not None else page_context(ctx, page)
        if context is None:
            inputs: tuple = (self.version, page.template, relative, page.inputs)
        else:
            # (`url` is Context.url: the language and SITEURL in the context stand for it.)
            inputs = (self.version, page.template, {k: v for k, v in context.items() if k != "url"})
        key = value_digest(inputs)
        if written.unchanged(relative, key):
            return
        context = context or page_context(ctx, page)
        html = self.env.get_template(page.template).render({**self.context, **context})
        self.write_bytes(written, relative, key, html.encode(), search_key(html))

    def write_bytes(
        self, written: OutputManifest, relative: str, key: str, data: bytes, indexed: str = ""
    ) -> None:
        target = Path(self.output_path) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.wrote(relative, key, indexed)


@dataclass(frozen=True)
class Written:
    """What one language's process wrote: the manifest's entries, the pages' public addresses
    (for the sitemap) and how many files it made again."""

    entries: dict[str, Entry]
    urls: list[str]
    rewritten: int


def sitemap(urls: list[str], public_url: str) -> dict[str, str]:
    """sitemap.xml and robots.txt (which points to it) for the site's pages."""
    entries = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in sorted(urls))
    return {
        "sitemap.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</urlset>\n"
        ),
        "robots.txt": (
            f"User-agent: *\nAllow: /\n\nSitemap: {public_url.rstrip('/')}/sitemap.xml\n"
        ),
    }
