"""The search index: Pagefind runs over the built site once Pelican has written it.

One index (a Pagefind "bundle") per language and kind of record, so that a first search
fetches only what it searches (needs by default), and split into shards of SHARD_PAGES pages,
because Pagefind holds about 90 KB per page in memory while it indexes: shards keep a
50,000-record site within bounds. The search page merges a kind's shards in the browser.
"""

from __future__ import annotations

import logging
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .i18n import LANGUAGES

log = logging.getLogger(__name__)

KINDS = ("needs", "offers", "cities")  # the indexed pages: <kind>/<id>/index.html
SHARD_PAGES = 12_000


def language_prefix(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


def bundle_paths(language: str, kind: str, pages: int, shard_pages: int) -> list[str]:
    """Where the shards of one index live, relative to the site root, e.g. ["uk/pagefind/
    needs/", "uk/pagefind/needs-2/"]. The search page and the indexer both derive them here."""
    shards = math.ceil(pages / shard_pages)  # none for no pages
    base = f"{language_prefix(language)}pagefind/{kind}"
    return [f"{base}/" if shard == 0 else f"{base}-{shard + 1}/" for shard in range(shards)]


def index_search(pelican: Any) -> None:
    """Pelican's `finalized` signal: index the output with Pagefind's bundled binary."""
    started = time.perf_counter()
    shard_pages = pelican.settings.get("SEARCH_SHARD_PAGES", SHARD_PAGES)
    bundles = index_site(Path(pelican.output_path), shard_pages)
    log.info("indexed the search in %d bundles in %.1f s", bundles, time.perf_counter() - started)


def index_site(output: Path, shard_pages: int = SHARD_PAGES) -> int:
    """Write every bundle of a built site; returns how many."""
    output = output.resolve()  # the links below point here from a temporary folder
    bundles = 0
    for language in LANGUAGES:
        for kind in KINDS:
            folder = f"{language_prefix(language)}{kind}"
            pages = sorted(p.relative_to(output) for p in (output / folder).glob("*/index.html"))
            for shard, bundle in enumerate(bundle_paths(language, kind, len(pages), shard_pages)):
                chosen = pages[shard * shard_pages : (shard + 1) * shard_pages]
                _index_pages(output, chosen, output / bundle)
                bundles += 1
    return bundles


def _index_pages(output: Path, pages: list[Path], bundle: Path) -> None:
    """Index exactly these pages into one bundle: Pagefind reads a folder of links to them,
    laid out as in the site, so result URLs come out right."""
    with tempfile.TemporaryDirectory() as view:
        for page in pages:
            link = Path(view) / page
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(output / page)
        command = [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            view,
            "--output-path",
            str(bundle),
            "--silent",
        ]
        subprocess.run(command, check=True)
