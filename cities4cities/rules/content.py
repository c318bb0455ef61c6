"""The rules of the records themselves: ids and places of cities, references between records,
dates, matches and near-duplicates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pycountry

from ..problems import Problem
from ..records import Dataset, one_year_after
from .base import city_problems, reference_problem, report, rule


@rule
def city_id_starts_with_country(ds: Dataset, today: date) -> Iterator[Problem]:
    """A city's id starts with its country code in lowercase: ua-chernihiv for country UA."""
    for city in ds.cities.values():
        prefix = city.country.lower() + "-"
        if not city.id.startswith(prefix) or city.id == prefix.rstrip("-"):
            yield report(
                city,
                ("country",),
                f'the file name "{city.id}.yaml" must start with '
                f'"{prefix}" for a city in {city.country}',
            )


@rule
def region_belongs_to_country(ds: Dataset, today: date) -> Iterator[Problem]:
    """A city's region is an ISO 3166-2 code of its own country."""
    for city in ds.cities.values():
        subdivision = pycountry.subdivisions.get(code=city.region)
        if subdivision is None:
            yield report(
                city,
                ("region",),
                f'"{city.region}" is not an ISO 3166-2 region code; '
                f"look it up under {city.country} on "
                "https://www.iso.org/obp/ or in Wikipedia",
            )
        elif subdivision.country_code != city.country:
            yield report(
                city,
                ("region",),
                f'"{city.region}" ({subdivision.name}) is a region '
                f"of {subdivision.country_code}, not of "
                f"{city.country}",
            )


@rule
def katottg_only_in_ukraine(ds: Dataset, today: date) -> Iterator[Problem]:
    """Only Ukrainian cities have a KATOTTG code."""
    for city in ds.cities.values():
        if city.katottg and city.country != "UA":
            yield report(city, ("katottg",), "only Ukrainian cities have a KATOTTG code; remove it")


@rule
def listing_belongs_to_its_city(ds: Dataset, today: date) -> Iterator[Problem]:
    """A need or offer names a registered city, and its file name starts with that city's id."""
    for listing in ds.listings():
        yield from city_problems(ds, listing, listing.city, "the city id")


@rule
def dates_in_order(ds: Dataset, today: date) -> Iterator[Problem]:
    """Posted and updated are not in the future; updated is not before posted; review_by is
    after posted and at most one year after the last update (or posting): a record still
    current after a year is renewed by setting updated to today."""
    for listing in ds.listings():
        posted = listing.posted
        for name, day in (("posted", posted), ("updated", listing.updated)):
            if day and day > today:
                yield report(
                    listing,
                    (name,),
                    f'"{day}" is in the future (today is {today}); '
                    "use the day it actually happened",
                )
        if listing.updated and listing.updated < posted:
            yield report(
                listing,
                ("updated",),
                f'"{listing.updated}" is before posted ("{posted}"); an update comes after posting',
            )
        if listing.review_by <= posted:
            yield report(
                listing,
                ("review_by",),
                f'"{listing.review_by}" is not after posted '
                f'("{posted}"); set a review date after the '
                "posting date",
            )
        elif listing.review_by > one_year_after(last := listing.updated or posted):
            since = "updated" if listing.updated else "posted"
            yield report(
                listing,
                ("review_by",),
                f'"{listing.review_by}" is more than a year after {since} ("{last}"); '
                f"review at least once a year, by {one_year_after(last)}",
            )


@rule
def review_not_overdue(ds: Dataset, today: date) -> Iterator[Problem]:
    """A record that is still open is reviewed by its review_by date (a warning)."""
    for listing in ds.listings():
        if not listing.is_closed and listing.review_by < today:
            yield report(
                listing,
                ("review_by",),
                f'the review date "{listing.review_by}" has '
                "passed; ask the city whether this is still "
                "current, then update status and review_by",
                "warning",
            )


@rule
def matches_are_offers_of_other_cities(ds: Dataset, today: date) -> Iterator[Problem]:
    """Each id in a need's matched_with is an offer, from a city other than the need's."""
    for need in ds.needs.values():
        for index, offer_id in enumerate(need.matched_with):
            path = ("matched_with", index)
            if problem := reference_problem(ds, need, path, offer_id, "offers"):
                yield problem
            elif (offer := ds.offers.get(offer_id)) and offer.city == need.city:
                yield report(
                    need,
                    path,
                    f'"{offer_id}" is an offer of {need.city} itself; '
                    "list offers from other cities",
                )


@rule
def fulfilled_need_says_how(ds: Dataset, today: date) -> Iterator[Problem]:
    """A fulfilled need names the offers that met it (matched_with), says how (outcome), or has
    a delivery its city confirmed (a pledge with the status confirmed)."""
    delivered = {p.need for p in ds.pledges.values() if p.state == "received"}
    for need in ds.needs.values():
        if (
            need.status == "fulfilled"
            and not need.matched_with
            and not need.outcome
            and need.id not in delivered
        ):
            yield report(
                need,
                ("status",),
                "a fulfilled need says how it was met: list the "
                "offers in matched_with, or describe it in outcome",
            )


@rule
def received_within_quantity(ds: Dataset, today: date) -> Iterator[Problem]:
    """An item never shows more received than requested (a warning)."""
    for need in ds.needs.values():
        for index, item in enumerate(need.items):
            if item.received is not None and item.received > item.quantity:
                yield report(
                    need,
                    ("items", index, "received"),
                    f"{item.received:g} received is more than the {item.quantity:g} "
                    "requested; correct one of them",
                    "warning",
                )
