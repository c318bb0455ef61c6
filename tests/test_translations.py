"""The UI translations are complete: the committed catalog template (messages.pot) holds every
string of the templates, the Python views and the schemas; the Ukrainian catalog translates
all of them; and the built Ukrainian pages show no English UI text."""

from __future__ import annotations

import gettext
import os
import re
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag

from cities4cities import messages

ROOT = Path(__file__).parent.parent
TRANSLATIONS = ROOT / "theme" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
UK_CATALOG = TRANSLATIONS / "uk" / "LC_MESSAGES" / "messages.po"
FIX = "run `make translations`, then translate the new entries in " + str(
    UK_CATALOG.relative_to(ROOT)
)
# A printf-style placeholder as Python's % operator reads it: %(name)d, %s, %5.1f, %%.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0 +-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]")


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def msgid(message: Message) -> str | tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, list | tuple) else message.id


def msgids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    """The ids of a catalog's messages (a plural message's id is (singular, plural))."""
    return {msgid(m) for m in catalog if m.id}


def makefile_extract_options() -> list[str]:
    """The options `make translations` gives `pybabel extract`, read from the Makefile."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    recipe = re.search(r"^translations:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no `translations` target"
    for line in recipe[1].splitlines():
        words = shlex.split(line.replace("PYTHONPATH=. ", ""))
        if "extract" in words and any(w.endswith("pybabel") for w in words):
            options = words[words.index("extract") + 1 :]
            assert not any("$(" in w for w in options), f"cannot run {line!r} outside make"
            return options
    raise AssertionError("the `translations` target of the Makefile runs no `pybabel extract`")


def extract(output: Path) -> Catalog:
    """Extract the UI strings from the sources as `make translations` does, into output."""
    options = makefile_extract_options()
    where = options.index("-o")
    options[where + 1] = str(output)
    run = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", *options],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # the schema extractor is imported
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, f"pybabel extract failed:\n{run.stderr}"
    return read_catalog(output)


def describe(ids: set) -> str:
    return "\n".join(f"  {i!r}" for i in sorted(ids, key=str)) or "  (none)"


def test_catalog_template_is_up_to_date(tmp_path: Path) -> None:
    extracted = msgids(extract(tmp_path / "messages.pot"))
    committed = msgids(read_catalog(TEMPLATE))
    assert extracted, "the extraction found no UI strings at all"
    assert extracted == committed, (
        f"{TEMPLATE.relative_to(ROOT)} is out of date with the sources; {FIX}.\n"
        f"New in the sources:\n{describe(extracted - committed)}\n"
        f"Gone from the sources:\n{describe(committed - extracted)}"
    )


def test_ukrainian_catalog_has_the_messages_of_the_template() -> None:
    template, uk = msgids(read_catalog(TEMPLATE)), msgids(read_catalog(UK_CATALOG, "uk"))
    assert uk == template, (
        f"{UK_CATALOG.relative_to(ROOT)} is not updated from messages.pot; {FIX}.\n"
        f"Missing:\n{describe(template - uk)}\nNo longer used:\n{describe(uk - template)}"
    )


def test_ukrainian_plural_forms() -> None:
    catalog = read_catalog(UK_CATALOG, "uk")
    assert catalog.num_plurals == 3, f"the Plural-Forms header of {UK_CATALOG} wants nplurals=3"
    plural = gettext.c2py(catalog.plural_expr)
    forms = {n: plural(n) for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 1000)}
    assert forms == {
        **dict.fromkeys((1, 21, 101), 0),  # один запис
        **dict.fromkeys((2, 4, 22), 1),  # два записи
        **dict.fromkeys((0, 5, 11, 12, 14, 25, 111, 112, 1000), 2),  # п'ять записів
    }


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def test_every_message_is_translated() -> None:
    catalog = read_catalog(UK_CATALOG, "uk")
    problems = []
    for message in catalog:
        if not message.id:
            continue  # the header
        name = repr(msgid(message))
        if message.fuzzy:
            problems.append(f"{name} is marked fuzzy: check it and remove the flag")
        if message.pluralizable:
            expected = placeholders(message.id[1])
            forms = list(message.string) if isinstance(message.string, list | tuple) else []
            if len(forms) != catalog.num_plurals or not all(forms):
                problems.append(f"{name} needs all {catalog.num_plurals} plural forms")
        else:
            expected, forms = placeholders(message.id), [message.string]
            if not message.string:
                problems.append(f"{name} is not translated")
        for form in forms:
            if form and placeholders(form) != expected:
                problems.append(
                    f"{name}: the translation {form!r} must keep the placeholders "
                    f"{sorted(expected.elements())} of the original"
                )
    assert not problems, f"{UK_CATALOG.relative_to(ROOT)}: {FIX}.\n" + "\n".join(problems)


# -- the built Ukrainian site ------------------------------------------------------------------


def english_ui_strings() -> list[re.Pattern[str]]:
    """The English UI messages whose Ukrainian translation differs (not "m²", "kg" ...), as
    patterns for a whole text with a placeholder standing for any value."""
    found = []
    for message in read_catalog(UK_CATALOG, "uk"):
        if not message.id:
            continue
        english = message.id if message.pluralizable else (message.id,)
        translated = message.string if message.pluralizable else (message.string,)
        for text in english:
            if text in translated:
                continue
            parts = PLACEHOLDER.split(text)
            pattern = r"\S.*?".join(re.escape(part) for part in parts)
            found.append(re.compile(pattern))
    return found


def shown_texts(soup: BeautifulSoup) -> list[str]:
    """The texts of a page a reader sees or hears in the page's language: text nodes, the
    <title>, descriptions and aria-labels; not texts marked as another language."""

    def in_page_language(node: Tag) -> bool:
        marked = node if node.has_attr("lang") else node.find_parent(lang=True)
        return marked is None or marked["lang"] == "uk"

    texts = [
        str(node)
        for node in soup.find_all(string=True)
        if node.parent.name not in {"script", "style"} and in_page_language(node.parent)
    ]
    for tag in soup.find_all(attrs={"aria-label": True}):
        if in_page_language(tag):
            texts.append(tag["aria-label"])
    for tag in soup.select('meta[name="description"], meta[property="og:description"]'):
        texts.append(tag["content"])
    pieces = []
    for text in texts:
        pieces += [" ".join(piece.split()) for piece in re.split(r"\s·\s", text)]
    return [piece for piece in pieces if piece]


def parse(site: Path, page: str) -> BeautifulSoup:
    path = site / "uk" / page
    if "*" in page:
        matches = sorted((site / "uk").glob(page))
        assert matches, f"the built site has no page uk/{page}"
        path = matches[0]
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(
    "page",
    [
        "404.html",
        "about/index.html",
        "index.html",
        "needs/index.html",
        "offers/index.html",
        "cities/index.html",
        "cities/*/index.html",
        "needs/*/index.html",
        "offers/*/index.html",
    ],
)
def test_ukrainian_pages_show_no_english_ui_strings(site: Path, page: str) -> None:
    soup = parse(site, page)
    assert soup.html["lang"] == "uk"
    english = english_ui_strings()
    left = sorted({t for t in shown_texts(soup) for p in english if p.fullmatch(t)})
    assert not left, (
        f"uk/{page} shows English UI text {left}. If {UK_CATALOG.name} does not translate it, "
        f"{FIX}; if it does, the page was rendered with another language's gettext"
    )


def test_ukrainian_home_page(site: Path) -> None:
    soup = parse(site, "index.html")
    _ = messages.translations("uk").gettext
    assert soup.html["lang"] == "uk"
    assert soup.h1.get_text(strip=True) == _("Cities helping cities") == "Міста допомагають містам"
    assert soup.title.get_text().startswith(_("Cities helping cities") + " · ")
    nav = [a.get_text(strip=True) for a in soup.select("nav.main-nav a")]
    labels = ("Needs", "Offers", "Cities", "Matches", "Partnerships", "About", "Submit")
    assert nav == [_(label) for label in labels]
    assert nav[:2] == ["Потреби", "Пропозиції"]
    ngettext = messages.translations("uk").ngettext
    stats = [li.get_text(" ", strip=True).split(maxsplit=1) for li in soup.select(".stats li")]
    words = [
        ("open need", "open needs"),
        ("offer available", "offers available"),
        ("city", "cities"),
        ("need met", "needs met"),
    ]
    assert [text for _number, text in stats] == [
        ngettext(one, many, int(number))
        for (number, _text), (one, many) in zip(stats, words, strict=True)
    ]
    assert stats[2][1] == "міста"  # 42 міста: the plural form follows the number
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert _("Open needs by sector") in headings and _("Newest needs") in headings
    footer = [a.get_text(strip=True) for a in soup.select("footer a")]
    assert footer == [
        _(label)
        for label in (
            "About",
            "Add a need or an offer",
            "Privacy",
            "Open data",
            "Statistics",
            "Reading offline",
        )
    ]
    assert soup.select_one(".skip-link").get_text(strip=True) == _("Skip to main content")
    main_nav = soup.select_one("nav.main-nav")
    assert main_nav["aria-label"] == _("Main")
