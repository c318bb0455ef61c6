"""Trust, as a donor city meets it: official e-mail domains confirm a contact or the page says
they do not, verifications show with their date and lapse after a year, account numbers are
flagged to the reviewer by their checksums, and the hostile submission of the issue that asked
for all this (a need of Kyiv with a free-mail contact and an account to send money to; a need
of a German city) no longer comes out clean."""

# ruff: noqa: RUF001 (Ukrainian texts)

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY

from cities4cities import trust
from cities4cities.contribute.issues import answers_body, process_issue
from cities4cities.contribute.replies import reply
from cities4cities.loading import Document
from cities4cities.records import City, Contact, LocalizedText, Location, Verification

# -- official domains ---------------------------------------------------------------------------


def city(website: str | None = None, domains: tuple[str, ...] = ()) -> City:
    office = Contact(LocalizedText.of({"en": "Office"}), "office@city.example", ("en",))
    return City(
        id="ua-test",
        document=Document("ua-test.yaml", {}),
        name=LocalizedText.of({"en": "Test", "uk": "Тест"}),
        country="UA",
        region="UA-74",
        location=Location(51.5, 31.3),
        contact=office,
        website=website,
        email_domains=domains,
    )


def test_official_domains_are_declared_or_the_websites() -> None:
    assert trust.official_domains(city("https://www.kyivcity.gov.ua/en/")) == ("kyivcity.gov.ua",)
    assert trust.official_domains(city("https://stadt.muenchen.de/")) == ("stadt.muenchen.de",)
    declared = city("https://stadt.muenchen.de/", ("muenchen.de",))
    assert trust.official_domains(declared) == ("muenchen.de",)
    assert trust.official_domains(city()) == ()


@pytest.mark.parametrize(
    ("address", "standing"),
    [
        ("office@kyivcity.gov.ua", "confirmed"),
        ("Office@Osvita.KyivCity.gov.ua", "confirmed"),  # a subdomain, in any case
        ("office@kyivcity.gov.ua.example", "off-domain"),  # a longer name is another domain
        ("office@evilkyivcity.gov.ua", "off-domain"),
        ("kyiv.help@gmail.com", "free-mail"),
        ("kyiv.help@ukr.net", "free-mail"),
        ("kyiv.help@mail.i.ua", "free-mail"),
    ],
)
def test_a_contact_is_confirmed_only_on_the_citys_domains(address: str, standing: str) -> None:
    assert trust.contact_standing(address, city("https://kyivcity.gov.ua/")) == standing


def test_without_website_or_domains_nothing_confirms_a_contact() -> None:
    assert trust.contact_standing("office@city.example", city()) == "no-domain"
    assert trust.contact_standing("office@gmail.com", city()) == "free-mail"


def test_a_verification_holds_for_a_year() -> None:
    verified = Verification(date(2025, 11, 26), "call-back", "maintainers")
    assert not verified.is_lapsed(date(2026, 11, 26))
    assert verified.is_lapsed(date(2026, 11, 27))
    leap = Verification(date(2024, 2, 29), "call-back", "maintainers")
    assert leap.lapses_after == date(2025, 2, 28)


# -- account numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("send money to UA21 3223 1300 0002 6007 2335 6600 1.", [("IBAN", 14)]),
        ("IBAN DE89370400440532013000", [("IBAN", 5)]),
        ("konto: PL61 1090 1014 0000 0712 1981 2874 (PKO)", [("IBAN", 7)]),
        ("карта 5375 4141 0000 0008, або 4111-1111-1111-1111", [("card", 6), ("card", 31)]),
        ("card 4111111111111111", [("card", 5)]),
        # Not accounts: a wrong checksum, phone numbers, quantities, codes, dates, ids.
        ("UA21 3223 1300 0002 6007 2335 6600 2", []),
        ("4149 4993 8364 1234", []),
        ("call +380 44 123 45 67 or +4971581234567", []),
        ("2 000 000 000 000 UAH; 1 200 litres; 250000 kWh", []),
        ("EDRPOU 01993456, KATOTTG UA74100390000073425, order 2026-114", []),
        ("2026-11-26 2027-03-01 4000 5000 6000", []),
    ],
)
def test_account_numbers_are_found_by_their_checksums(text: str, found: list) -> None:
    assert [(a.kind, a.start) for a in trust.account_numbers(text)] == found


def test_the_texts_of_a_record_are_its_languages() -> None:
    data = {
        "title": {"en": "T", "uk": "Т"},
        "contact": {"email": "x@y.example", "phone": "+380441234567", "languages": ["uk"]},
        "items": [{"name": {"en": "Pump"}, "quantity": 2}],
        "links": [{"title": {"pl": "Konto"}, "url": "https://x.example/"}],
        "review_by": "2027-01-01",
    }
    assert [dotted for dotted, _ in trust.texts(data)] == [
        ("title", "en"),
        ("title", "uk"),
        ("items", 0, "name", "en"),
        ("links", 0, "title", "pl"),
    ]


# -- the hostile submission ---------------------------------------------------------------------

KYIV_NEED = {
    "city": "ua-sumy",
    "title-en": "Generators for Sumy schools",
    "description-en": (
        "Urgent! Send money to this account: UA21 3223 1300 0002 6007 2335 6600 1, "
        "or to the card 5375 4141 0000 0008."
    ),
    "sectors": "energy",
    "kinds": "funding",
    "urgency": "critical",
    "review-by": "2027-03-01",
    "contact-organisation-en": "Sumy city help",
    "contact-email": "sumy.city.help@gmail.com",
    "contact-languages": "en",
}


