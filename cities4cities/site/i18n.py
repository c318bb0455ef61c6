"""The reader's language: UI translations (Babel catalogs), dates, alphabetical order, and the
names of countries, regions, languages and enum values (from names.py, which the search uses
too)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

from babel.dates import format_date
from jinja2 import Environment
from markupsafe import Markup

from ..messages import translations
from ..vocabulary import LANGUAGES


def install_translations(env: Environment, language: str) -> None:
    """Switch the templates' _(), gettext() and ngettext() to a language. Jinja's own newstyle
    gettext costs a context lookup and a Markup formatting on every call (a tenth of the render
    time at 10,000 records): here a text without variables is translated once per language,
    with the same result (a safe translation; variables escaped)."""
    env.install_gettext_translations(translations(language), newstyle=True)
    translated = cache(lambda message: Markup(translations(language).gettext(message)) % {})

    def gettext(message: str, **variables: Any) -> Markup:
        if not variables:
            return translated(message)
        return Markup(translations(language).gettext(message)) % variables

    env.globals.update(gettext=gettext, _=gettext)


def language_prefix(language: str) -> str:
    """Where a language's pages live under the site root: the first language at the root."""
    return "" if language == LANGUAGES[0] else f"{language}/"


_ALPHABETS = {"uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"}


def sort_key(text: str, language: str) -> tuple:
    """Order names alphabetically in the reader's language: Ukrainian letters such as є and ґ
    go where they belong, which plain code-point order does not do."""
    alphabet = _ALPHABETS.get(language)
    folded = text.casefold()
    if alphabet is None:
        return (folded,)
    return tuple((alphabet.index(c), "") if c in alphabet else (len(alphabet), c) for c in folded)


@cache
def long_date(day: date, language: str) -> str:
    return format_date(day, "long", locale=language)


_SCHEMA_TEXTS = ("title", "description", "x-hint", "x-expected")


def extract_schema_labels(fileobj, keywords, comment_tags, options) -> Iterator[Any]:
    """Babel extractor: the x-labels, titles, descriptions, x-hint and x-expected texts in a JSON
    Schema become catalog messages (the submission forms show them in the reader's language)."""

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "x-labels":
                    yield from value.values()
                elif key in _SCHEMA_TEXTS and isinstance(value, str):
                    yield value
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for message in walk(json.load(fileobj)):
        yield 1, "gettext", message, []
