"""/needs/<id>/ and /offers/<id>/: a record in full, what answered it or it answered, the
suggested matches with their reasons, and its schema.org JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial

from ... import trust
from ...matching import SHOWN_FROM, Suggestion
from ...records import City, Contact, Listing, Need, Offer, Record
from .. import i18n
from ..context import Context, Page, number, plain
from ..pledges import help_ways, pledge_entries, with_counts
from ..reasons import reason_text
from .search import search_meta


def record_pages(ctx: Context) -> Iterator[Page]:
    """Each need's and offer's page, keyed by what it shows (need_inputs, offer_inputs): a
    rebuild makes the context only of a page whose inputs changed."""
    for need in ctx.dataset.needs.values():
        path = f"needs/{need.id}/"
        yield Page(path, "need.html", partial(need_page, ctx, need), inputs=need_inputs(ctx, need))
    for offer in ctx.dataset.offers.values():
        inputs = offer_inputs(ctx, offer)
        yield Page(
            f"offers/{offer.id}/", "offer.html", partial(offer_page, ctx, offer), inputs=inputs
        )


def need_inputs(ctx: Context, need: Need) -> tuple:
    """Everything need_page reads, named cheaply: records by digest (a card's record with its
    city), the pledges with what they count, the suggestions with their reasons."""
    offers = ctx.dataset.offers
    found = ctx.facts.pledged.get(need.id)
    pledges = found.pledges if found else ()
    suggestions = shown(ctx.matches.for_need.get(need.id, ()))
    return (
        *_common_inputs(ctx, need),
        [ctx.listed(offers[i]) for i in need.matched_with if i in offers],
        found,
        [(ctx.digest(p), ctx.digest(ctx.dataset.cities[p.city])) for p in pledges],
        [ctx.digest(offers[p.offer]) for p in pledges if p.offer in offers],
        suggestions,
        [ctx.listed(offers[s.offer_id]) for s in suggestions],
    )


def offer_inputs(ctx: Context, offer: Offer) -> tuple:
    """Everything offer_page reads (see need_inputs)."""
    suggestions = shown(ctx.matches.for_offer.get(offer.id, ()))
    return (
        *_common_inputs(ctx, offer),
        [ctx.listed(n) for n in ctx.facts.answered.get(offer.id, ())],
        suggestions,
        [ctx.listed(ctx.dataset.needs[s.need_id]) for s in suggestions],
    )


def _common_inputs(ctx: Context, listing: Listing) -> tuple:
    """What `record` reads: the listing, its city, its search words, the day (reviews and
    verifications lapse)."""
    return (ctx.today, ctx.listed(listing), ctx.search_words.get(listing.id, ""))


def need_page(ctx: Context, need: Need) -> dict:
    data = record(ctx, need)
    data["item_rows"] = with_counts(ctx, need, data["item_rows"])  # received, pledged, still needed
    offers = [ctx.dataset.offers[i] for i in need.matched_with if i in ctx.dataset.offers]
    return {
        "title": data["title"]["text"],
        "record": data,
        "logistics": ctx.text(need.logistics),
        "outcome": ctx.text(need.outcome),
        "matched": [ctx.card(o) for o in offers],
        "pledges": pledge_entries(ctx, need),
        "help": help_ways(ctx, need),
        "suggested": suggested(ctx, ctx.matches.for_need.get(need.id, ()), "offer"),
        "json_ld": json_ld(ctx, need, "Demand"),
        "description_meta": plain(ctx.best(need.description)),
    }


def offer_page(ctx: Context, offer: Offer) -> dict:
    data = record(ctx, offer)
    return {
        "title": data["title"]["text"],
        "record": data,
        "delivery": ctx.label("delivery", offer.delivery),
        "conditions": ctx.text(offer.conditions),
        "answered": [ctx.card(n) for n in ctx.facts.answered.get(offer.id, ())],
        "suggested": suggested(ctx, ctx.matches.for_offer.get(offer.id, ()), "need"),
        "json_ld": json_ld(ctx, offer, "Offer"),
        "description_meta": plain(ctx.best(offer.description)),
    }


def record(ctx: Context, listing: Listing) -> dict:
    """What need and offer pages share."""
    return {
        **ctx.card(listing),
        "search": search_meta(ctx, listing),
        "description": ctx.text(listing.description, markdown=True),
        "kinds": [ctx.label("kind", k) for k in listing.kinds],
        "item_rows": [
            {
                "name": ctx.text(item.name),
                "quantity": number(item.quantity),
                "unit": ctx.label("unit", item.unit),
                "received": None if item.received is None else number(item.received),
            }
            for item in listing.items
        ],
        "contact": contact(ctx, listing.contact, ctx.dataset.cities[listing.city]),
        "verification": verification(ctx, listing),
        "links": [{"title": ctx.text(link.title), "url": link.url} for link in listing.links],
        "updated": ctx.date(listing.updated),
        "review_by": ctx.date(listing.review_by),
        "review_overdue": not listing.is_closed and listing.review_by < ctx.today,
    }


def contact(ctx: Context, office: Contact, city: City) -> dict:
    """An office to write to, as record and city pages show it, with a plain note when the
    city's official e-mail domains do not confirm its address (trust.py)."""
    return {
        "organisation": ctx.text(office.organisation),
        "role": ctx.text(office.role),
        "email": office.email,
        "phone": office.phone,
        "languages": [ctx.language_name(code) for code in office.languages],
        "note": contact_note(ctx, office.email, city),
    }


