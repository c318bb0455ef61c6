"""The maps of a built site: the land images (cached files), the closer maps, and the bytes
the overview's markers add to the home page (the page itself: scripts/bench_pages.py).

    python scripts/bench_map.py SITE_DIR

Build SITE_DIR from synthetic data first (scripts/synth.py --records 10000, then pelican).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

FIGURE = re.compile(rb'<figure class="city-map">.*?</figure>', re.S)
LAND = re.compile(rb'<image href="/?([^"]+)"')


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    site = parser.parse_args().site
    images = sorted((site / "map").glob("*.svg"))
    closer = sorted((site / "cities" / "map").rglob("index.html"))
    figure = FIGURE.search((site / "index.html").read_bytes()).group(0)
    land = (site / LAND.search(figure).group(1).decode()).read_bytes()
    markers = figure.count(b"<a href=")
    print(f"land images: {len(images)} files, {kb(sum(p.stat().st_size for p in images))} in all")
    print(f"the overview's land: {kb(len(land))}, {kb(gzipped(land))} gzipped")
    print(f"the overview in the home page: {markers} markers, {kb(gzipped(figure))} gzipped")
    if closer:
        depth = max(int(p.relative_to(site / "cities" / "map").parts[0]) for p in closer)
        largest = max(closer, key=lambda p: gzipped(p.read_bytes()))
        print(
            f"closer maps: {len(closer)} pages a language, {depth} levels below the overview; "
            f"largest /{largest.parent.relative_to(site)}/ {kb(gzipped(largest.read_bytes()))} "
            "gzipped"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
