"""The significant words of item names: what an item is called, stemmed, without the words that
say nothing about it, so that names can be compared across languages and forms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")  # noqa: RUF001 (the apostrophes Ukrainian uses)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Ukrainian endings of nouns and adjectives, longest first; a stem keeps at least 3 letters.
_ENDINGS = "ами ями ого ому ими іми ах ях ам ям ів їв ий ій ої ою ею ом ем их іх"  # noqa: RUF001
_UK_ENDINGS = sorted([*_ENDINGS.split(), *"аяуюоеиіьй"], key=len, reverse=True)
# Words that say nothing about what an item is: function words, units, packaging, formats of
# help (a study visit of planners has nothing in common with a study visit of producers).
_WORDS = """
about and any are assorted based for from into one two three four five six ten per set kit piece
unit type size standard with without the of to in on or by up place day week month year hour
person people litre liter metre meter mobile portable electric commercial industrial
professional new used full fully equipped including pair total first spare system equipment
supply material online session workshop seminar course visit study placement trainee training
programme program expert advisory consultation site return lot volunteer mission group team
kw mw kwh kva mm cm kg ton tonne
з із зі для та і й на до від у в або по про без під над за при що це один одна одне два дві три
чотири шість десять кожен комплект набір штука близько різний розмір місце день тиждень година
рік літр метр тип система установка мобільний портативний електричний професійний промисловий
запасний онлайн сесія семінар курс візит навчальний стажування тривалість робота учасник слухач
перший повний оснащення обладнання новий пара виїзд волонтер місія група команда
квт мвт вт ква год мм см кг тонна
"""  # noqa: RUF001
_STOPWORDS = _WORDS.split()


@lru_cache(maxsize=1 << 16)  # words recur
def stem(word: str) -> str:
    """A crude stem: plural and case endings off, so that pump/pumps and насос/насоси meet."""
    if _CYRILLIC.search(word):
        for ending in _UK_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[: -len(ending)]
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    elif word.endswith("ing") and len(word) > 6:
        word = word[:-3]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


_STOP_STEMS = frozenset(form for word in _STOPWORDS for form in (word, stem(word)))


def significant_stems(text: str) -> Iterable[str]:
    """The stems of the words of a name that could say what it is."""
    for word in _WORD.findall(text.casefold().translate(_APOSTROPHES)):
        if sum(char.isalpha() for char in word) < 3 or word in _STOP_STEMS:
            continue
        found = stem(word)
        if found not in _STOP_STEMS:
            yield found
