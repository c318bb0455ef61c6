"""A one-page stand-in for the site until the Pelican site lands: every valid record, listed."""

from __future__ import annotations

import html
import sys
from datetime import date
from pathlib import Path

from .records import Listing
from .validation import validate_content


def build_placeholder(content: Path, output: Path, today: date) -> int:
    result = validate_content(content, today)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.errors:
        print(result.summary(), file=sys.stderr)
        return 1
    ds = result.dataset
    sections = [
        _section("Needs", ds.needs.values()),
        _section("Offers", ds.offers.values()),
        "<h2>Cities</h2><ul>"
        + "".join(
            f"<li>{html.escape(city.name.best('en')[1])} ({city.country})</li>"
            for city in sorted(ds.cities.values(), key=lambda c: c.id)
        )
        + "</ul>",
    ]
    output.mkdir(parents=True, exist_ok=True)
    (output / "index.html").write_text(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>cities4cities</title>'
        "<h1>cities4cities</h1><p>"
        + html.escape(result.summary())
        + "</p>"
        + "".join(sections)
        + "</html>\n",
        encoding="utf-8",
    )
    print(f"wrote {output / 'index.html'}: {result.summary()}")
    return 0


def _section(heading: str, listings) -> str:
    rows = "".join(
        f"<li>{html.escape(listing.title.best('en')[1])} — {listing.city}, {listing.status}</li>"
        for listing in sorted(listings, key=_newest_first)
    )
    return f"<h2>{heading}</h2><ul>{rows}</ul>"


def _newest_first(listing: Listing) -> tuple:
    return (-listing.posted.toordinal(), listing.id)
