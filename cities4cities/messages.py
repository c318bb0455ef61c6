"""The UI catalogs (theme/translations/<language>/LC_MESSAGES/messages.po) for the domain's own
texts: the submission forms, the replies on issues, the terminal helper. Read from the .po
files with Babel, as the site does, without importing anything of the site (or Pelican)."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "theme" / "translations"

Gettext = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of a language; English (the source language) has none."""
    po = TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def gettext_for(language: str) -> Gettext:
    return translations(language).gettext
