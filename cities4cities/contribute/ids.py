# ruff: noqa: RUF001 (Cyrillic letters and apostrophes are the point of this table)
"""New record ids from a city and a title: ua-sumy + "Генератори для лікарень" ->
ua-sumy-heneratory-dlia-likaren. Ukrainian is transliterated by the national system (Cabinet of
Ministers resolution No. 55 of 2010), the one on road signs and passports. The submission page
computes the same ids in the browser from TRANSLITERATION, so both agree."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from ..vocabulary import MAX_ID_LENGTH, is_id

# Letter -> Latin; the second table holds the spelling at the start of a word.
TRANSLITERATION: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
WORD_START: dict[str, str] = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
SLUG_LENGTH = 50  # the title's part of an id; the whole id stays well under MAX_ID_LENGTH


def transliterate(text: str) -> str:
    """Ukrainian letters in Latin ones; other text unchanged."""
    text = text.lower().replace("зг", "zgh")
    out = []
    for index, char in enumerate(text):
        at_start = index == 0 or not text[index - 1].isalpha()
        out.append((at_start and WORD_START.get(char)) or TRANSLITERATION.get(char, char))
    return "".join(out)


def slug(text: str, limit: int = SLUG_LENGTH) -> str:
    """Lowercase a-z, digits and single hyphens, cut at a word boundary within limit."""
    ascii_text = unicodedata.normalize("NFKD", transliterate(text))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(words) <= limit:
        return words
    cut = words[: limit + 1].rsplit("-", 1)[0] if "-" in words[:limit] else words[:limit]
    return cut.strip("-")


def new_id(prefix: str, title: str, taken: Collection[str] = ()) -> str:
    """prefix-slug-of-title, with -2, -3 ... when that id is taken. Always an id, whatever the
    answers: a prefix that is not one (an answer such as "../../x") is made one first, so no
    answer ever becomes a path."""
    if not is_id(prefix):
        prefix = slug(prefix, MAX_ID_LENGTH)
    base = "-".join(part for part in (prefix, slug(title)) if part) or "record"
    base = base[: MAX_ID_LENGTH - 4].strip("-")
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
