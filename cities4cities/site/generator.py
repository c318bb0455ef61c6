"""A Pelican generator that validates content/ and writes every page of the directory."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import markdown
from markupsafe import Markup
from pelican.generators import Generator

from ..clock import today
from ..matching import match
from ..messages import N_, translations
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


class DirectoryGenerator(Generator):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Records are written by anyone who opens a pull request: every {{ value }} is escaped,
        # whatever JINJA_ENVIRONMENT says. Only HTML made safe in the views (sanitised Markdown,
        # JSON-LD) is marked |safe in the templates.
        self.env.autoescape = True
        self.cards: dict[tuple[str, str], Markup] = {}
        self.env.globals["rendered_card"] = self.rendered_card

    def generate_context(self) -> None:
        content = Path(self.settings["PATH"])
        result = validate_content(content, today())
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if result.errors:
            print(result.summary(), file=sys.stderr)
            sys.exit(1)  # SystemExit: Pelican stops without a traceback
        log.info("validated %s", result.summary())
        self.dataset: Dataset = result.dataset
        started = time.perf_counter()
        self.matches = match(self.dataset, today())
        log.info("matched needs and offers in %.2f s", time.perf_counter() - started)

    def generate_output(self, writer: Any) -> None:
        output = Path(self.output_path)
        written: list[str] = []
        for language in i18n.LANGUAGES:
            self.env.install_gettext_translations(translations(language), newstyle=True)
            self.env.cache.clear()  # imported macros keep the gettext they were loaded with
            views = Views(
                self.dataset,
                language,
                self.settings["SITEURL"],
                self.settings["PUBLIC_URL"],
                today(),
                self.matches,
                self.settings.get("SEARCH_SHARD_PAGES", SHARD_PAGES),
            )
            for source in SOURCES:
                for made in source(views, self.settings):
                    if isinstance(made, OutputFile):
                        self.write_file(output, made, views)
                        continue
                    self.write(output / views.prefix() / made.path / "index.html", made, views)
                    if made.indexed:  # an embed says noindex: not in the sitemap
                        written.append(views.absolute(made.path))
            not_found = Page("404.html", "404.html", {"title": views.gettext("Page not found")})
            self.write(output / views.prefix() / "404.html", not_found, views)
        self.write_sitemap(output, written)
        log.info("wrote %d pages in %d languages", len(written), len(i18n.LANGUAGES))

    def rendered_card(self, card: dict[str, Any], heading: str) -> Markup:
        """A need or offer as a card, rendered once per language and heading level: the same
        card appears on many pages (every filter page it matches, its city, sector, country)."""
        key = (card["url"], heading)  # the URL carries the language
        if key not in self.cards:
            record_card = self.env.get_template("macros.html").module.record_card
            self.cards[key] = record_card(card, heading)
        return self.cards[key]

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
        path = "" if page.path == "404.html" else page.path
        context = {
            **self.context,
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
