"""A Pelican generator that validates content/ and writes every page of the directory."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import markdown
from jinja2 import Environment
from markupsafe import Markup
from pelican.generators import Generator

from ..clock import today
from ..matching import Matches, match
from ..messages import N_
from ..records import Dataset
from ..validation import validate_content
from . import i18n
from .data import open_data
from .embeds import embed_pages
from .feeds import feed_files, feed_links
from .form import submit_pages
from .search import SHARD_PAGES
from .stats import stats_pages
from .views import OutputFile, Page, Views

log = logging.getLogger(__name__)
STATIC_PAGES = ("about", "contribute", "privacy")
NOT_FOUND = "404.html"
NAVIGATION = (
    (N_("Needs"), "needs/"),
    (N_("Offers"), "offers/"),
    (N_("Cities"), "cities/"),
    (N_("Matches"), "matches/"),
    (N_("About"), "about/"),
    (N_("Submit"), "submit/"),
)


def directory_pages(views: Views, settings: Mapping[str, Any]) -> Iterable[Page]:
    return views.pages()


def static_pages(views: Views, settings: Mapping[str, Any]) -> Iterable[Page]:
    """about/, contribute/, privacy/ from content/pages/<name>.<language>.md."""
    for name in STATIC_PAGES:
        source = Path(settings["PATH"]) / "pages" / f"{name}.{views.language}.md"
        converter = markdown.Markdown(extensions=["meta"])
        body = converter.convert(source.read_text(encoding="utf-8"))
        title = " ".join(converter.Meta.get("title", [name.title()]))
        yield Page(f"{name}/", "page.html", {"title": title, "body": body})


# What the site is made of, for each language: pages (rendered with a template) and files
# (written as they are). A feature is a module with one such function, and one line here.
SOURCES: tuple[Callable[[Views, Mapping[str, Any]], Iterable[Page | OutputFile]], ...] = (
    directory_pages,
    static_pages,
    submit_pages,
    feed_files,
    embed_pages,
    stats_pages,
    open_data,
)


def site_outputs(
    dataset: Dataset, matches: Matches, settings: Mapping[str, Any], env: Environment
) -> Iterator[tuple[Views, Page | OutputFile]]:
    """Every page and file of the site with the views of its language, language by language;
    switches `env` to each language's translations before its pages. The 404 page comes last
    in each language (path NOT_FOUND: a file, not a folder)."""
    for language in i18n.LANGUAGES:
        i18n.install_translations(env, language)
        env.cache.clear()  # imported macros keep the gettext they were loaded with
        views = Views(
            dataset,
            language,
            settings["SITEURL"],
            settings["PUBLIC_URL"],
            today(),
            matches,
            settings.get("SEARCH_SHARD_PAGES", SHARD_PAGES),
        )
        for source in SOURCES:
            for made in source(views, settings):
                yield views, made
        yield views, Page(NOT_FOUND, NOT_FOUND, {"title": views.gettext("Page not found")})


def page_context(views: Views, page: Page) -> dict[str, Any]:
    """What a page's template receives besides the site's settings."""
    path = "" if page.path == NOT_FOUND else page.path
    return {
        **page.context,
        "lang": views.language,
        "url": views.url,
        "page_path": path,
        "feeds": feed_links(views, page.path),  # none on the 404 page
        "canonical": views.absolute(path),
        "home_url": views.url(""),
        "css_url": f"{views.siteurl}/theme/css/site.css",
        "languages": [
            {
                "code": language,
                "name": i18n.language_name(language, language),
                "url": views.url(path, language),
                "absolute": views.absolute(path, language),
                "current": language == views.language,
            }
            for language in i18n.LANGUAGES
        ],
        "nav": [
            {
                "label": views.gettext(label),
                "url": views.url(path_),
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
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Records are written by anyone who opens a pull request: every {{ value }} is escaped,
        # whatever JINJA_ENVIRONMENT says. Only HTML made safe in the views (sanitised Markdown,
        # JSON-LD) is marked |safe in the templates.
        self.env.autoescape = True
        self.env.globals["rendered_card"] = card_renderer(self.env)

    def generate_context(self) -> None:
        content = Path(self.settings["PATH"])
        result = validate_content(content, today())
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
        started = time.perf_counter()
        self.matches = match(self.dataset, today())
        log.info("matched needs and offers in %.2f s", time.perf_counter() - started)

    def generate_output(self, writer: Any) -> None:
        if self.dataset is None:
            return  # the content has errors (see generate_context)
        output = Path(self.output_path)
        written: list[str] = []
        for views, made in site_outputs(self.dataset, self.matches, self.settings, self.env):
            if isinstance(made, OutputFile):
                self.write_file(output, made, views)
            elif made.path == NOT_FOUND:
                self.write(output / views.prefix() / NOT_FOUND, made, views)
            else:
                self.write(output / views.prefix() / made.path / "index.html", made, views)
                if made.indexed:  # an embed says noindex: not in the sitemap
                    written.append(views.absolute(made.path))
        self.write_sitemap(output, written)
        log.info("wrote %d pages in %d languages", len(written), len(i18n.LANGUAGES))

    def write_file(self, output: Path, made: OutputFile, views: Views) -> None:
        if made.shared and views.language != i18n.LANGUAGES[0]:
            return  # the same in every language: written once, at the site root
        target = output / ("" if made.shared else views.prefix()) / made.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(made.content, bytes):
            target.write_bytes(made.content)
        else:
            target.write_text(made.content, encoding="utf-8")

    def write(self, target: Path, page: Page, views: Views) -> None:
        context = {**self.context, **page_context(views, page)}
        html = self.env.get_template(page.template).render(context)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    def write_sitemap(self, output: Path, urls: list[str]) -> None:
        entries = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in sorted(urls))
        (output / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</urlset>\n",
            encoding="utf-8",
        )
        public = self.settings["PUBLIC_URL"].rstrip("/")
        (output / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {public}/sitemap.xml\n", encoding="utf-8"
        )
