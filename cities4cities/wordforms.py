# ruff: noqa: RUF002 (Ukrainian words in the docstrings are the point of this module)
"""Search keys: one key for the inflected forms of a word (Харків, Харкова, Харкові -> "харк";
генератори, генераторів -> "генератор"), so that a query finds a record whatever case or number
either of them is written in.

The rules are data, data/wordforms.json, read by this module when the site is built and by
theme/static/js/wordforms.js in the browser on the query; both apply them the same way
(tests/test_wordforms.py runs the script in node on words of the example data and compares).
The file's "about" says what each part does. Ukrainian words lose their case and number endings
and the alternations of their last syllable (і/о, ї/є, vowels that come and go); English (and any
Latin-script) words lose a plural -s and a final -e, which Pagefind's English stemmer would do on
English pages but nothing does on Ukrainian ones. Latin letters are folded to their base letter
(München -> munchen) and ґ to г, as people type them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

RULES_PATH = Path(__file__).resolve().parent / "data" / "wordforms.json"

Rule = tuple[str, str]  # (ending, replacement)


@dataclass(frozen=True)
class Step:
    """Replace the longest of the endings that leaves at least min_stem letters before it."""

    min_stem: int
    endings: dict[str, str]  # ending -> replacement
    lengths: tuple[int, ...]  # of the endings, longest first

    @classmethod
    def of(cls, min_stem: int, rules: Iterable[Rule]) -> Step:
        endings: dict[str, str] = {}
        for ending, replacement in rules:
            endings.setdefault(ending, replacement)
        return cls(min_stem, endings, tuple(sorted({len(e) for e in endings}, reverse=True)))


@dataclass(frozen=True)
class Rules:
    characters: _Characters  # the translate table: apostrophes, marks, folded letters
    alphabets: dict[str, frozenset[str]]  # name -> its letters, in the file's order
    lookalikes: dict[str, dict[str, str]]  # alphabet -> letters of other scripts that look alike
    steps: dict[str, tuple[Step, ...]]  # alphabet -> steps
    stopwords: set[str]  # folded and resolved, as tokens are compared with them


@cache
def rules_document() -> dict[str, Any]:
    """data/wordforms.json as written: what the search page hands to wordforms.js."""
    return json.loads(RULES_PATH.read_text(encoding="utf-8"))


@cache
def rules() -> Rules:
    return compile_rules(rules_document())


def compile_rules(document: dict[str, Any]) -> Rules:
    classes: dict[str, str] = document.get("classes", {})

    def expand(rule: str | list[str]) -> list[Rule]:
        ending, replacement = (rule, "") if isinstance(rule, str) else rule
        placeholder = next((c for c in ending if c in classes), None)
        if placeholder is None:
            return [(ending, replacement)]
        return [
            (ending.replace(placeholder, c), replacement.replace(placeholder, c))
            for c in classes[placeholder]
        ]

    compiled = Rules(
        characters=_Characters(document["apostrophes"], document["letters"]),
        alphabets={name: frozenset(letters) for name, letters in document["alphabets"].items()},
        lookalikes={name: dict(table) for name, table in document["lookalikes"].items()},
        steps={
            name: tuple(
                Step.of(step["min_stem"], (r for rule in step["rules"] for r in expand(rule)))
                for step in steps
            )
            for name, steps in document["steps"].items()
        },
        stopwords=set(),
    )
    compiled.stopwords.update(
        _resolve(token, compiled)
        for words in document["stopwords"].values()
        for word in words
        for token in _tokens(word, compiled)
    )
    return compiled


class _Characters(dict[int, str | None]):
    """The str.translate table of a word's characters: apostrophes and combining marks
    dropped, letters folded. Filled as characters are met (the marks are spread over the whole
    of Unicode; listing them all up front would cost half a second)."""

    def __init__(self, apostrophes: str, letters: dict[str, str]) -> None:
        super().__init__({ord(c): None for c in apostrophes})
        self.update({ord(c): folded for c, folded in letters.items()})

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        found = self[code] = None if unicodedata.category(char)[0] == "M" else char
        return found


_WORD = re.compile(r"[^\W_]+")  # letters and digits: \p{L} and \p{N}, as wordforms.js splits


def _tokens(text: str, r: Rules) -> list[str]:
    """The words of a text: runs of letters and digits, lowercased (NFC), with combining marks
    and apostrophes dropped and letters folded; anything else separates words."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower().translate(r.characters))


def _resolve(token: str, r: Rules) -> str:
    """A token written in two scripts (вентиляцiя with a Latin i) in the script most of its
    letters are in (the first alphabet listed on a tie), through the lookalikes."""
    counts = {name: sum(c in letters for c in token) for name, letters in r.alphabets.items()}
    written = [name for name, count in counts.items() if count]
    if len(written) < 2:
        return token
    majority = max(written, key=lambda name: counts[name])
    table = r.lookalikes.get(majority, {})
    return "".join(table.get(c, c) for c in token)


def _stem(token: str, r: Rules) -> str:
    alphabet = next((name for name, letters in r.alphabets.items() if token[-1:] in letters), None)
    for step in r.steps.get(alphabet, ()):
        size = len(token)
        for length in step.lengths:
            if size - length < step.min_stem:
                continue
            replacement = step.endings.get(token[size - length :])
            if replacement is not None:
                token = token[: size - length] + replacement
                break
    return token


@lru_cache(maxsize=1 << 17)
def _key(token: str) -> str | None:
    """The key of a token, None for a stopword; each distinct word is worked out once."""
    r = rules()
    resolved = _resolve(token, r)
    return None if resolved in r.stopwords else _stem(resolved, r)


def normalize(word: str) -> str:
    """The key of one word: normalize("Харкова") == normalize("Харків") == "харк". A stopword
    has a key too (keys() leaves it out); text of several words gives the key of their letters
    run together: use keys() for text."""
    r = rules()
    return _stem(_resolve("".join(_tokens(word, r)), r), r)


def sequence(text: str) -> list[str]:
    """The keys of the words of a text as they follow each other, repeats kept, stopwords left
    out: what a term of several words is looked for in (glossary.py)."""
    return [key for chunk in text.split() for key in chunk_sequence(chunk)]


@lru_cache(maxsize=1 << 18)
def chunk_sequence(chunk: str) -> tuple[str, ...]:
    """sequence() of a text without spaces (spaces always part words, so a text's keys are
    those of its chunks), worked out once for each distinct chunk."""
    found = (_key(token) for token in _tokens(chunk, rules()))
    return tuple(key for key in found if key is not None)


def keys(text: str) -> list[str]:
    """The keys of the words of a text, in order, each once, stopwords left out:
    keys("Ноутбуки для шкіл") == ["ноутбук", "школ"]."""
    return list(dict.fromkeys(sequence(text)))
