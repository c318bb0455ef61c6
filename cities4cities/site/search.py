"""The search index: Pagefind runs over the built site once Pelican has written it.

One index (a Pagefind "bundle") per language over needs, offers and cities alike (the kind of
record is a filter: one search finds all three), split into shards of about SHARD_PAGES pages,
because Pagefind holds about 90 KB per page in memory while it indexes: shards keep a
50,000-record site within bounds. The search page merges a language's shards in the browser.

A page's shard follows from its address alone, so a new record does not move others between
shards; given a cache folder, a bundle is not indexed again unless what Pagefind reads of its
pages changed (search_key: a page without its data-pagefind-ignore parts, so a record whose
suggestions changed does not make its bundle again).
"""

from __future__ import annotations

import functools
import gc
import logging
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..cache import digest
from ..vocabulary import LANGUAGES
from .i18n import language_prefix
from .manifest import OutputManifest

log = logging.getLogger(__name__)

FOLDERS = ("needs", "offers", "cities")  # the indexed pages: <folder>/<id>/index.html
SHARD_PAGES = 12_000
BODY = "data-pagefind-body"  # Pagefind reads only pages that have one
IGNORE = "data-pagefind-ignore"
TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
VOID = frozenset(("area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"))


def bundle_paths(language: str, pages: int, shard_pages: int) -> list[str]:
    """Where the shards of a language's index live, relative to the site root, e.g.
    ["uk/pagefind/", "uk/pagefind-2/"]. The search page and the indexer both derive them here."""
    shards = math.ceil(pages / shard_pages)  # none for no pages
    base = f"{language_prefix(language)}pagefind"
    return [f"{base}/" if shard == 0 else f"{base}-{shard + 1}/" for shard in range(shards)]


def search_key(html: str) -> str:
    """A digest of what Pagefind reads of a page: the page without its data-pagefind-ignore
    elements ("" for a page without data-pagefind-body, which it does not index)."""
    return digest(indexed_part(html).encode()) if BODY in html else ""


def indexed_part(html: str) -> str:
    """The page without its data-pagefind-ignore elements (from their opening tag to the
    matching closing one: our templates write well-formed HTML)."""
    kept, at = [], 0
    while (mark := html.find(IGNORE, at)) >= 0:
        opening = html.rfind("<", at, mark)
        name = TAG_NAME.match(html, opening) if opening >= 0 else None
        if name is None or html.find(">", opening, mark) >= 0:  # in a text, not a tag
            kept.append(html[at : mark + len(IGNORE)])
            at = mark + len(IGNORE)
            continue
        kept.append(html[at:opening])
        at = _element_end(html, name.group(1).lower(), html.index(">", mark) + 1)
    kept.append(html[at:])
    return "".join(kept)


def _element_end(html: str, tag: str, start: int) -> int:
    """Where the element whose opening tag ends at `start` ends, nested ones of its name
    counted."""
    if tag in VOID:
        return start
    depth = 1
    for found in _tags(tag).finditer(html, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return len(html)


@functools.cache
def _tags(name: str) -> re.Pattern[str]:
    """Opening and closing tags of one element name."""
    return re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)


def index_search(pelican: Any) -> None:
    """Pelican's `finalized` signal: index the output with Pagefind's bundled binary."""
    gc.collect()  # what the pages were made of, freed by the generator, before Pagefind runs
    started = time.perf_counter()
    shard_pages = pelican.settings.get("SEARCH_SHARD_PAGES", SHARD_PAGES)
    cache = Path(pelican.settings.get("CACHE_PATH", "cache"))
    bundles, indexed = index_site(Path(pelican.output_path), shard_pages, cache)
    log.info(
        "indexed the search: %d of %d bundles in %.1f s",
        indexed,
        bundles,
        time.perf_counter() - started,
    )


def shard_of(page: Path, shards: int) -> int:
    """Which of a language's shards holds a page (by its path under the site root)."""
    return zlib.crc32(page.as_posix().encode()) % shards


def index_site(
    output: Path, shard_pages: int = SHARD_PAGES, cache: Path | None = None
) -> tuple[int, int]:
    """Write the bundles of a built site: all of them, or with a `cache` folder only those
    whose pages changed since the last indexing there. Returns (bundles, bundles indexed)."""
    output = output.resolve()  # the links below point here from a temporary folder
    indexed = OutputManifest(output, cache, "search") if cache else None
    # The build's own record of what is indexed of each page spares reading them all.
    built = OutputManifest(output, cache, "output") if cache else None
    pagefind = version("pagefind")

    def page_key(page: Path) -> str:
        known = built.indexed_on_disk(page.as_posix()) if built else None
        return known or search_key((output / page).read_text(encoding="utf-8"))

    bundles = written = 0
    for language in LANGUAGES:
        # The records' pages: those Pagefind reads (needs/print/, a print view, it does not).
        found = (
            p.relative_to(output)
            for folder in FOLDERS
            for p in (output / f"{language_prefix(language)}{folder}").glob("*/index.html")
        )
        keys = {page: key for page in found if (key := page_key(page))}
        pages = sorted(keys)
        paths = bundle_paths(language, len(pages), shard_pages)
        shards: list[list[Path]] = [[] for _ in paths]
        for page in pages:
            shards[shard_of(page, len(paths))].append(page)
        for bundle, chosen in zip(paths, shards, strict=True):
            bundles += 1
            entry = f"{bundle}pagefind-entry.json"  # stands for the whole bundle
            listed = "\0".join(f"{p}\0{keys[p]}" for p in chosen)
            key = digest(f"{pagefind}\0{listed}".encode())
            if indexed and indexed.unchanged(entry, key):
                continue
            shutil.rmtree(output / bundle, ignore_errors=True)  # no stale fragments
            glob = f"{language_prefix(language)}{{{','.join(FOLDERS)}}}/*/index.html"
            _index_pages(output, chosen, output / bundle, glob if len(paths) == 1 else None)
            written += 1
            if indexed:
                indexed.wrote(entry, key)
    if indexed:
        for entry in indexed.finish():  # a language with fewer shards than before
            shutil.rmtree((output / entry).parent, ignore_errors=True)
    return bundles, written


def _index_pages(output: Path, pages: list[Path], bundle: Path, glob: str | None) -> None:
    """Index exactly these pages into one bundle. A whole language's pages are found by Pagefind
    itself (`glob`, under the site root); a shard's are given as a folder of links to them, laid
    out as in the site, so result URLs come out right (thousands of links cost seconds)."""
    command = [sys.executable, "-m", "pagefind", "--output-path", str(bundle), "--silent"]
    if glob:
        subprocess.run([*command, "--site", str(output), "--glob", glob], check=True)
        return
    with tempfile.TemporaryDirectory() as view:
        for page in pages:
            link = Path(view) / page
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(output / page)
        subprocess.run([*command, "--site", view], check=True)
