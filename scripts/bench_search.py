"""Measure the search index on a built site: Pagefind's indexing time, peak memory and index
size, and the bytes a browser fetches for a first search (from Chromium's network log).

    python scripts/bench_search.py SITE_DIR [--query WORD]

SITE_DIR is a site built by Pelican (which indexes it already; this indexes it again to time
it). The first-search figure needs Debian's chromium.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import os
import resource
import shutil
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cities4cities.site.search import index_site

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="water")
    args = parser.parse_args()
    wall, peak_mb = index(args.site)
    bundles = [*(args.site / "pagefind").rglob("*"), *(args.site / "uk/pagefind").rglob("*")]
    size_mb = sum(p.stat().st_size for p in bundles if p.is_file()) / 1e6
    files = len(bundles)
    print(
        f"indexing: {wall:.1f} s wall, {peak_mb:.0f} MB peak; index {size_mb:.1f} MB "
        f"in {files} files"
    )
    if Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).is_file():
        # A phone shows the filters folded: their counts (every filter's index) load on opening.
        for screen, width in (("phone", 390), ("desktop", 1280)):
            plain, gzipped, count = first_search_bytes(args.site, args.query, width)
            print(
                f"first search for {args.query!r} on a {screen}: {count} requests, "
                f"{plain / 1024:.0f} KB as served here, {gzipped / 1024:.0f} KB from a host "
                "that gzips"
            )
    return 0


def index(site: Path) -> tuple[float, float]:
    """Index the site again as the build does; wall time and the peak memory of the largest
    Pagefind process (each bundle is indexed by its own process)."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)  # chunk names change between runs
    shutil.rmtree(site / "uk" / "pagefind", ignore_errors=True)
    start = time.perf_counter()
    index_site(site)  # every bundle, no cache
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return time.perf_counter() - start, peak


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def site_in_chromium(site: Path) -> Iterator[tuple[Browser, str]]:
    """Debian's headless Chromium and the site served on 127.0.0.1: (browser, base URL)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                headless=True,
                args=CHROMIUM_ARGS,
            )
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}"
            finally:
                browser.close()
    finally:
        server.shutdown()


def first_search_bytes(site: Path, query: str, width: int = 1280) -> tuple[int, int, int]:
    """Bytes fetched to load /search/?q=... and show results: as sent by this plain server,
    and as a host that gzips responses (GitHub Pages does) would send them; request count."""
    with site_in_chromium(site) as (browser, base):
        page = browser.new_page(viewport={"width": width, "height": 800})
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(f"{base}/search/?q={query}")
        page.wait_for_selector("#search-form[data-done]", timeout=30_000)
        page.wait_for_load_state("networkidle")
        bodies = [response.body() for response in responses]
    plain = sum(len(body) for body in bodies)
    gzipped = sum(min(len(body), len(gzip.compress(body, 9))) for body in bodies)
    return plain, gzipped, len(bodies)


if __name__ == "__main__":
    sys.exit(main())
