"""The weekly list of records past their review date fits in one issue body (GitHub's limit:
65,536 characters) at any size: the whole table while it fits, else a summary by city that
links the full list, which is written whole as a file."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from conftest import TODAY
from conftest import run_cli as run

from cities4cities.overdue import (
    BODY_LIMIT,
    MARKER,
    MAX_BODY,
    as_full_list,
    as_markdown,
    length,
    overdue,
)
from cities4cities.records import LocalizedText
from cities4cities.validation import validate_content

URL = "https://github.com/owner/repo/blob/review-overdue/overdue.md"
# The longest title allowed (120 characters), in characters that cost two UTF-16 units.
WIDE_TITLE = "🚒" * 120


def listings(content: Path, count: int, cities: int, title: str = "") -> list:
    """`count` overdue needs spread over `cities` cities, made from the base need."""
    need = validate_content(content, TODAY).dataset.needs["ua-sumy-generators"]
    made = []
    for number in range(count):
        city = f"ua-city-{number % cities}"
        made.append(
            dataclasses.replace(
                need,
                id=f"{city}-need-{number}",
                city=city,
                review_by=TODAY - timedelta(days=1 + number % 400),
                title=LocalizedText.of({"en": title}) if title else need.title,
            )
        )
    return sorted(made, key=lambda listing: (listing.review_by, listing.id))


@pytest.mark.parametrize(
    ("count", "cities", "title"),
    [
        (1, 1, ""),
        (240, 20, ""),
        (300, 20, ""),
        (5000, 1, ""),
        (5000, 40, ""),
        (5000, 5000, ""),
        (5000, 600, WIDE_TITLE),
    ],
)
def test_the_body_fits_at_any_size(content: Path, count: int, cities: int, title: str) -> None:
    found = listings(content, count, cities, title)
    body = as_markdown(found, TODAY, "owner/repo", full_list_url=URL)
    full = as_full_list(found, TODAY, "owner/repo")

    assert body.startswith(MARKER + "\n")
    assert length(body) <= BODY_LIMIT < MAX_BODY
    assert all(f"/{listing.id}.yaml)" in full for listing in found)
    assert full.endswith(f"\n{count} record(s) in all.\n")
    if f"/{found[-1].id}.yaml)" in body:  # the whole table fits
        assert body.count("\n| [") == count
    else:  # the summary: every record counted once, in its city's row or in the last
        counted = [int(n) for n in re.findall(r"^\| `[a-z0-9-]+` \| (\d+) \|", body, re.M)]
        counted += [int(n) for n in re.findall(r"more cities \((\d+) records\)", body)]
        assert sum(counted) == count
        assert f"[the full list of all {count}]({URL})" in body
        assert f"\n{cities} cities in all.\n" in body


def test_the_table_is_kept_while_it_fits(content: Path) -> None:
    body = as_markdown(listings(content, 200, 20), TODAY, "owner/repo", full_list_url=URL)
    assert "too many to list here" not in body
    assert body.endswith(f"200 record(s) in all.\nThe same list as a file: {URL}\n")


def test_the_summary_puts_the_cities_with_most_records_first(content: Path) -> None:
    body = as_markdown(listings(content, 1000, 30), TODAY, "owner/repo", full_list_url=URL)
    counts = [int(n) for n in re.findall(r"^\| `[a-z0-9-]+` \| (\d+) \|", body, re.M)]
    assert counts == sorted(counts, reverse=True) and len(counts) == 30


@pytest.mark.slow  # seconds: runs the command on thousands of records
def test_the_command_writes_the_body_and_the_full_list(tmp_path: Path, content: Path) -> None:
    """5,000 overdue records on disk, as the weekly workflow runs the command. (In 500 cities:
    the rule on near-duplicate titles compares every pair of a city's needs.)"""
    source = (content / "needs" / "ua-sumy-generators.yaml").read_text(encoding="utf-8")
    source = source.replace('posted: "2026-10-01"\nreview_by: "2027-04-01"', "{dates}")
    for number in range(5000):
        day, city = 1 + number % 28, f"ua-c{number % 500}"
        dates = f'posted: "2026-01-{day:02d}"\nreview_by: "2026-11-{min(day, 25):02d}"'
        text = source.replace("{dates}", dates).replace("Generators for", f"Generators {number}")
        text = text.replace("city: ua-sumy", f"city: {city}")
        path = content / "needs" / f"{city}-need-{number}.yaml"
        path.write_text(text, encoding="utf-8")
    full = tmp_path / "full" / "overdue.md"

    result = run(
        "overdue",
        str(content),
        "--format",
        "markdown",
        "--repository",
        "owner/repo",
        "--full-list",
        str(full),
        "--full-list-url",
        URL,
    )

    assert result.returncode == 0, result.stderr
    assert length(result.stdout) <= BODY_LIMIT
    assert "5000 records are past their review date: too many to list here" in result.stdout
    assert "| `ua-c0` | 10 |" in result.stdout and "\n500 cities in all.\n" in result.stdout
    # The overdue table whole; the verification table after it names the same open needs (and
    # the base dataset's own need, not verified either).
    overdue_part, verification_part = full.read_text(encoding="utf-8").split("\n## Not verified")
    assert overdue_part.count("\n| [Generators ") == 5000
    assert verification_part.count("\n| [Generators ") == 5001


def test_the_weekly_workflow_keeps_the_full_list_and_links_it() -> None:
    workflow = yaml.safe_load(
        (Path(__file__).parent.parent / ".github/workflows/stale.yml").read_text("utf-8")
    )
    job = workflow["jobs"]["overdue"]
    assert job["env"]["BRANCH"] == "review-overdue"
    assert job["permissions"] == {"contents": "write", "issues": "write"}
    steps = {step.get("name"): step.get("run", "") for step in job["steps"]}
    listing = steps["List the overdue records"]
    assert '--full-list "$RUNNER_TEMP/full-list/overdue.md"' in listing
    assert (
        '--full-list-url "https://github.com/$GITHUB_REPOSITORY/blob/$BRANCH/overdue.md"' in listing
    )
    push = steps["Keep the full list on its branch"]
    assert 'git push --quiet --force "https://github.com/$GITHUB_REPOSITORY.git"' in push
    assert '"HEAD:refs/heads/$BRANCH"' in push
    assert "GH_TOKEN" not in push.split("git push")[1]  # the token is never an argument


def test_overdue_counts_only_what_is_open(content: Path) -> None:
    assert overdue(validate_content(content, TODAY).dataset, TODAY) == []
