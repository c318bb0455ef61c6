"""Benchmark: how long matching takes on a content folder (a synthetic one from synth.py).

Loads and validates the folder first (not timed), then times `match()` once as the site would
run it, and once more under tracemalloc for the peak memory it allocates. Prints one line.

    python scripts/bench_matching.py DIR [--limit 5]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cities4cities.clock import today
from cities4cities.matching import match
from cities4cities.validation import validate_content


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--limit", type=int, default=5)
    args = parser.parse_args()

    day = today()
    dataset = validate_content(args.content, day).dataset
    gc.collect()
    start = time.perf_counter()
    cpu = time.process_time()
    matches = match(dataset, day, args.limit)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    del matches
    gc.collect()
    tracemalloc.start()
    matches = match(dataset, day, args.limit)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    suggestions = sum(map(len, matches.for_need.values())) + sum(
        map(len, matches.for_offer.values())
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"match: {len(dataset.needs):,} needs, {len(dataset.offers):,} offers "
        f"({len(matches.for_need):,} open, {len(matches.for_offer):,} available) -> "
        f"{suggestions:,} suggestions in {wall:.2f} s wall, {cpu:.2f} s cpu, "
        f"peak {peak / 2**20:.0f} MB allocated by match (process {rss:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
