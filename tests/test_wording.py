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
    "contact-email": "office@water.example",
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
    "own partner": ("city", {"partners": "pl-chelm"}, "партнером самому собі"),
    "unknown partner": ("city", {"partners": "ua-atlantis"}, "такого міста ще немає"),
}
ENGLISH = re.compile(r"\b(the|is|not|add|first|file|yaml|content|did you mean|record)\b", re.I)


def uk_reply(kind: str, change: dict[str, str], content: Path) -> tuple[str, list[Problem]]:
    answers = {**(NEED if kind == "need" else CITY), **change}
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
