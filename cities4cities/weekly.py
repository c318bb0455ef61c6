"""The maintainers' weekly review list: the records past their review date (overdue.py), then
the cities and the open needs and offers that no verification vouches for: never verified, or
verified more than a year ago (records.Verification).

All of it goes into one issue body, within GitHub's limit (overdue.BODY_LIMIT): the verification
part takes at most a third of it (VERIFICATION_SHARE), as many rows as fit, the lapsed ones
first, and says how many more the full list names; the overdue part gets the rest. The full
list, of any length, holds both tables whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from . import overdue
from .records import City, Dataset, Listing, Record
from .schemas import FOLDERS
from .trust import verification_state

Vouched = City | Listing  # what a verification vouches for
VERIFICATION_SHARE = 3  # the verification part takes at most 1/3 of the body
HEADING = "## Not verified, or verified more than a year ago"
_KIND_ORDER = {"cities": 0, "needs": 1, "offers": 2}


def unverified(dataset: Dataset, today: date) -> list[Vouched]:
    """Cities, and needs and offers not closed, with no verification or a lapsed one: the lapsed
    first (their pages warn readers), longest lapsed first; then the never verified, cities
    first (verifying a city confirms its official domains), then needs, then offers, by id."""
    records: list[Vouched] = [
        *dataset.cities.values(),
        *(listing for listing in dataset.listings() if not listing.is_closed),
    ]
    lapsed = [r for r in records if verification_state(r, today) == "lapsed"]
    never = [r for r in records if r.verified is None]
    lapsed.sort(key=lambda r: (r.verified.date if r.verified else today, r.id))
    never.sort(key=lambda r: (_KIND_ORDER[_folder(r)], r.id))
    return [*lapsed, *never]


def body(
    found: Sequence[Record],
    unchecked: Sequence[Vouched],
    today: date,
    repository: str,
    branch: str = "main",
    full_list_url: str = "",
    limit: int = overdue.BODY_LIMIT,
) -> str:
    """The tracking issue's body: the overdue records, then the verification part; never
    longer than `limit`."""
    section = verification_markdown(
        unchecked, today, repository, branch, full_list_url, limit // VERIFICATION_SHARE
    )
    rest = limit - overdue.length(section) - 1
    return overdue.as_markdown(list(found), today, repository, branch, full_list_url, rest) + (
        "\n" + section
    )


def full_list(
    found: Sequence[Record],
    unchecked: Sequence[Vouched],
    today: date,
    repository: str,
    branch: str = "main",
) -> str:
    """Both tables whole, of any length: the file the tracking issue links."""
    table = [HEADING, "", _summary(unchecked), ""]
    if unchecked:
        table += _table(unchecked, today, repository, branch)
    overdue_part = overdue.as_full_list(list(found), today, repository, branch)
    return overdue_part + "\n" + overdue.join_lines(table)


def verification_markdown(
    records: Sequence[Vouched],
    today: date,
    repository: str,
    branch: str = "main",
    full_list_url: str = "",
    limit: int = overdue.BODY_LIMIT // VERIFICATION_SHARE,
) -> str:
    """The verification part of the body: as many rows as fit in `limit`, then how many more."""
    lines = [HEADING, "", _summary(records), ""]
    if not records:
        return overdue.join_lines(lines)
    link = overdue.full_list_link(len(records), full_list_url)
    lines += _table([], today, repository, branch)
    rows = _table(records, today, repository, branch)[2:]
    # Room kept for the last row at its longest.
    room = limit - overdue.length(overdue.join_lines([*lines, _more(len(records), link)]))
    shown = 0
    for row in rows:
        room -= overdue.length(row) + 1
        if room < 0:
            break
        lines.append(row)
        shown += 1
    if shown < len(records):
        lines.append(_more(len(records) - shown, link))
    return overdue.join_lines(lines)


def as_text(records: Sequence[Vouched], today: date) -> str:
    """The verification part for a terminal: one line a record."""
    lines = [f"{record.path}: {_state(record, today)}" for record in records]
    lines.append(f"{len(records)} record(s) not verified, or verified more than a year ago")
    return overdue.join_lines(lines)


def _summary(records: Sequence[Vouched]) -> str:
    if not records:
        return "Every city and every open need and offer has a current verification. 🎉"
    counts = {folder: 0 for folder in _KIND_ORDER}
    for record in records:
        counts[_folder(record)] += 1
    return (
        f"{counts['cities']} cities, {counts['needs']} needs and {counts['offers']} offers (open "
        "ones) have no verification, or one more than a year old. Please confirm each with its "
        "city, through the official address its website publishes or a phone number it "
        'publishes (CONTRIBUTING.md, "Official contacts and verification"), then add or renew '
        "`verified` in its file."
    )


def _table(records: Sequence[Vouched], today: date, repository: str, branch: str) -> list[str]:
    lines = ["| Record | Kind | City | Verified | Contact |", "|---|---|---|---|---|"]
    for record in records:
        folder = _folder(record)
        if isinstance(record, City):
            city, title = record.id, record.name
        else:
            city, title = record.city, record.title
        url = overdue.file_url(folder, record.id, repository, branch)
        # The cells escaped as the overdue table's are: no mention, link or HTML from a record.
        lines.append(
            f"| [{overdue.cell(title.best('en')[1])}]({url}) | {FOLDERS[folder]} | `{city}` | "
            f"{_state(record, today)} | {overdue.cell(record.contact.email)} |"
        )
    return lines


def _state(record: Vouched, today: date) -> str:
    if record.verified is None:
        return "never"
    days = (today - record.verified.date).days
    return f"lapsed: {record.verified.date}, {days} days ago"


def _folder(record: Vouched) -> str:
    return "cities" if isinstance(record, City) else record.FOLDER


def _more(count: int, link: str) -> str:
    return f"| … and {count} more: see {link} | | | | |"
