"""Records past their review date, and pledges past their expected delivery: the weekly "still
needed?" list in one tracking issue.

An issue's body holds at most 65,536 characters (GitHub's limit), about 245 rows of the table.
So the body is the table of every record while it fits, else a summary by city (as many cities
as fit, the most overdue records first); the full table, of any length, is a file of its own
(`as_full_list`: the weekly workflow keeps it on the branch review-overdue) that the body links.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .records import Dataset, Listing, Pledge
from .schemas import FOLDERS

Due = Listing | Pledge  # what may be overdue

MARKER = "<!-- cities4cities:overdue -->"  # opens the tracking issue's body
MAX_BODY = 65_536  # GitHub's limit on an issue's body, in characters (UTF-16 code units)
BODY_LIMIT = 60_000  # what the body may use: some room to spare


def overdue(dataset: Dataset, today: date) -> list[Due]:
    """Needs and offers still open whose review_by date has passed, and pledges still to be
    delivered whose expected day has passed; longest overdue first."""
    found: list[Due] = [
        listing
        for listing in dataset.listings()
        if not listing.is_closed and listing.review_by < today
    ]
    found += [pledge for pledge in dataset.pledges.values() if pledge.is_overdue(today)]
    return sorted(found, key=lambda record: (due(record), record.id))


def due(record: Due) -> date:
    """The day a record was due: a need's or offer's review date, a pledge's expected delivery."""
    return record.expected if isinstance(record, Pledge) else record.review_by


def as_text(listings: list[Due], today: date) -> str:
    lines = [
        f"{listing.path}: {'expected' if isinstance(listing, Pledge) else 'review_by'} "
        f"{due(listing)} ({(today - due(listing)).days} days ago), {listing.contact.email}"
        for listing in listings
    ]
    lines.append(f"{len(listings)} record(s) past their review date on {today}")
    return "\n".join(lines) + "\n"


def as_markdown(
    listings: list[Due],
    today: date,
    repository: str,
    branch: str = "main",
    full_list_url: str = "",
    limit: int = BODY_LIMIT,
) -> str:
    """The tracking issue's body, never longer than `limit` (see the module's docstring)."""
    lines = _intro(today)
    if not listings:
        return join_lines([*lines, "Nothing is overdue. 🎉"])
    link = full_list_link(len(listings), full_list_url)
    footer = ["", _total(listings)]
    if full_list_url:
        footer.append(f"The same list as a file: {full_list_url}")
    table = join_lines([*lines, *_table(listings, today, repository, branch), *footer])
    if length(table) <= limit:
        return table
    lines += [
        f"**{len(listings)} records are past their review date: too many to list here.** "
        f"Below, how many in each city, the cities with the most first; see {link} for every "
        "record.",
        "",
        "| City | Records | Longest overdue | Days over |",
        "|---|---|---|---|",
    ]
    cities = _by_city(listings)
    footer = ["", f"{len(cities)} cities in all."]
    # Room kept for the last row ("... and N more cities") and the footer, at their longest.
    room = limit - length(join_lines([*lines, _more(cities, link), *footer]))
    shown = 0
    for city, records in cities:
        row = _city_row(city, records, today, repository, branch)
        room -= length(row) + 1
        if room < 0:
            break
        lines.append(row)
        shown += 1
    if shown < len(cities):
        lines.append(_more(cities[shown:], link))
    return join_lines([*lines, *footer])


def _more(cities: list[tuple[str, list[Due]]], link: str) -> str:
    count = sum(len(records) for _, records in cities)
    return f"| … and {len(cities)} more cities ({count} records): see {link} | | | |"


def as_full_list(listings: list[Due], today: date, repository: str, branch: str = "main") -> str:
    """Every overdue record in one table, of any length: the file the tracking issue links."""
    lines = _intro(today)
    if not listings:
        return join_lines([*lines, "Nothing is overdue. 🎉"])
    return join_lines([*lines, *_table(listings, today, repository, branch), "", _total(listings)])


def full_list_link(count: int, full_list_url: str) -> str:
    """'the full list of all N', a link to the full list's file when there is one."""
    full = f"the full list of all {count}"
    return f"[{full}]({full_list_url})" if full_list_url else full


def file_url(folder: str, record_id: str, repository: str, branch: str) -> str:
    """Where a record's file is shown on GitHub."""
    return f"https://github.com/{repository}/blob/{branch}/content/{folder}/{record_id}.yaml"


def length(text: str) -> int:
    """The length of a text as GitHub counts it against its limits (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _intro(today: date) -> list[str]:
    return [
        MARKER,
        f"Needs and offers whose `review_by` date has passed, as of {today}. Please ask each "
        "city whether the record is still current, then update its `status` and `review_by` "
        "(and `updated`); and pledges whose `expected` delivery day has passed with nothing "
        "delivered: ask the pledging city where the help is, then update the pledge's `status` "
        "or `expected`. This list is rewritten every week; it is not a place for comments.",
        "",
    ]


def _total(listings: list[Due]) -> str:
    return f"{len(listings)} record(s) in all."


def join_lines(lines: Iterable[str]) -> str:
    """The lines as a text, each ended by a newline."""
    return "\n".join(lines) + "\n"


def _table(listings: list[Due], today: date, repository: str, branch: str) -> list[str]:
    lines = [
        "| Record | Kind | City | Due (review by, expected) | Days over | Contact |",
        "|---|---|---|---|---|---|",
    ]
    for listing in listings:
        lines.append(
            f"| {_link(listing, repository, branch)} | {FOLDERS[listing.FOLDER]} | "
            f"`{listing.city}` | {due(listing)} | {(today - due(listing)).days} | "
            f"{cell(listing.contact.email)} |"
        )
    return lines


def _by_city(listings: list[Due]) -> list[tuple[str, list[Due]]]:
    """The records of each city (longest overdue first), the cities with the most first."""
    cities: dict[str, list[Due]] = {}
    for listing in listings:  # already longest overdue first
        cities.setdefault(listing.city, []).append(listing)
    return sorted(cities.items(), key=lambda item: (-len(item[1]), due(item[1][0]), item[0]))


def _city_row(city: str, records: list[Due], today: date, repository: str, branch: str) -> str:
    oldest = records[0]
    return (
        f"| `{city}` | {len(records)} | {_link(oldest, repository, branch)} | "
        f"{(today - due(oldest)).days} |"
    )


def _link(record: Due, repository: str, branch: str) -> str:
    url = file_url(record.FOLDER, record.id, repository, branch)
    title = f"Pledge to {record.need}" if isinstance(record, Pledge) else record.title.best("en")[1]
    return f"[{cell(title)}]({url})"


def cell(text: str) -> str:
    """Text from a record, safe in a table's cell: no mention, link or HTML, on one line."""
    for char, entity in (
        ("|", "&#124;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("@", "&#64;"),
        ("[", "&#91;"),
        ("]", "&#93;"),
        ("\n", " "),
    ):
        text = text.replace(char, entity)
    return text