def test_the_hostile_need_is_ready_only_with_every_warning(content: Path) -> None:
    """Free-mail contact and account numbers: the reply says so, in the form's terms, and the
    reviewer reads them before approving."""
    outcome = process_issue(answers_body("need", KYIV_NEED), ["need"], content, TODAY)
    text = reply(outcome)
    warnings = text.split("Worth a look")[1]
    assert "**Contact: E-mail**" in warnings
    assert "is at a free e-mail service" in warnings
    assert warnings.count("looks like a bank account or card number") == 2
    assert "**Description (in English)**" in warnings


def test_a_need_of_a_city_outside_ukraine_is_not_ready(content: Path) -> None:
    answers = {**KYIV_NEED, "city": "pl-lublin", "contact-email": "energia@lublin-city.example"}
    answers["description-en"] = "Heat pumps for schools."
    outcome = process_issue(answers_body("need", answers), ["need"], content, TODAY)
    assert not outcome.ready
    assert "needs come from Ukrainian communities" in reply(outcome)


def test_the_reply_in_ukrainian_suggests_the_katottg_code(content: Path) -> None:
    answers = {
        "name-en": "Chernihiv",
        "name-uk": "Чернігів",
        "country": "UA",
        "region": "UA-74",
        "location-lat": "51.49",
        "location-lon": "31.29",
        "contact-organisation-uk": "Управління міжнародного співробітництва",
        "contact-email": "office@chernihiv.example",
        "contact-languages": "uk",
        "email-domains": "chernihiv.example",
    }
    body = answers_body("city", answers, language="uk")
    outcome = process_issue(body, ["city"], content, TODAY)
    assert outcome.ready  # a suggestion, not an error
    assert 'в кодифікаторі є "UA74100390000073425"' in reply(outcome)


# -- the pages ----------------------------------------------------------------------------------


def page(site: Path, language: str, path: str) -> BeautifulSoup:
    prefix = "" if language == "en" else f"{language}/"
    html = (site / prefix / path / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def details(soup: BeautifulSoup, term: str) -> str:
    found = [dt for dt in soup.select("dl.details dt") if dt.get_text(strip=True) == term]
    assert found, f"no {term!r} in the details"
    text = found[0].find_next_sibling("dd").get_text(" ", strip=True)
    return " ".join(text.split())  # the no-break spaces of dates, as spaces


VERIFIED = {
    "en": "Verified on November 2, 2026 by the directory's maintainers (a reply from an address "
    "on the city's official domain).",
    "uk": "Перевірили модератори довідника 2 листопада 2026 р. (відповідь з адреси на "
    "офіційному домені міста).",
}
LAPSED = {
    "en": "more than a year ago: the verification has lapsed.",
    "uk": "понад рік тому: перевірка застаріла.",
}
NOT_VERIFIED = {"en": "Not verified by the maintainers yet.", "uk": "Модератори ще не перевіряли"}
TERMS = {
    "en": ("Verification", "Community (KATOTTG)", "Official e-mail domains"),
    "uk": ("Перевірка модераторами", "Громада (КАТОТТГ)", "Офіційні поштові домени"),
}
NOTE = {"en": "the contact is not confirmed by the city", "uk": "контакт не підтверджено містом"}


@pytest.mark.parametrize("language", ["en", "uk"])
def test_pages_show_verification_marks(site: Path, language: str) -> None:
    verification, _, _ = TERMS[language]
    kyiv = page(site, language, "cities/ua-kyiv")
    assert details(kyiv, verification) == VERIFIED[language]
    lviv = page(site, language, "cities/ua-lviv")
    lapsed = lviv.select_one("dd.verification-lapsed strong.warning")
    assert lapsed is not None and lapsed.get_text().endswith(LAPSED[language])
    need = page(site, language, "needs/ua-chernihiv-water-pumps-2026")
    assert details(need, verification).startswith(VERIFIED[language][:10])
    offer = page(site, language, "offers/de-munich-mobile-boiler-houses")
    assert "verification-current" in str(offer.select_one("dl.details"))
    plain = page(site, language, "needs/ua-kyiv-mobile-boiler-houses")
    assert details(plain, verification).startswith(NOT_VERIFIED[language])


@pytest.mark.parametrize("language", ["en", "uk"])
def test_city_pages_show_the_community_and_the_official_domains(site: Path, language: str) -> None:
    _, community, domains = TERMS[language]
    chernihiv = page(site, language, "cities/ua-chernihiv")
    assert details(chernihiv, community) == (
        "Чернігівська територіальна громада, Чернігівський район, Чернігівська область "
        "( UA74100390000073425 )"
    )
    name = next(dt for dt in chernihiv.select("dl.details dt") if dt.get_text() == community)
    assert name.find_next_sibling("dd").span["lang"] == "uk"
    assert details(chernihiv, domains) == "chernihiv-city.example"
    assert not [
        dt
        for dt in page(site, language, "cities/de-munich").select("dt")
        if dt.get_text() == community
    ]


@pytest.mark.parametrize("language", ["en", "uk"])
def test_an_unconfirmed_contact_is_said_plainly(site: Path, language: str) -> None:
    for path in ("needs/ua-izium-demining-equipment", "offers/de-filderstadt-ambulances"):
        note = page(site, language, path).select_one(".contact .contact-note")
        assert note is not None and NOTE[language] in note.get_text(), path
    confirmed = page(site, language, "needs/ua-chernihiv-water-pumps-2026")
    assert confirmed.select_one(".contact .contact-note") is None
