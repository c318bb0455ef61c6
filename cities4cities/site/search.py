"""The search index: Pagefind runs over the built site once Pelican has written it."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from typing import Any

from .i18n import LANGUAGES

log = logging.getLogger(__name__)

# Only the pages of needs, offers and cities carry data-pagefind-body; the glob keeps Pagefind
# from even reading the listings, which would cost memory and time on a large site.
_FOLDERS = [
    f"{'' if language == LANGUAGES[0] else language + '/'}{folder}"
    for language in LANGUAGES
    for folder in ("needs", "offers", "cities")
]
INDEXED_PAGES = "{" + ",".join(_FOLDERS) + "}/*/index.html"


def index_search(pelican: Any) -> None:
    """Pelican's `finalized` signal: index the output with Pagefind's bundled binary."""
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        pelican.output_path,
        "--glob",
        INDEXED_PAGES,
        "--silent",
    ]
    subprocess.run(command, check=True)
    log.info("indexed the search in %.1f s", time.perf_counter() - started)
