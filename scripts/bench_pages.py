"""Page weights of a built site against the budgets of a phone on a slow connection.

    python scripts/bench_pages.py SITE_DIR [--top N]

Budgets (gzipped, as GitHub Pages serves them): no HTML page over 30 KB, except the print views
of open needs (needs/print/ ...), which hold every open need on purpose; the home page and a
record page within 14 KB for the HTML and the CSS it links (one TCP round trip, ~14 KB).
Exits 1 when a budget is exceeded, so `make bench` says so.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from functools import cache
from pathlib import Path

PAGE_BUDGET = 30 * 1024
FIRST_ROUND_TRIP = 14 * 1024
STYLESHEETS = re.compile(rb'<link rel="stylesheet" href="([^"]+)"')


@cache
def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def first_round_trip(site: Path, page: Path) -> int:
    """The page's HTML and the stylesheets it links, gzipped."""
    sheets = STYLESHEETS.findall(page.read_bytes())
    css = [site / href.decode().split("?")[0].lstrip("/") for href in sheets]
    return gzipped(page) + sum(gzipped(sheet) for sheet in css if sheet.is_file())


def is_print_view(relative: Path) -> bool:
    return "print" in relative.parts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    site: Path = args.site
    pages = sorted(site.rglob("*.html"), key=gzipped, reverse=True)
    checked = [p for p in pages if not is_print_view(p.relative_to(site))]
    print(f"{len(pages)} HTML pages; the largest, gzipped:")
    for page in checked[: args.top]:
        print(f"  {gzipped(page) / 1024:6.1f} KB  {page.relative_to(site)}")
    views = [p for p in pages if is_print_view(p.relative_to(site))]
    if views:
        largest = views[0]
        print(
            f"  print views (exempt): {gzipped(largest) / 1024:.1f} KB, {largest.relative_to(site)}"
        )
    over = [p for p in checked if gzipped(p) > PAGE_BUDGET]
    needs = sorted(site.glob("needs/*/index.html"), key=gzipped)
    needs = [p for p in needs if not is_print_view(p.relative_to(site))]
    trips = {"home page": site / "index.html", "largest need page": needs[-1]} if needs else {}
    slow = []
    for name, page in trips.items():
        size = first_round_trip(site, page)
        print(f"first round trip, {name} (HTML + CSS): {size / 1024:.1f} KB")
        if size > FIRST_ROUND_TRIP:
            slow.append(name)
    for page in over:
        print(f"OVER BUDGET ({PAGE_BUDGET // 1024} KB): {page.relative_to(site)}", file=sys.stderr)
    for name in slow:
        print(
            f"OVER BUDGET ({FIRST_ROUND_TRIP // 1024} KB first round trip): {name}", file=sys.stderr
        )
    return 1 if over or slow else 0


if __name__ == "__main__":
    sys.exit(main())
