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
from urllib.parse import urljoin

from ..bulk import cyclic_gc_paused
from ..messages import N_
from ..records import City, Dataset, Listing, Need, Record
from ..schemas import FOLDERS, load_schemas
from .columns import Column, columns, rows

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
# $refs from an export schema, which lives next to the record schemas.
_DEFS = "defs.schema.json#/$defs/"
_CITY = "city.schema.json#/properties/"


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


DATA_FILES = (
    *(DataFile(f"{folder}.json", folder, "json") for folder in ("needs", "offers", "cities")),
    *(DataFile(f"{folder}.csv", folder, "csv") for folder in ("needs", "offers", "cities")),
    DataFile("cities.geojson", "cities", "geojson"),
)
SCHEMA_FOLDER = "schemas"  # the schemas are published under data/schemas/


def schema_name(folder: str) -> str:
    return f"{folder}.export.schema.json"


# -- derived fields: what an export adds to the record as written --------------------------
# Each gives the HXL hashtag of its CSV column (x-hxl), as the record schemas do for theirs;
# one that $refs the schemas (city_name, country, region, location) takes theirs.


def _names(description: str, hashtag: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"$ref": _DEFS + "language"},
        "additionalProperties": {"type": "string"},
        "x-hxl": hashtag,
    }


def _count(description: str, hashtag: str) -> dict[str, Any]:
    return {"description": description, "type": "integer", "minimum": 0, "x-hxl": hashtag}


def _record_fields(id_hashtag: str) -> dict[str, Any]:
    """The id and the page's address, first in every entry; the id codes a place (a city) or
    an activity (a need, an offer)."""
    return {
        "id": {
            "$ref": _DEFS + "id",
            "description": N_("The record's id: its file name in content/ without .yaml."),
            "x-hxl": id_hashtag,
        },
        "url": {
            "description": N_("The address of the record's page on the site."),
            "type": "string",
            "format": "uri",
            "x-hxl": "#meta+url",
        },
    }


_PLACE_FIELDS = {
    "country_name": _names(
        N_("The name of the country, in English and Ukrainian."), "#country+name"
    ),
    "region_name": _names(N_("The name of the region, in English and Ukrainian."), "#adm1+name"),
}
_CITY_FIELDS = {
    "open_needs": _count(
        N_("How many of the city's needs are open or in progress."), "#indicator+num+needs_open"
    ),
    "available_offers": _count(
        N_("How many of the city's offers are available."), "#indicator+num+offers_available"
    ),
}
_LISTING_FIELDS = {  # their city (as the city schema describes it), clusters, status label
    "city_name": {
        "$ref": _CITY + "name",
        "description": N_("The name of the city, in the languages its record gives."),
    },
    "country": {
        "$ref": _DEFS + "country",
        "description": N_("The country of the city, ISO 3166-1 alpha-2."),
    },
    "region": {"$ref": _CITY + "region"},
    **_PLACE_FIELDS,
    "location": {"$ref": _CITY + "location"},
    "clusters": {
        "description": N_(
            "The humanitarian clusters of the sectors (HXL), where a sector has one."
        ),
        "type": "array",
        "items": {"type": "string"},
        "x-hxl": "#sector+cluster",
    },
    "status_label": _names(N_("The status in words, in English and Ukrainian."), "#status+name"),
}
_DERIVED = {  # (before the record's own fields, after them)
    "cities": (_record_fields("#loc+code"), {**_PLACE_FIELDS, **_CITY_FIELDS}),
    "needs": (_record_fields("#activity+code"), _LISTING_FIELDS),
    "offers": (_record_fields("#activity+code"), _LISTING_FIELDS),
}


@cache
def export_schema(folder: str) -> dict[str, Any]:
    """The JSON Schema of `<folder>.json`: the licence, and a list of records, each the
    record's schema with the derived fields added."""
    record = load_schemas().documents[FOLDERS[folder]]
    before, after = _DERIVED[folder]
    clash = (before.keys() | after.keys()) & record["properties"].keys()
    assert not clash, f"derived fields {clash} are also fields of the {folder} schema"
    entry = {key: value for key, value in record.items() if key not in ("$schema", "$id")}
    entry |= {
        "required": [*before, *record["required"], *after],
        "properties": {**before, **record["properties"], **after},
    }
    return {
        "$schema": JSON_SCHEMA,
        # Next to the record schemas, so that their relative $refs resolve here too.
        "$id": urljoin(record["$id"], schema_name(folder)),
        "title": f"cities4cities {folder}",
        "description": f"Every {FOLDERS[folder]} of the cities4cities directory, as {folder}.json.",
        "type": "object",
        "additionalProperties": False,
        "required": ["licence", folder],
        "properties": {
            "licence": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "url"],
                "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
            },
            folder: {"type": "array", "items": entry},
        },
    }


def entry_schema(folder: str) -> dict[str, Any]:
    """The schema of one exported record of a folder."""
    return export_schema(folder)["properties"][folder]["items"]


def schema_files() -> dict[str, str]:
    """The record schemas, then the export schemas, by file name."""
    documents = {f"{name}.schema.json": doc for name, doc in load_schemas().documents.items()}
    documents |= {schema_name(folder): export_schema(folder) for folder in FOLDERS}
    return {name: _json(document) for name, document in documents.items()}


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
    "cities": """id url name country country_name region region_name katottg population location
        open_needs available_offers website partners seeking_partnership about contact example""",
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
        if isinstance(record, City):
            return {**head, **data, **self.place(record), **self.counts(record.id)}
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


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