def contact_note(ctx: Context, address: str, city: City) -> str | None:
    standing = trust.contact_standing(address, city)
    _ = ctx.gettext
    if standing == "free-mail":
        return _(
            "This address is at a free e-mail service, where anyone can open one: the contact "
            "is not confirmed by the city."
        )
    if standing == "off-domain":
        return _(
            "This address is not on the city's official e-mail domains (%(domains)s): the "
            "contact is not confirmed by the city."
        ) % {"domains": ", ".join(trust.official_domains(city))}
    if standing == "no-domain":
        return _(
            "The city has declared no official e-mail domain: the contact is not confirmed by "
            "the city."
        )
    return None


def verification(ctx: Context, record: Record) -> dict:
    """Whether and how the maintainers verified a record, in the reader's words: current,
    lapsed (more than a year ago) or none."""
    verified = record.verified
    if verified is None:
        return {"state": "none", "text": ctx.gettext("Not verified by the maintainers yet.")}
    words = {
        "date": i18n.long_date(verified.date, ctx.language),
        "by": ctx.label("verifier", verified.by),
        "method": ctx.label("verification_method", verified.method),
    }
    if verified.is_lapsed(ctx.today):
        text = ctx.gettext(
            "Verified on %(date)s by %(by)s (%(method)s), more than a year ago: the "
            "verification has lapsed."
        )
        return {"state": "lapsed", "text": text % words}
    return {
        "state": "current",
        "text": ctx.gettext("Verified on %(date)s by %(by)s (%(method)s).") % words,
    }


def json_ld(ctx: Context, listing: Listing, kind: str) -> str:
    """schema.org Demand or Offer, as JSON that is safe inside a <script> element."""
    city = ctx.dataset.cities[listing.city]
    party = {
        "@type": "GovernmentOrganization",
        "name": ctx.best(city.name),
        "email": listing.contact.email,
    }
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": ctx.best(listing.title),
        "description": plain(ctx.best(listing.description)),
        "url": ctx.absolute(f"{listing.FOLDER}/{listing.id}/"),
        "validFrom": listing.posted.isoformat(),
        "validThrough": listing.review_by.isoformat(),
        "areaServed": ctx.best(city.name),
        "seller" if kind == "Offer" else "buyer": party,
        "itemOffered": [
            {"@type": "Product", "name": ctx.best(item.name)} for item in listing.items
        ],
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def shown(suggestions: tuple[Suggestion, ...]) -> list[Suggestion]:
    """The suggestions worth showing."""
    return [suggestion for suggestion in suggestions if suggestion.score >= SHOWN_FROM]


def suggested(ctx: Context, suggestions: tuple[Suggestion, ...], kind: str) -> list[dict]:
    """The suggestions worth showing, each as a card with its reasons in words."""
    cards = []
    for suggestion in shown(suggestions):
        other = (
            ctx.dataset.offers[suggestion.offer_id]
            if kind == "offer"
            else ctx.dataset.needs[suggestion.need_id]
        )
        cards.append(
            {
                **ctx.card(other),
                "score": suggestion.score,
                "reasons": [reason_text(ctx, r) for r in suggestion.reasons if r.contribution],
            }
        )
    return cards
