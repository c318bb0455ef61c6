"""The reply to a form speaks the form's language and the form's terms: every problem the
validator can find in a record made from a form has its wording (contribute/wording.py), and a
reply in Ukrainian holds no English sentence, file path or git instruction."""

# ruff: noqa: RUF001 (Ukrainian answers and replies)

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TODAY

from cities4cities.contribute.issues import answers_body, process_issue
from cities4cities.contribute.replies import reply
from cities4cities.contribute.wording import IN_GENERAL, WORDINGS, for_form, has_wording
from cities4cities.messages import gettext_for
from cities4cities.problems import Problem

NEED = {
    "city": "ua-sumy",
    "title-en": "Water pumps",
    "title-uk": "Водяні насоси",
    "description-uk": "Потрібні насоси для водоканалу.",
    "sectors": "water-sanitation",
    "kinds": "equipment",
    "urgency": "high",
    "review-by": "2027-03-01",
    "contact-organisation-uk": "Водоканал",
    "contact-email": "vodokanal@sumy-city.example",
    "contact-languages": "uk, en",
}
CITY = {
    "name-en": "Chelm",
    "name-uk": "Холм",
    "country": "PL",
    "region": "PL-06",
    "location-lat": "51.14",
    "location-lon": "23.47",
    "contact-organisation-en": "City office",
    "contact-email": "office@chelm.example",
    "contact-languages": "pl, en",
    "email-domains": "chelm.example",
}
UA_CITY = {
    **CITY,
    "name-en": "Chernihiv",
    "name-uk": "Чернігів",
    "country": "UA",
    "region": "UA-74",
    "katottg": "UA74100390000073425",
    "contact-email": "office@chernihiv.example",
    "email-domains": "chernihiv.example",
}
PARTNERSHIP = {
    "cities": "pl-lublin, ua-sumy",
    "kind": "twinning",
    "status": "active",
    "since": "2025-05-01",
    "sectors": "energy",
    "contacts": "pl-lublin | | Мерія Любліна | office@lublin-city.example\n"
    "ua-sumy | | Міська рада | office@sumy-city.example",
}
TWICE_LUBLIN = (
    "pl-lublin | | Мерія | o@lublin-city.example\npl-lublin | | Мерія | p@lublin-city.example"
)
PLEDGE = {
    "need": "ua-sumy-generators",
    "city": "pl-lublin",
    "items": "1 | 1",
    "expected": "2027-01-15",
    "contact-organisation-uk": "Мерія Любліна",
    "contact-email": "office@lublin-city.example",
    "contact-languages": "pl, uk",
}
# What a form can get wrong that only the validator sees, and the wording the reply must use.
CASES = {
    "unknown city": ("need", {"city": "ua-atlantis"}, "такого міста ще немає в довіднику"),
    "city nearly written": ("need", {"city": "ua-sumi"}, "можливо, ви мали на увазі «ua-sumy»"),
    "a need's id as city": ("need", {"city": "ua-sumy-generators"}, "це потреба або пропозиція"),
    "review before today": ("need", {"review-by": "2026-11-01"}, "не пізніше за сьогодні"),
    "review too late": ("need", {"review-by": "2028-11-01"}, "оберіть 2027-11-26 або раніше"),
    "fulfilled already": ("need", {"status": "fulfilled"}, "не може бути вже задоволеною"),
    "received too many": ("need", {"items": "Pump | Насос | 2 | piece | 5"}, "отримано 5"),
    "same title": (
        "need",
        {"title-en": "Generators for Sumy hospitals"},
        "майже такий самий, як у «ua-sumy-generators»",
    ),
    "invisible character": ("need", {"title-uk": "Водяні\u200b насоси"}, "невидимий символ"),
    "control character": ("need", {"title-uk": "Водяні\x07 насоси"}, "керівний символ"),
    "region not a code": ("city", {"region": "PL-99"}, "це не код регіону"),
    "region of another country": ("city", {"region": "UA-74"}, "це регіон UA, а не PL"),
    "katottg outside Ukraine": ("city", {"katottg": "UA74100390010020336"}, "КАТОТТГ"),
    "own partner": (
        "partnership",
        {"cities": "pl-lublin, pl-lublin", "contacts": TWICE_LUBLIN},
        "партнером самому собі",
    ),
    "unknown partner": ("partnership", {"cities": "pl-lublin, ua-atlantis"}, "такого міста ще"),
    "no office of a partner": ("partnership", {"contacts": TWICE_LUBLIN}, "немає контактного"),
    "same partnership": ("partnership", {"kind": "solidarity"}, "вже є в довіднику"),
    "partnership from the future": ("partnership", {"since": "2027-01-01"}, "дата в майбутньому"),
    "ended without a day": ("partnership", {"status": "ended"}, "оберіть інший статус"),
    "unknown need of a partnership": ("partnership", {"needs": "ua-sumy-generatorz"}, "мали на"),
    "katottg missing": (
        "ua-city",
        {"katottg": ""},
        'для назви й регіону міста в кодифікаторі є "UA74100390000073425"',
    ),
    "katottg unknown": ("ua-city", {"katottg": "UA74100390000073426"}, "немає в кодифікаторі"),
    "katottg of a raion": (
        "ua-city",
        {"katottg": "UA74100000000047140"},
        "це код одиниці «Чернігівський район»",
    ),
    "katottg of another oblast": (
        "ua-city",
        {"katottg": "UA59080270000073662"},
        "лежить у регіоні UA-59, а не в регіоні міста",
    ),
    "katottg of another community": (
        "ua-city",
        {"katottg": "UA74040250000063494"},
        "немає населеного пункту з назвою «Чернігів»",
    ),
    "need outside Ukraine": ("need", {"city": "pl-lublin"}, "потреби надходять від громад"),
    "free-mail contact": (
        "need",
        {"contact-email": "vodokanal.sumy@gmail.com"},
        "безкоштовній поштовій службі",
    ),
    "contact off the domains": (
        "need",
        {"contact-email": "office@water.example"},
        "не на офіційних поштових доменах міста",
    ),
    "city without domains": (
        "city",
        {"email-domains": ""},
        "не має в довіднику офіційного поштового домену",
    ),
    "free-mail domain of a city": (
        "city",
        {"email-domains": "chelm.example, ukr.net"},
        "це безкоштовна поштова служба",
    ),
    "need nearly written": ("pledge", {"need": "ua-sumy-generator"}, "ви мали на увазі"),
    "unknown need": ("pledge", {"need": "ua-atlantis-bridge"}, "скопіюйте ідентифікатор"),
    "an offer as need": ("pledge", {"need": "pl-lublin-water-pumps"}, "запису іншого виду"),
    "another city's offer": ("pledge", {"offer": "ua-sumy-rescue-training"}, "пропозиція міста"),
    "own need": ("pledge", {"city": "ua-sumy"}, "потреба самого міста ua-sumy"),
    "not an item": ("pledge", {"items": "Генератор | 1"}, "не позиція цієї потреби"),
    "item twice": ("pledge", {"items": "1 | 1\nДизельний генератор 100 кВт | 1"}, "двічі"),
    "no items": ("pledge", {"items": ""}, "вкажіть, які позиції потреби"),
    "more than needed": ("pledge", {"items": "1 | 3"}, "ще потрібно лише 2"),
    "expected passed": ("pledge", {"expected": "2026-11-01"}, "раніше за сьогодні"),
    "delivered already": ("pledge", {"status": "delivered"}, "ще не може бути доставленим"),
    "account number": (
        "need",
        {"description-uk": "Кошти надсилайте на UA21 3223 1300 0002 6007 2335 6600 1."},
        "схоже на номер банківського рахунку чи картки",
    ),
}
ENGLISH = re.compile(r"\b(the|is|not|add|first|file|yaml|content|did you mean|record)\b", re.I)


