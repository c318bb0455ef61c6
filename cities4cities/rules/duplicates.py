"""Near-duplicate titles within a city: a warning when a city posts the same request twice.

Comparing every pair of a city's records costs n² slow comparisons (5,000 needs of one city
took minutes: a hostile pull request could hold CI that long). Two titles 90% alike by difflib
share more than 70% of their letter pairs, so each title is compared only with the earlier ones
that share one of its rarest letter pairs (prefix filtering: a pair set that similar to another
must share one of its first |s| - ceil(j|s|) + 1 pairs in any fixed order, j the Jaccard bound
of that Dice share), and each record is reported once, with the first such earlier record.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache

from ..pledging import fold
from ..problems import Problem
from ..records import Dataset, Listing, Need
from .base import report, rule

NEAR_DUPLICATE_RATIO = 0.9
SHARED_PAIRS = 0.7  # the Dice share of letter pairs below which titles are never 90% alike
_JACCARD = SHARED_PAIRS / (2 - SHARED_PAIRS)

Titles = dict[str, str]  # language -> folded title


@rule
def no_near_duplicate_titles(ds: Dataset, today: date) -> Iterator[Problem]:
    """A city does not post two needs (or two offers) with nearly the same title (a warning)."""
    for group in (ds.needs, ds.offers):
        by_city: dict[str, list[Listing]] = defaultdict(list)
        for listing in sorted(group.values(), key=lambda r: r.id):
            by_city[listing.city].append(listing)
        for listings in by_city.values():
            for first, second in near_duplicates(listings):
                what = "need" if isinstance(first, Need) else "offer"
                yield report(
                    second,
                    ("title",),
                    f"the title is nearly the same as the "
                    f'{what} "{first.id}"; if it is the same '
                    "request, keep one file",
                    "warning",
                )


def near_duplicates(listings: Sequence[Listing]) -> Iterator[tuple[Listing, Listing]]:
    """(earlier, later) for each listing with an earlier one of nearly the same title."""
    titles = [_normalised_titles(listing) for listing in listings]
    rarity = Counter(pair for title in titles for text in title.values() for pair in _pairs(text))
    index: dict[tuple[str, str], list[int]] = defaultdict(list)  # (language, pair) -> titles
    for later, title in enumerate(titles):
        prefixes = {language: _prefix(_pairs(text), rarity) for language, text in title.items()}
        candidates = sorted(
            {
                earlier
                for language, prefix in prefixes.items()
                for pair in prefix
                for earlier in index[language, pair]
            }
        )
        for earlier in candidates:
            if _similar(titles[earlier], title):
                yield listings[earlier], listings[later]
                break
        for language, prefix in prefixes.items():
            for pair in prefix:
                index[language, pair].append(later)


def _prefix(pairs: frozenset[str], rarity: Counter[str]) -> list[str]:
    """The rarest pairs of a title, as many as a similar title must share one of."""
    ordered = sorted(pairs, key=lambda pair: (rarity[pair], pair))
    return ordered[: len(ordered) - math.ceil(_JACCARD * len(ordered)) + 1]


def _normalised_titles(listing: Listing) -> Titles:
    """Title per language with case and punctuation folded (as pledged items are named)."""
    return {language: fold(text) for language, text in listing.title}


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    """A text's letter pairs (a text of one letter is its own pair)."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset({text})


def _similar(first: Titles, second: Titles) -> bool:
    for language in first.keys() & second.keys():
        a, b = first[language], second[language]
        total = len(a) + len(b)
        if not total or 2 * min(len(a), len(b)) < NEAR_DUPLICATE_RATIO * total:
            continue  # lengths too different for the ratio to reach the threshold
        pairs_a, pairs_b = _pairs(a), _pairs(b)
        if 2 * len(pairs_a & pairs_b) < SHARED_PAIRS * (len(pairs_a) + len(pairs_b)):
            continue  # the cheap set test spares most pairs the slow comparison
        if difflib.SequenceMatcher(None, a, b).ratio() >= NEAR_DUPLICATE_RATIO:
            return True
    return False
