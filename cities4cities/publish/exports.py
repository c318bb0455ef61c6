"""Open data: every record as JSON, as CSV with HXL hashtags and (cities) as GeoJSON, with the
JSON Schemas the JSON files follow.

An exported record is the record as written, plus derived fields: its id, the address of its
page, the names of its place in the site's languages, a status label, counts. The export schemas
are generated from the record schemas (their fields, plus the derived ones), so they cannot
drift apart; so are the CSV's columns, each tagged with its field's x-hxl (columns.py). Names
of countries, regions and enum values come from the caller (`Naming`): they are the site's
translations, and the domain knows no catalog of its own for them.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..bulk import cyclic_gc_paused
from ..records import City, Dataset, Listing, Need, Partnership, Pledge, Record
from ..schemas import load_schemas
from .columns import Column, columns, rows
from .exportschemas import entry_schema, schema_files, schema_name


@dataclass(frozen=True)
class Naming:
    """How the export names things, in each of `languages`."""

    languages: tuple[str, ...]
    country: Callable[[str, str], str]  # (ISO 3166-1 code, language) -> name
    region: Callable[[str, str], str]  # (ISO 3166-2 code, language) -> name
    label: Callable[[str, str, str], str]  # (vocabulary, value, language) -> label


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


@dataclass(frozen=True)
class DataFile:
    """One file of the export: its name under data/, the folder of records it holds and its
    format ("json", "csv" or "geojson")."""

    name: str
    folder: str
    format: str

    @property
    def schema(self) -> str | None:
        """The name of the schema file a JSON export follows."""
        return schema_name(self.folder) if self.format == "json" else None


_RECORDS = ("needs", "offers", "pledges")
DATA_FILES = (
    *(DataFile(f"{folder}.json", folder, "json") for folder in _RECORDS),
    DataFile("cities.json", "cities", "json"),
    DataFile("partnerships.json", "partnerships", "json"),
    *(DataFile(f"{folder}.csv", folder, "csv") for folder in _RECORDS),
    DataFile("cities.csv", "cities", "csv"),
    DataFile("partnerships.csv", "partnerships", "csv"),
    DataFile("cities.geojson", "cities", "geojson"),
    DataFile("partnerships.geojson", "partnerships", "geojson"),  # lines between the cities
)
SCHEMA_FOLDER = "schemas"  # the schemas are published under data/schemas/


# -- CSV: the order of the columns ----------------------------------------------------------
# Every leaf field of an entry is a column (columns.py). They come in this order of top-level
# fields, the record's own and the derived ones: what and where, how it is classified, when, what
# exactly, the texts, who to write to. A field not named here comes after these.

_LISTING_HEAD = """id url title city city_name country country_name region region_name location
    sectors clusters kinds status status_label"""
_LISTING_TAIL = "description links contact example"
CSV_ORDER = {  # folder -> its top-level fields, separated by spaces
    "needs": f"""{_LISTING_HEAD} urgency posted updated review_by items logistics matched_with
        outcome {_LISTING_TAIL}""",
    "offers": f"""{_LISTING_HEAD} posted updated review_by items delivery conditions
        {_LISTING_TAIL}""",
    "pledges": """id url need need_title need_city need_city_name need_country need_region
        need_region_name need_location need_sectors need_kinds city city_name country offer
        status status_label items posted expected delivered confirmed note contact example""",
    "cities": """id url name country country_name region region_name katottg population location
        open_needs available_offers website seeking_partnership about contact example""",
    "partnerships": """id url cities places kind kind_label status status_label since ended
        sectors about projects contacts needs pledges links example""",
}


@cache
def csv_columns(folder: str, languages: tuple[str, ...]) -> tuple[Column, ...]:
    """The columns of `<folder>.csv`, a text in each of `languages`."""
    return tuple(columns(entry_schema(folder), languages, CSV_ORDER[folder].split()))


class Export:
    """The open data of a dataset: record pages at `base_url` (absolute, ending in "/"),
    names from `naming`, published under `licence`."""

    def __init__(self, ds: Dataset, base_url: str, naming: Naming, licence: Licence) -> None:
        self.ds = ds
        self.base_url = base_url
        self.naming = naming
        self.licence = licence
        self.open_needs = Counter(n.city for n in ds.needs.values() if n.is_open)
        self.available_offers = Counter(o.city for o in ds.offers.values() if o.is_open)
        self.clusters: Mapping[str, str] = load_schemas().defs()["sector"]["x-hxl-cluster"]
        self.made: dict[str, list[dict[str, Any]]] = {}  # the last folder's entries

    def files(self) -> Iterator[tuple[str, bytes]]:
        """Every file of the export, the schemas too: its path under data/ and its UTF-8 bytes.
        One at a time, each made as bytes directly: at 50,000 records a file is ~80 MB."""
        with cyclic_gc_paused():  # many small acyclic dicts
            for file in sorted(DATA_FILES, key=lambda file: file.folder):  # a folder at a time
                yield file.name, self.render(file)
        for name, text in schema_files().items():
            yield f"{SCHEMA_FOLDER}/{name}", text.encode()

    def render(self, file: DataFile) -> bytes:
        if file.format == "json":
            return self.json(file.folder)
        if file.format == "csv":
            return self.csv(file.folder)
        if file.folder == "partnerships":
            return partnership_lines(self.entries(file.folder)).encode()
        return self.geojson().encode()

    # -- the records with their derived fields ---------------------------------------------

    def entries(self, folder: str) -> list[dict[str, Any]]:
        """The records of a folder ("needs", "offers", "cities") as exported, by id."""
        if folder not in self.made:  # each format of a folder uses them: made once, kept once
            records: dict[str, Record] = getattr(self.ds, folder)
            self.made = {folder: [self.entry(folder, records[key]) for key in sorted(records)]}
        return self.made[folder]

    def entry(self, folder: str, record: Record) -> dict[str, Any]:
        data: Mapping[str, Any] = record.document.data
        head = {"id": record.id, "url": f"{self.base_url}{folder}/{record.id}/"}
        if isinstance(record, Pledge):  # shown on its need's page
            head["url"] = f"{self.base_url}needs/{record.need}/#{record.id}"
            return {**head, **data, **self.pledge_fields(record)}
        if isinstance(record, City):
            return {**head, **data, **self.place(record), **self.counts(record.id)}
        if isinstance(record, Partnership):
            return {**head, **data, **self.partnership_fields(record)}
        assert isinstance(record, Listing)
        return {**head, **data, **self.listing_fields(record)}

    def listing_fields(self, listing: Listing) -> dict[str, Any]:
        city = self.ds.cities[listing.city]
        vocabulary = "status" if isinstance(listing, Need) else "offer_status"
        clusters = (self.clusters[s] for s in listing.sectors if s in self.clusters)
        return {
            "city_name": dict(city.name),
            "country": city.country,
            "region": city.region,
            **self.place(city),
            "location": {"lat": city.location.lat, "lon": city.location.lon},
            "clusters": list(dict.fromkeys(clusters)),  # in order, once each
            "status_label": self.names(
                lambda language: self.naming.label(vocabulary, listing.status, language)
            ),
        }

    def pledge_fields(self, pledge: Pledge) -> dict[str, Any]:
        city, need = self.ds.cities[pledge.city], self.ds.needs[pledge.need]
        need_city = self.ds.cities[need.city]
        return {
            "city_name": dict(city.name),
            "country": city.country,
            "need_title": dict(need.title),
            "need_city": need.city,
            "need_city_name": dict(need_city.name),
            "need_country": need_city.country,
            "need_region": need_city.region,
            "need_region_name": self.names(
                lambda language: self.naming.region(need_city.region, language)
            ),
            "need_location": {"lat": need_city.location.lat, "lon": need_city.location.lon},
            "need_sectors": list(need.sectors),
            "need_kinds": list(need.kinds),
            "status_label": self.names(
                lambda language: self.naming.label("pledge_status", pledge.status, language)
            ),
        }

    def partnership_fields(self, partnership: Partnership) -> dict[str, Any]:
        cities = [self.ds.cities[c] for c in partnership.cities]
        return {
            "places": [
                {
                    "city": city.id,
                    "name": dict(city.name),
                    "country": city.country,
                    "region": city.region,
                    **self.place(city),
                    "location": {"lat": city.location.lat, "lon": city.location.lon},
                }
                for city in cities
            ],
            "kind_label": self.names(
                lambda language: self.naming.label("partnership_kind", partnership.kind, language)
            ),
            "status_label": self.names(
                lambda language: self.naming.label(
                    "partnership_status", partnership.status, language
                )
            ),
        }

    def place(self, city: City) -> dict[str, Any]:
        return {
            "country_name": self.names(
                lambda language: self.naming.country(city.country, language)
            ),
            "region_name": self.names(lambda language: self.naming.region(city.region, language)),
        }

    def counts(self, city_id: str) -> dict[str, int]:
        return {
            "open_needs": self.open_needs[city_id],
            "available_offers": self.available_offers[city_id],
        }

    def names(self, name: Callable[[str], str]) -> dict[str, str]:
        return {language: name(language) for language in self.naming.languages}

    # -- the formats -------------------------------------------------------------------------

    def json(self, folder: str) -> bytes:
        """One record per line: readable, and written by json's fast (unindented) encoder."""
        licence = {"name": self.licence.name, "url": self.licence.url}
        head = f'{{"licence": {_compact(licence)},\n"{folder}": [\n'.encode()
        lines = [_compact(entry).encode() for entry in self.entries(folder)]
        return b"".join((head, b",\n".join(lines), b"\n]}\n"))

    def csv(self, folder: str) -> bytes:
        """A header row of field paths, a row of HXL hashtags, then one row per record."""
        columns = csv_columns(folder, self.naming.languages)
        out = io.BytesIO()
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(column.path for column in columns)
        writer.writerow(column.hashtag for column in columns)
        writer.writerows(rows(self.entries(folder), columns))
        return out.getvalue()

    def geojson(self) -> str:
        """The cities as points ([lon, lat], RFC 7946) with their counts of open needs and
        available offers."""
        features = []
        for entry in self.entries("cities"):
            location = entry["location"]
            properties = {
                "id": entry["id"],
                "url": entry["url"],
                **{f"name_{code}": entry["name"].get(code) for code in self.naming.languages},
                "country": entry["country"],
                "region": entry["region"],
                "open_needs": entry["open_needs"],
                "available_offers": entry["available_offers"],
                "example": entry.get("example", False),
            }
            features.append(
                {
                    "type": "Feature",
                    "id": entry["id"],
                    "geometry": {
                        "type": "Point",
                        "coordinates": [location["lon"], location["lat"]],
                    },
                    "properties": properties,
                }
            )
        return _json({"type": "FeatureCollection", "features": features})


def partnership_lines(entries: list[dict[str, Any]]) -> str:
    """Each partnership as a line between its cities, with its kind, status and since."""
    features = [
        {
            "type": "Feature",
            "id": entry["id"],
            "geometry": _line_between(entry["places"]),
            "properties": {
                "id": entry["id"],
                "url": entry["url"],
                "cities": entry["cities"],
                "kind": entry["kind"],
                "status": entry["status"],
                "since": entry["since"],
                "sectors": entry["sectors"],
                "example": entry.get("example", False),
            },
        }
        for entry in entries
    ]
    return _json({"type": "FeatureCollection", "features": features})


def _line_between(places: list[dict[str, Any]]) -> dict[str, Any]:
    """A line from the first city to each other ([lon, lat], RFC 7946): one segment for two
    cities, a MultiLineString for more."""
    points = [[p["location"]["lon"], p["location"]["lat"]] for p in places]
    segments = [[points[0], point] for point in points[1:]]
    if len(segments) == 1:
        return {"type": "LineString", "coordinates": segments[0]}
    return {"type": "MultiLineString", "coordinates": segments}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
