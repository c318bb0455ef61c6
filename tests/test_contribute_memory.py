"""A candidate record (from `new`, an issue or the form) is checked with every record of content/
in memory: nothing is written into content/ to check it, not even for a moment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import TODAY
from test_issueforms import ISSUES, labels_of

from cities4cities.contribute.issues import process_issue
from cities4cities.contribute.newrecord import check_new_file
from cities4cities.validation import validate_content

PAST = 946_684_800 * 10**9  # 2000-01-01, in ns: a folder's mtime moves off it on any change
NEED = (Path(__file__).parent / "fixtures/base/needs/ua-sumy-generators.yaml").read_text("utf-8")


def snapshot(content: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file's bytes and every folder's and file's mtime, by path under content/."""
    return {
        str(path.relative_to(content)): (
            None if path.is_dir() else path.read_bytes(),
            path.stat().st_mtime_ns,
        )
        for path in [content, *content.rglob("*")]
    }


@contextmanager
def untouched(content: Path) -> Iterator[None]:
    """Fails if anything under content/ changes, even a file created and removed again: that
    moves its folder's mtime, set in the past first. The folders are also made read-only, which
    stops any write outright (except as root)."""
    folders = [content, *(path for path in content.rglob("*") if path.is_dir())]
    for folder in folders:
        os.utime(folder, ns=(PAST, PAST))
    before = snapshot(content)
    for folder in folders:
        folder.chmod(0o555)
    try:
        yield
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert snapshot(content) == before


def test_a_candidate_is_checked_with_the_others_in_memory(content: Path) -> None:
    candidate = NEED.replace("Generators for Sumy hospitals", "Water pumps").replace(
        "Генератори для лікарень Сум", "Насоси"
    )
    with untouched(content):
        result = validate_content(
            content, TODAY, extra={"needs/ua-sumy-water-pumps.yaml": candidate.encode()}
        )
    assert result.problems == []
    assert set(result.dataset.needs) == {"ua-sumy-generators", "ua-sumy-water-pumps"}
    # ... and the rules across records saw it: the same title again is pointed out.
    again = validate_content(content, TODAY, extra={"needs/ua-sumy-hospitals.yaml": NEED.encode()})
    assert [(problem.path, problem.field) for problem in again.problems] == [
        (str(content / "needs" / "ua-sumy-hospitals.yaml"), "title")
    ]


def test_problems_in_a_candidate_name_its_future_path_and_line(content: Path) -> None:
    candidate = NEED.replace("supply@sumy-hospital.example", "nope").replace(
        "  - name:", "  - naem:"
    )
    with untouched(content):
        problems = check_new_file(content, "need", "ua-sumy-pumps", candidate, TODAY)
    path = content / "needs" / "ua-sumy-pumps.yaml"
    assert [str(problem) for problem in problems] == [
        f'{path}:12:5: error: items[0].naem: unknown field; did you mean "name"?',
        f'{path}:26:10: error: contact.email: "nope" is not an e-mail address, '
        "such as partnerships@city.gov.ua",
    ]


def test_a_candidate_the_yaml_reader_refuses_is_reported_where_it_would_be(
    content: Path,
) -> None:
    candidate = NEED.replace("urgency: high", "urgency: high\nurgency: low")
    with untouched(content):
        problems = check_new_file(content, "need", "ua-sumy-pumps", candidate, TODAY)
    assert [(problem.path, problem.line, problem.field) for problem in problems] == [
        (str(content / "needs" / "ua-sumy-pumps.yaml"), 19, "urgency")
    ]


def test_a_candidate_takes_the_place_of_the_file_of_its_name(content: Path) -> None:
    edited = NEED.replace("status: open", "status: fulfilled")
    with untouched(content):
        result = validate_content(
            content, TODAY, extra={"needs/ua-sumy-generators.yaml": edited.encode()}
        )
    assert result.dataset.needs["ua-sumy-generators"].status == "fulfilled"


def test_a_candidate_cannot_be_placed_outside_the_record_folders(content: Path) -> None:
    for relative in ("ua-sumy-pumps.yaml", "needs/../ua-sumy-pumps.yaml", "news/x.yaml"):
        with pytest.raises(ValueError, match="an extra file goes in one of"):
            validate_content(content, TODAY, extra={relative: NEED.encode()})


def test_checking_an_issue_writes_nothing(content: Path) -> None:
    body = (ISSUES / "offer-empty-optional.md").read_text(encoding="utf-8")
    with untouched(content):
        outcome = process_issue(body, labels_of(body), content, TODAY)
    assert outcome.ready and not (content.parent / outcome.path).exists()
