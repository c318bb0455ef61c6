"""The weekly review list names the records no verification vouches for (never verified, or more
than a year ago), after the overdue ones, and the whole body still fits in one issue at any
size; the full list holds both tables whole."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from cities4cities import weekly
from cities4cities.overdue import BODY_LIMIT, MARKER, length
from cities4cities.records import LocalizedText, Verification
from cities4cities.validation import validate_content

URL = "https://github.com/owner/repo/blob/review-overdue/overdue.md"


def test_the_example_data_lists_the_lapsed_first_then_the_never_verified() -> None:
    dataset = validate_content(ROOT / "content", TODAY).dataset
    found = weekly.unverified(dataset, TODAY)
    ids = [record.id for record in found]
    assert ids[0] == "ua-lviv"  # verified on 2025-09-30: lapsed
    verified = {"ua-kyiv", "de-munich", "ua-chernihiv-water-pumps-2026"}
    verified.add("de-munich-mobile-boiler-houses")
    assert not verified & set(ids)
    closed = {listing.id for listing in dataset.listings() if listing.is_closed}
    assert closed and not closed & set(ids)
    # Never verified: cities first, then needs, then offers.
    kinds = [weekly._folder(record) for record in found[1:]]
    assert kinds == sorted(kinds, key=["cities", "needs", "offers"].index)
    vouched = [*dataset.cities.values(), *(r for r in dataset.listings() if not r.is_closed)]
    current = {r.id for r in vouched if r.verified and not r.verified.is_lapsed(TODAY)}
    assert sorted(ids) == sorted(r.id for r in vouched if r.id not in current)


def many(count: int, title: str = "", verified: date | None = None) -> list:
    """`count` unverified needs made from an example need (lapsed when `verified` is given)."""
    need = validate_content(ROOT / "content", TODAY).dataset.needs["ua-kyiv-mobile-boiler-houses"]
    mark = Verification(verified, "call-back", "maintainers") if verified else None
    return [
        dataclasses.replace(
            need,
            id=f"ua-kyiv-need-{number}",
            title=LocalizedText.of({"en": title}) if title else need.title,
            verified=mark,
        )
        for number in range(count)
    ]


@pytest.mark.parametrize(
    ("overdue_count", "unverified_count", "title"),
    [(0, 0, ""), (3, 5, ""), (0, 5000, ""), (5000, 5000, ""), (400, 5000, "🚒" * 120)],
)
def test_the_body_fits_at_any_size(overdue_count: int, unverified_count: int, title: str) -> None:
    overdue = many(overdue_count, title)
    unchecked = many(unverified_count, title, TODAY - timedelta(days=400))
    body = weekly.body(overdue, unchecked, TODAY, "owner/repo", full_list_url=URL)
    assert body.startswith(MARKER + "\n")
    assert length(body) <= BODY_LIMIT
    _, part = body.split("\n" + weekly.HEADING + "\n")
    assert length(part) <= BODY_LIMIT // weekly.VERIFICATION_SHARE
    rows = part.count("\n| [")
    if unverified_count == 0:
        assert "has a current verification" in part
    elif rows < unverified_count:  # the rest counted, and the full list linked
        more = re.search(r"… and (\d+) more: see \[the full list of all (\d+)\]\(", part)
        assert more and int(more[1]) + rows == unverified_count == int(more[2])
    assert "lapsed: " in part or not unverified_count
    full = weekly.full_list(overdue, unchecked, TODAY, "owner/repo")
    assert full.split(weekly.HEADING)[1].count("\n| [") == unverified_count


def test_the_rows_escape_what_a_record_says() -> None:
    (record,) = many(1, "Pumps | [click](https://evil.example) @maintainers <b>")
    part = weekly.verification_markdown([record], TODAY, "owner/repo")
    row = part.splitlines()[-1]
    assert "@maintainers" not in row and "<b>" not in row and "](https://evil" not in row
    assert "| need | `ua-kyiv` | never |" in row


def test_the_text_names_each_record_and_counts(content: Path) -> None:
    dataset = validate_content(content, TODAY).dataset
    text = weekly.as_text(weekly.unverified(dataset, TODAY), TODAY)
    assert text.endswith("5 record(s) not verified, or verified more than a year ago\n")
    assert f"{content}/cities/pl-lublin.yaml: never" in text
