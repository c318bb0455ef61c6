"""The rules of trust: a Ukrainian city's KATOTTG code is real and its own, needs come from
Ukraine, contacts write from the city's official domains, verifications are current, and a text
that asks for money to an account is flagged to the reviewer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pycountry

from .. import trust
from ..katottg import ACCEPTED, LEVEL_WORDS, codifier
from ..problems import Problem
from ..records import City, Dataset, Listing, Pledge
from ..schemas import load_schemas
from .base import report, rule


@rule
def katottg_in_codifier(ds: Dataset, today: date) -> Iterator[Problem]:
    """A Ukrainian city gives the KATOTTG code of its community or settlement (a warning when
    it is missing); the code is in the codifier, of a community or a settlement (not of an
    oblast, a raion or a district), in the city's region, and the community has a settlement of
    the city's name (a warning)."""
    for city in ds.cities.values():
        region = pycountry.subdivisions.get(code=city.region)
        if city.country != "UA" or region is None or region.country_code != "UA":
            continue  # another country's, or a region that is no Ukrainian one (an error)
        name = city.name.get("uk") or city.name[0][1]
        hint = _katottg_hint(name, city.region)
        unit = codifier().get(city.katottg) if city.katottg else None
        if city.katottg is None:
            yield report(
                city,
                ("katottg",),
                "a Ukrainian city gives the KATOTTG code of its community; add katottg after "
                f"region{hint}",
                "warning",
                at=("region",),
            )
        elif unit is None:
            yield report(
                city, ("katottg",), f'"{city.katottg}" is not in the KATOTTG codifier{hint}'
            )
        elif unit.category not in ACCEPTED:
            yield report(
                city,
                ("katottg",),
                f'"{city.katottg}" is the code of {LEVEL_WORDS[unit.category]} '
                f"({unit.official_name}), not of a community or a settlement{hint}",
            )
        elif unit.region != city.region:
            yield report(
                city,
                ("katottg",),
                f'"{city.katottg}" ({codifier().full_name(unit.code)}) lies in region '
                f"{unit.region}, not in {city.region}{hint}",
            )
        elif not codifier().has_settlement(unit.code, name):
            yield report(
                city,
                ("katottg",),
                f'"{city.katottg}" is the code of {codifier().full_name(unit.code)}, where the '
                f'codifier has no settlement named "{name}"; check the code{hint}',
                "warning",
            )


def _katottg_hint(name: str, region: str) -> str:
    """What the codifier suggests for a city's name and region, as the end of a message."""
    found = codifier().suggest(name, region)[:3]
    if not found:
        return ""
    codes = ", ".join(f'"{unit.code}" ({codifier().full_name(unit.code)})' for unit in found)
    return f"; for {name} in {region} the codifier has {codes}"


@rule
def needs_come_from_ukraine(ds: Dataset, today: date) -> Iterator[Problem]:
    """A need comes from a Ukrainian community (the need schema's city: x-countries); offers
    may come from anywhere."""
    countries = load_schemas().documents["need"]["properties"]["city"]["x-countries"]
    for need in ds.needs.values():
        city = ds.cities.get(need.city)
        if city is not None and city.country not in countries:
            where = " or ".join(_country_name(code) for code in countries)
            yield report(
                need,
                ("city",),
                f'"{city.id}" is a city in {_country_name(city.country)}; needs come from cities '
                f"in {where} (offers may come from anywhere): publish it as an offer, or as the "
                "need of the city that needs it",
            )


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


@rule
def contacts_are_the_citys(ds: Dataset, today: date) -> Iterator[Problem]:
    """A contact's address (of a city, a need, an offer or a pledge) is on the city's official
    e-mail domains (email_domains, else its website's), not at a free-mail provider; otherwise
    the page says that the contact is not confirmed by the city (a warning)."""
    records: list[City | Listing | Pledge] = [
        *ds.cities.values(),
        *ds.listings(),
        *ds.pledges.values(),
    ]
    for record in records:
        city = record if isinstance(record, City) else ds.cities.get(record.city)
        if city is None:
            continue
        address = record.contact.email
        standing = trust.contact_standing(address, city)
        if standing == "confirmed":
            continue  # most contacts: nothing to say
        domain, domains = trust.email_domain(address), ", ".join(trust.official_domains(city))
        unconfirmed = "; the page will say that the contact is not confirmed by the city"
        if standing == "free-mail":
            message = (
                f'"{address}" is at a free-mail provider ({domain}), where anyone can open an '
                f"address{unconfirmed}: give an office address of the city"
            )
        elif standing == "off-domain":
            message = (
                f'"{address}" is not on the official e-mail domains of {city.id} ({domains})'
                f"{unconfirmed}: give an address on them, or, if {domain} is the city's own, "
                f"add it to email_domains in content/cities/{city.id}.yaml"
            )
        else:  # no-domain
            message = (
                f"{city.id} declares no official e-mail domain (no email_domains, no website)"
                f"{unconfirmed}: add email_domains to content/cities/{city.id}.yaml"
            )
        yield report(record, ("contact", "email"), message, "warning")


@rule
def official_domains_are_the_citys_own(ds: Dataset, today: date) -> Iterator[Problem]:
    """A city's official e-mail domains are its own: never a free-mail provider's."""
    for city in ds.cities.values():
        for index, domain in enumerate(city.email_domains):
            if trust.is_free_mail(domain):
                yield report(
                    city,
                    ("email_domains", index),
                    f'"{domain}" is a free-mail provider, where anyone can open an address; '
                    "list only the domains of the city's own addresses",
                )


@rule
def verification_is_current(ds: Dataset, today: date) -> Iterator[Problem]:
    """A verification is not dated in the future, and is renewed within a year (a warning)."""
    for record in ds.records():
        verified = record.verified
        if verified is None:
            continue
        if verified.date > today:
            yield report(
                record,
                ("verified", "date"),
                f'"{verified.date}" is in the future (today is {today}); '
                "use the day the record was verified",
            )
        elif verified.is_lapsed(today):
            yield report(
                record,
                ("verified", "date"),
                f'the verification of "{verified.date}" is more than a year old (it held until '
                f"{verified.lapses_after}); confirm the record with the city again, then update "
                "verified",
                "warning",
            )


@rule
def no_account_numbers(ds: Dataset, today: date) -> Iterator[Problem]:
    """A text that holds a bank account (IBAN) or a payment card number is flagged to the
    reviewer (a warning): the directory passes on no money."""
    for record in ds.records():
        for path, text in trust.texts(record.document.data):
            for found in trust.account_numbers(text):
                what = "a bank account (IBAN)" if found.kind == "IBAN" else "a payment card number"
                yield report(
                    record,
                    path,
                    f'"{found.written}" looks like {what}; reviewers: confirm through the '
                    "city's official contact that it is the city's own, or remove it (the "
                    "directory passes on no money)",
                    "warning",
                )
