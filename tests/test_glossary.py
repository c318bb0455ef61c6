"""The glossary (content/glossary/): what it finds in a text, in which language. What the
validator says about a broken glossary file is in fixtures/invalid/glossary/ (test_fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from cities4cities.glossary import Glossary
from cities4cities.validation import validate_content


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    result = validate_content(ROOT / "content", TODAY)
    assert not [p for p in result.problems if "/glossary/" in p.path]
    return result.glossary


def test_the_example_glossary_has_its_concepts(glossary: Glossary) -> None:
    assert 60 <= len(glossary.concepts) <= 120
    for concept in glossary.concepts:
        assert {"en", "uk"} <= set(concept.terms), concept.id


def test_a_term_is_found_in_any_of_its_forms(glossary: Glossary) -> None:
    found = glossary.equivalents("Дві пожежні автоцистерни на 4 000 літрів", "uk")
    assert {"fire engine", "fire truck", "Löschfahrzeug", "wóz strażacki"} <= found
    assert "пожежна машина" not in found  # only other languages' terms
    assert "fire engine" in glossary.equivalents("пожежних автомобілів", "uk")
    assert {"пожежний автомобіль", "пожежна машина"} <= glossary.equivalents("fire trucks", "en")


def test_across_languages_word_by_word(glossary: Glossary) -> None:
    assert {"ноутбук", "школа"} <= glossary.equivalents("Laptops for schools", "en")
    assert {"laptop", "school"} <= glossary.equivalents("Ноутбуки для шкіл", "uk")
    assert {"bed", "shelter"} <= glossary.equivalents("Ліжка для укриттів", "uk")


def test_a_term_of_several_words_is_found_only_as_written_in_order(glossary: Glossary) -> None:
    assert "fire-engine" not in ids(glossary, "a fire near the engine room", "en")
    assert "fire-engine" not in ids(glossary, "engine fire", "en")
    assert "fire-engine" in ids(glossary, "The fire engines of Košice", "en")


def test_terms_are_looked_for_in_the_language_of_the_text(glossary: Glossary) -> None:
    assert ids(glossary, "generator", "en") == ["generator"]
    assert ids(glossary, "generator", "uk") == []  # an English word in a Ukrainian text
    assert ids(glossary, "Stromaggregat", "de") == ["generator"]
    assert ids(glossary, "generator", "da") == []  # a language the glossary has no terms in


def test_concepts_come_in_the_order_the_text_names_them(glossary: Glossary) -> None:
    text = "Шкільні автобуси для підвезення учнів до підземних шкіл"
    assert ids(glossary, text, "uk") == ["school-bus", "bus", "pupil", "school"]


def test_an_empty_glossary_finds_nothing() -> None:
    assert Glossary().concepts_in("fire engine", "en") == []
    assert Glossary().equivalents("fire engine", "en") == set()


def test_a_broken_glossary_file_is_reported_at_its_line(content: Path) -> None:
    (content / "glossary" / "extra.yaml").write_text(
        "fire-engine:\n  en: [fire engine]\n  uk: пожежний автомобіль\n", encoding="utf-8"
    )
    problems = [str(p) for p in validate_content(content, TODAY).problems]
    assert problems == [
        f'{content}/glossary/extra.yaml:3:7: error: fire-engine.uk: "пожежний автомобіль" '
        'should be a list; write each entry on its own line starting with "- "'
    ]


def ids(glossary: Glossary, text: str, language: str) -> list[str]:
    return [concept.id for concept in glossary.concepts_in(text, language)]
