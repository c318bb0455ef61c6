"""What tells a reader that a record is its city's own: the city's official e-mail domains, the
maintainers' verification, and the account numbers a text should not carry unchecked.

- A city's official e-mail domains are its `email_domains`, else the domain of its website
  (without www.). A contact is *confirmed by the city* when its address is on one of them or on
  a subdomain of one, and is not at a free-mail provider (data/freemail.txt).
- A verification (`verified`) holds for a year (records.Verification); then it has lapsed.
- An IBAN (ISO 13616: its country's length, mod-97 check) or a payment card number (13 to 19
  digits, Luhn check) in a text is worth a reviewer's look: the checksums keep phone numbers,
  quantities and codes from being taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from .problems import FieldPath
from .records import City, Record
from .schemas import load_schemas

FREE_MAIL = Path(__file__).resolve().parent / "data" / "freemail.txt"

Standing = Literal["confirmed", "free-mail", "off-domain", "no-domain"]
VerificationState = Literal["current", "lapsed", "none"]


# -- official e-mail domains --------------------------------------------------------------------


@cache
def free_mail_domains() -> frozenset[str]:
    """The domains of free-mail providers (data/freemail.txt: one a line, # for comments)."""
    lines = FREE_MAIL.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("#")[0].strip() for line in lines if line.split("#")[0].strip())


def official_domains(city: City) -> tuple[str, ...]:
    """The city's own e-mail domains: declared, else its website's (without www.)."""
    if city.email_domains:
        return city.email_domains
    host = (urlsplit(city.website).hostname or "") if city.website else ""
    return (host.removeprefix("www."),) if host else ()


def email_domain(address: str) -> str:
    return address.rpartition("@")[2].lower().rstrip(".")


def is_free_mail(domain: str) -> bool:
    """At a free-mail provider: the domain or one it is a subdomain of is in the list."""
    parts = domain.lower().split(".")
    return any(".".join(parts[i:]) in free_mail_domains() for i in range(len(parts) - 1))


def on_domains(domain: str, domains: tuple[str, ...]) -> bool:
    return any(domain == own or domain.endswith("." + own) for own in domains)


def contact_standing(address: str, city: City) -> Standing:
    """confirmed (on the city's domains), free-mail, off-domain, or no-domain (the city
    declares none: no email_domains and no website)."""
    domain = email_domain(address)
    if is_free_mail(domain):
        return "free-mail"
    domains = official_domains(city)
    if not domains:
        return "no-domain"
    return "confirmed" if on_domains(domain, domains) else "off-domain"


# -- verification -------------------------------------------------------------------------------


def verification_state(record: Record, today: date) -> VerificationState:
    if record.verified is None:
        return "none"
    return "lapsed" if record.verified.is_lapsed(today) else "current"


# -- account numbers ----------------------------------------------------------------------------

# ISO 13616 IBAN lengths of the countries a city may be in, and of their neighbours.
IBAN_LENGTHS = {
    "AD": 24, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BY": 28, "CH": 21,
    "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
    "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "RS": 22, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27, "TR": 26, "UA": 29, "VA": 22, "XK": 20,
}  # fmt: skip
# Two letters, two check digits, then letters and digits in groups of any size.
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ \u00a0-]?[A-Za-z0-9]){10,30}")
# 13 to 19 digits, written together or in groups, the first of four digits (4-4-4-4, 4-6-5);
# not after a + (a phone number).
_CARD = re.compile(r"(?<![0-9+])(?<![0-9][ -])[2-6][0-9]{3}(?:[ \u00a0-]?[0-9]){9,15}(?![0-9])")


_TEN_DIGITS = re.compile(r"[0-9](?:[ \u00a0-]?[0-9]){9}")


@dataclass(frozen=True)
class AccountNumber:
    kind: Literal["IBAN", "card"]
    written: str  # as written in the text
    start: int  # where in the text


def account_numbers(text: str) -> list[AccountNumber]:
    """The IBANs and payment card numbers in a text (each passing its checksum)."""
    if not _TEN_DIGITS.search(text):
        return []  # most texts: each IBAN and card number has ten digits in a row or more
    found: list[AccountNumber] = []
    for match in _IBAN.finditer(text):
        compact = re.sub(r"[ \u00a0-]", "", match[0]).upper()
        length = IBAN_LENGTHS.get(compact[:2], 0)
        if length and len(compact) >= length and _mod97(compact[:length]) == 1:
            end = _end_of(match[0], length)
            found.append(AccountNumber("IBAN", match[0][:end].strip(), match.start()))
    taken = [(a.start, a.start + len(a.written)) for a in found]
    for match in _CARD.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        digits = re.sub(r"[^0-9]", "", match[0])
        groups = re.split(r"[ \u00a0-]", match[0])
        grouped = len(groups) == 1 or len(groups[0]) == 4
        if 13 <= len(digits) <= 19 and grouped and _luhn(digits):
            found.append(AccountNumber("card", match[0], match.start()))
    return sorted(found, key=lambda a: a.start)


def _end_of(written: str, length: int) -> int:
    """Where, in a written IBAN, its `length`-th letter or digit ends."""
    count = 0
    for index, char in enumerate(written):
        count += char.isalnum()
        if count == length:
            return index + 1
    return len(written)


def _mod97(iban: str) -> int:
    moved = iban[4:] + iban[:4]
    if not moved.isalnum() or not moved.isascii():
        return 0
    return int("".join(str(int(char, 36)) for char in moved)) % 97


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@cache
def _language_codes() -> frozenset[str]:
    return frozenset(load_schemas().defs()["language"]["enum"])


def texts(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text a contributor wrote in a record's data, by field: each language of a text
    (title.en, items[0].name.uk, links[0].title.en, contact.organisation.pl)."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = (*path, key)
            if isinstance(value, str):
                if key in _language_codes():
                    yield here, value
            else:
                yield from texts(value, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, (*path, index))
