"""Recall@5 of the search on a built site: the queries of tests/search_queries.yaml, each run in
Chromium on the site's search page, and the share of their expected records among the first five
results (the browser tests require all of them; this says how far a change moves it).

    python scripts/search_recall.py SITE_DIR

Needs Debian's chromium (or $CHROMIUM).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import site_in_chromium

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "search_queries.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    found = expected = 0
    for query, top5 in zip(queries, first_five(args.site, queries), strict=True):
        hits = sum(record in top5 for record in query["top5"])
        found, expected = found + hits, expected + len(query["top5"])
        print(f"{hits}/{len(query['top5'])}  {query['search']}")
    print(f"recall@5: {found}/{expected} = {found / expected:.2f}")
    return 0


def first_five(site: Path, queries: list[dict]) -> list[list[str]]:
    """Each query's first five results, as folder/id."""
    results = []
    with site_in_chromium(site) as (browser, base):
        page = browser.new_page()
        for query in queries:
            page.goto(base + query["search"])
            page.wait_for_selector("#search-form[data-done]", timeout=30_000)
            paths = page.locator("#search-results li h2 a").evaluate_all(
                "links => links.map(a => a.pathname)"
            )
            results.append(["/".join(p.strip("/").split("/")[-2:]) for p in paths[:5]])
    return results


if __name__ == "__main__":
    sys.exit(main())
