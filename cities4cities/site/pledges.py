"""What pages show of pledges (facts.pledged, counted as pledging.py counts): on a need's page
its items counted (received, pledged, still needed, with a bar drawn without relying on colour),
who pledged what and when, and the two ways to help: an e-mail to the need's office, prefilled
in its first language, or a public pledge through the form on /submit/; on a city's page the
commitments it made and the help on its way to it."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from ..messages import N_, gettext_for
from ..pledging import count_items, item_index
from ..records import Need, Pledge
from ..vocabulary import LANGUAGES
from .context import Context, number

# The prefilled e-mail, in the language of the need's office (its first that the site speaks).
HELP_SUBJECT = N_("We can help: %(title)s")
HELP_BODY = N_(
    "Hello,\n\n"
    'We read your need "%(title)s" in the cities4cities directory:\n'
    "%(url)s\n\n"
    "Our city would like to help. We could bring:\n\n"
    "- \n\n"
    "Please tell us what is still needed, and where and when it should be delivered.\n\n"
    "Kind regards,\n"
)


def with_counts(ctx: Context, need: Need, rows: list[dict]) -> list[dict]:
    """A need page's item rows with each item's counts: received (the need's own count, or
    the confirmed deliveries if more), pledged, still needed, and the bar's two parts in
    percent of the quantity asked."""
    found = ctx.facts.pledged.get(need.id)
    tallies = found.items if found else count_items(need, ())
    counted = []
    for index, (row, tally) in enumerate(zip(rows, tallies, strict=True)):
        received = min(tally.received, tally.asked)
        pledged = min(tally.pledged, tally.asked - received)
        counted.append(
            {
                **row,
                "received": number(tally.received),
                "pledged": number(tally.pledged),
                "still": number(tally.still_needed),
                "bar_id": f"hatch-{index}",  # the bar's pattern: one per item of the page
                "bar": {
                    "received": _share(received, tally.asked),
                    "pledged": _share(pledged, tally.asked),
                },
            }
        )
    return counted


def _share(value: float, whole: float) -> float:
    return round(100 * value / whole, 1) if whole else 0.0


def pledge_entries(ctx: Context, need: Need) -> list[dict]:
    """Who pledged what to a need and when, oldest first: who came first, came first."""
    found = ctx.facts.pledged.get(need.id)
    return [_entry(ctx, need, pledge) for pledge in (found.pledges if found else ())]


def _entry(ctx: Context, need: Need, pledge: Pledge) -> dict:
    offer = ctx.dataset.offers.get(pledge.offer) if pledge.offer else None
    return {
        "id": pledge.id,
        "city": ctx.city_ref(pledge.city),
        **_progress(ctx, need, pledge),
        "offer": {"title": ctx.text(offer.title), "url": ctx.record_url(offer)} if offer else None,
        "note": ctx.text(pledge.note),
        "contact": {
            "email": pledge.contact.email,
            "organisation": ctx.text(pledge.contact.organisation),
        },
        "example": pledge.example,
    }


def status(ctx: Context, pledge: Pledge) -> dict:
    return {
        "value": pledge.status,
        "label": ctx.label("pledge_status", pledge.status),
        "state": pledge.state,
        "overdue": pledge.is_overdue(ctx.today),
    }


def pledged_items(ctx: Context, need: Need, pledge: Pledge) -> list[dict]:
    """The items of a pledge named as its need names them, in the reader's language."""
    items = []
    for entry in pledge.items:
        index = item_index(need, entry.item)
        if index is None:
            continue  # an error of the pledge's file: the build stops before pages are made
        item = need.items[index]
        items.append(
            {
                "name": ctx.text(item.name),
                "quantity": number(entry.quantity),
                "unit": ctx.label("unit", item.unit),
            }
        )
    return items


def help_ways(ctx: Context, need: Need) -> dict | None:
    """ "I can help", for an open need: an e-mail to its office with the subject and the text
    prefilled in the office's first language the site speaks (else the site's first), with the
    need's address in that language; or the pledge form on /submit/ with the need filled in."""
    if not need.is_open:
        return None
    language = next((code for code in need.contact.languages if code in LANGUAGES), LANGUAGES[0])
    gettext = gettext_for(language)
    title = need.title.best(language)[1]
    words = {"title": title, "url": ctx.absolute(f"needs/{need.id}/", language)}
    subject, body = gettext(HELP_SUBJECT) % words, gettext(HELP_BODY) % words
    # RFC 6068: spaces as %20 (not +), line breaks as %0D%0A.
    body = body.replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return {
        "mailto": f"mailto:{quote(need.contact.email, safe='@')}?{query}",
        "email": need.contact.email,
        "language": ctx.language_name(language),
        "pledge_url": ctx.url("submit/") + "?" + urlencode({"kind": "pledge", "need": need.id}),
    }


def delivery_entries(ctx: Context) -> list[dict]:
    """/matches/: the deliveries the receiving cities confirmed, newest first: what arrived,
    from whom, when, and how long after the need was posted."""
    return [{**_summary(ctx, d.pledge), "days": d.days} for d in ctx.facts.deliveries]


def city_pledges(ctx: Context, city_id: str) -> dict:
    """A city's page: the pledges it made (newest first), and the help pledged to its needs
    that has not been confirmed yet."""
    return {
        "commitments": [_summary(ctx, p) for p in ctx.facts.commitments.get(city_id, ())],
        "on_the_way": [
            _summary(ctx, p) for p in ctx.facts.incoming.get(city_id, ()) if p.is_on_the_way
        ],
    }


def _summary(ctx: Context, pledge: Pledge) -> dict:
    """One pledge as a line of a city's page: the need (linked to the pledge on its page), the
    other city, the status, what and when."""
    need = ctx.dataset.needs[pledge.need]
    return {
        "id": pledge.id,
        "need": {"title": ctx.text(need.title), "url": f"{ctx.record_url(need)}#{pledge.id}"},
        "from": ctx.city_ref(pledge.city),
        "to": ctx.city_ref(need.city),
        **_progress(ctx, need, pledge),
    }


def _progress(ctx: Context, need: Need, pledge: Pledge) -> dict:
    """Where a pledge stands: its status, what it covers, and the days of its steps."""
    return {
        "status": status(ctx, pledge),
        "covers": pledged_items(ctx, need, pledge),  # not "items": a dict method in templates
        "posted": ctx.date(pledge.posted),
        "expected": ctx.date(pledge.expected),
        "delivered": ctx.date(pledge.delivered),
        "confirmed": ctx.date(pledge.confirmed),
    }
