"""The words a record is found by beyond those its page shows: one line of search keys that the
site puts in a hidden element of the record's page, in every language, for Pagefind to index.

For a need, an offer or a city, the keys (wordforms.py) of:

- its own words in every language it is written in, and of their dictionary forms
  (pymorphy3's lemmas, for Ukrainian words): "Харкові" is found by "Харків" and "Харкова",
  "дітей" by "діти"; the query in the browser only normalises, so the index does the rest;
- the terms, in every language, of the glossary's concepts its title and items name
  ("пожежні автоцистерни" -> fire engine, Löschfahrzeug, пожежна машина...); not those of
  its description, which also names what the record is not about (the warehouse where the
  windows will be stored), and would double the concepts found;
- the names of its sectors and kinds, and of its country and region, in each of the site's
  languages (the schemas' x-labels with the catalogs, Babel's and pycountry's names: the sources
  the pages use);
- its city's names in every language and in GeoNames' other languages and spellings
  (gazetteer.py: Kiew, Kijów, Charkiw).

Each key once. Keys rather than words: the search page turns the query into keys with the same
rules (theme/static/js/wordforms.js), and a word's key is as findable as the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import chain

from .gazetteer import other_names
from .glossary import Glossary
from .names import country_name, enum_label, region_name
from .records import City, Dataset, Listing, LocalizedText, Need, Offer, Record
from .vocabulary import LANGUAGES
from .wordforms import chunk_sequence, keys

_CYRILLIC = re.compile("[\u0400-\u04ff]")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019\u02bc][^\W\d_]+)*")  # a word, with apostrophes inside


def every_search_word(dataset: Dataset, glossary: Glossary) -> dict[str, str]:
    """The search words of every city, need and offer (the pages that are searched), by id."""
    records = (*dataset.cities.values(), *dataset.needs.values(), *dataset.offers.values())
    return {record.id: search_words(record, dataset, glossary) for record in records}


def search_words(record: Record, dataset: Dataset, glossary: Glossary) -> str:
    """The search keys of a city, need or offer, separated by spaces, each once."""
    parts: list[Iterable[str]] = []
    if isinstance(record, City):
        parts.append(city_keys(record))
        parts += map(_chunk_keys, _chunks(record.about))
        parts.append(label_keys("sector", record.partnership_priorities))
        return " ".join(dict.fromkeys(chain.from_iterable(parts)))
    assert isinstance(record, Listing)
    named = (record.title, *(item.name for item in record.items))  # what the record is about
    for text in (*named, record.description, *_other_texts(record)):
        parts += map(_chunk_keys, _chunks(text))
    for text in named:
        for language, written in text:
            parts += (concept.keys for concept in glossary.concepts_in(written, language))
    parts.append(label_keys("sector", record.sectors))
    parts.append(label_keys("kind", record.kinds))
    if city := dataset.cities.get(record.city):
        parts.append(city_keys(city))
    return " ".join(dict.fromkeys(chain.from_iterable(parts)))


def _other_texts(record: Listing) -> Iterator[LocalizedText]:
    if isinstance(record, Need):
        yield from (text for text in (record.logistics, record.outcome) if text)
    elif isinstance(record, Offer) and record.conditions:
        yield record.conditions


def _chunks(text: LocalizedText | None) -> list[str]:
    """A text's chunks between spaces, in every language: a text's keys are its chunks'."""
    return [chunk for _, written in text or () for chunk in written.split()]


@lru_cache(maxsize=1 << 18)
def _chunk_keys(chunk: str) -> tuple[str, ...]:
    """The keys of a chunk, and of the dictionary forms of its Ukrainian words; worked out once
    for each distinct chunk."""
    found = chunk_sequence(chunk)
    if _CYRILLIC.search(chunk):
        found += tuple(key for word in WORD.findall(chunk) for key in keys(_lemma(word.lower())))
    return tuple(dict.fromkeys(found))


@cache
def _analyzer():  # a pymorphy3.MorphAnalyzer: 0.2 s to load, so only when a word needs it
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _lemma(word: str) -> str:
    """The dictionary form of a Ukrainian word (its likeliest reading), as pymorphy3 knows it or
    guesses it; its apostrophe is the one pymorphy3's dictionary is written with."""
    return _analyzer().parse(word.replace("’", "'").replace("ʼ", "'"))[0].normal_form  # noqa: RUF001


@lru_cache(maxsize=1 << 14)
def city_keys(city: City) -> tuple[str, ...]:
    """A city's names (its own, GeoNames' others), its country's and region's, in keys."""
    names = [name for _, name in city.name]
    names += other_names(city)
    for language in LANGUAGES:
        names += (country_name(city.country, language), region_name(city.region, language))
    return tuple(dict.fromkeys(key for name in names for key in keys(name)))


@lru_cache(maxsize=1 << 12)
def label_keys(vocabulary: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of the labels of sectors or kinds in each of the site's languages."""
    labels = (enum_label(vocabulary, v, language) for v in values for language in LANGUAGES)
    return tuple(dict.fromkeys(key for label in labels for key in keys(label)))