def uk_reply(kind: str, change: dict[str, str], content: Path) -> tuple[str, list[Problem]]:
    answers = {
        **{"need": NEED, "city": CITY, "ua-city": UA_CITY, "pledge": PLEDGE}.get(kind, PARTNERSHIP),
        **change,
    }
    kind = kind.removeprefix("ua-")
    outcome = process_issue(answers_body(kind, answers, language="uk"), [kind], content, TODAY)
    return reply(outcome), outcome.problems


@pytest.mark.parametrize("case", CASES)
def test_a_ukrainian_reply_is_in_ukrainian_in_the_forms_terms(case: str, content: Path) -> None:
    kind, change, expected = CASES[case]
    answer, problems = uk_reply(kind, change, content)
    listed = [line for line in answer.splitlines() if line.startswith("- **")]
    assert listed, answer
    assert any(expected in line for line in listed), answer
    for line in listed:
        message = line.split("**: ", 1)[1]
        assert "content/" not in message and ".yaml" not in message, line
        assert not ENGLISH.search(re.sub(r"«[^»]*»|\([^)]*\)", "", message)), line
    assert all(has_wording(p) for p in problems), [p.message for p in problems]


def test_every_wording_is_needed(content: Path) -> None:
    """Each wording matches a problem one of the cases causes: none is dead."""
    found = [p for kind, change, _ in CASES.values() for p in uk_reply(kind, change, content)[1]]
    for wording in WORDINGS:
        assert any(
            wording.field.fullmatch(p.field) and wording.message.search(p.message) for p in found
        ), wording.wording


def test_a_problem_without_a_wording_is_said_in_general_terms() -> None:
    problem = Problem("x.yaml", 1, 1, "error", "city", "something new and English")
    assert for_form(problem, gettext_for("uk")) == gettext_for("uk")(IN_GENERAL)
    assert "English" not in for_form(problem, gettext_for("uk"))


def test_the_thanks_name_no_file(content: Path) -> None:
    answer, _ = uk_reply("need", {}, content)
    before_the_file = answer.split("<details>")[0]
    assert "**Дякуємо!** З відповідей вийшов правильний запис." in before_the_file
    assert "content/" not in before_the_file and "pull request" not in before_the_file
