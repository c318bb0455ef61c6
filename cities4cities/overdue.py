"""Records past their review date: the weekly "still needed?" list in one tracking issue."""

from __future__ import annotations

from datetime import date

from .records import Dataset, Listing, Need

MARKER = "<!-- cities4cities:overdue -->"  # opens the tracking issue's body


def overdue(dataset: Dataset, today: date) -> list[Listing]:
    """Needs and offers still open whose review_by date has passed, longest overdue first."""
    found = [
        listing
        for listing in dataset.listings()
        if not listing.is_closed and listing.review_by < today
    ]
    return sorted(found, key=lambda listing: (listing.review_by, listing.id))


def as_text(listings: list[Listing], today: date) -> str:
    lines = [
        f"{listing.path}: review_by {listing.review_by} ({(today - listing.review_by).days} days "
        f"ago), {listing.contact.email}"
        for listing in listings
    ]
    lines.append(f"{len(listings)} record(s) past their review date on {today}")
    return "\n".join(lines) + "\n"


def as_markdown(listings: list[Listing], today: date, repository: str, branch: str = "main") -> str:
    """The tracking issue's body: a table of the overdue records, with links to their files."""
    lines = [
        MARKER,
        f"Needs and offers whose `review_by` date has passed, as of {today}. Please ask each "
        "city whether the record is still current, then update its `status` and `review_by` "
        "(and `updated`). This list is rewritten every week; it is not a place for comments.",
        "",
    ]
    if not listings:
        return "\n".join([*lines, "Nothing is overdue. 🎉"]) + "\n"
    lines += [
        "| Record | Kind | City | Review by | Days over | Contact |",
        "|---|---|---|---|---|---|",
    ]
    for listing in listings:
        kind = "need" if isinstance(listing, Need) else "offer"
        url = f"https://github.com/{repository}/blob/{branch}/content/{kind}s/{listing.id}.yaml"
        title = _cell(listing.title.best("en")[1])
        lines.append(
            f"| [{title}]({url}) | {kind} | `{listing.city}` | {listing.review_by} | "
            f"{(today - listing.review_by).days} | {_cell(listing.contact.email)} |"
        )
    lines += ["", f"{len(listings)} record(s) in all."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
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
