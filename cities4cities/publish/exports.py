"""Open data: every record as JSON, as CSV with HXL hashtags and (cities) as GeoJSON, with the
JSON Schemas the JSON files follow.

An exported record is the record as written, plus derived fields: its id, the address of its
page, the names of its place in the site's languages, a status label, counts. The export schemas
are generated from the record schemas (their fields, plus the derived ones), so they cannot
drift apart. Names of countries, regions and enum values come from the caller (`Naming`): they
are the site's translations, and the domain knows no catalog of its own for them.
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

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
# $refs from an export schema, which lives next to the record schemas.
_DEFS = "defs.schema.json#/$defs/"
_CITY = "city.schema.json#/properties/"
LIST_SEPARATOR = "; "  # joins the values of a list in one CSV cell


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


def _names(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"$ref": _DEFS + "language"},
        "additionalProperties": {"type": "string"},
    }


def _count(description: str) -> dict[str, Any]:
    return {"description": description, "type": "integer", "minimum": 0}


_RECORD_FIELDS = {
    "id": {
        "$ref": _DEFS + "id",
        "description": N_("The record's id: its file name in content/ without .yaml."),
    },
    "url": {
        "description": N_("The address of the record's page on the site."),
        "type": "string",
        "format": "uri",
    },
}
_PLACE_FIELDS = {
    "country_name": _names(N_("The name of the country, in English and Ukrainian.")),
    "region_name": _names(N_("The name of the region, in English and Ukrainian.")),
}
_CITY_FIELDS = {
    "open_needs": _count(N_("How many of the city's needs are open or in progress.")),
    "available_offers": _count(N_("How many of the city's offers are available.")),
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
    },
    "status_label": _names(N_("The status in words, in English and Ukrainian.")),
}
_DERIVED = {  # (before the record's own fields, after them)
    "cities": (_RECORD_FIELDS, {**_PLACE_FIELDS, **_CITY_FIELDS}),
    "needs": (_RECORD_FIELDS, _LISTING_FIELDS),
    "offers": (_RECORD_FIELDS, _LISTING_FIELDS),
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


# -- CSV columns: a field path of the JSON entry and its HXL hashtag ---------------------------
# "*" stands for each language (one column each, hashtag +i_<language>); "[]" for each entry of
# a list (their values joined with LIST_SEPARATOR). The header names the path, as the data
# dictionary does.

_LAST_COLUMNS = (  # of every CSV: the contact, and whether it is example data
    ("contact.organisation.*", "#org+name"),
    ("contact.role.*", "#contact+role"),
    ("contact.email", "#contact+email"),
    ("contact.phone", "#contact+phone"),
    ("contact.languages", "#contact+languages"),
    ("example", "#meta+example"),
)
_LISTING_COLUMNS = (
    ("id", "#activity+code"),
    ("url", "#meta+url"),
    ("title.*", "#activity+name"),
    ("city", "#loc+code"),
    ("city_name.*", "#loc+name"),
    ("country", "#country+code"),
    ("country_name.*", "#country+name"),
    ("region", "#adm1+code"),
    ("region_name.*", "#adm1+name"),
    ("location.lat", "#geo+lat"),
    ("location.lon", "#geo+lon"),
    ("sectors", "#sector+code"),
    ("clusters", "#sector+cluster"),
    ("kinds", "#activity+type"),
    ("status", "#status"),
    ("status_label.*", "#status+name"),
)
_LISTING_DATES = (
    ("posted", "#date+posted"),
    ("updated", "#date+updated"),
    ("review_by", "#date+review"),
)
_ITEMS = (
    ("items[].name.*", "#item+name"),
    ("items[].quantity", "#item+num"),
    ("items[].unit", "#item+unit"),
)
_LISTING_END = (
    ("description.*", "#description"),
    ("links[].title", "#meta+link+name"),
    ("links[].url", "#meta+link+url"),
    *_LAST_COLUMNS,
)
COLUMNS = {
    "needs": (
        *_LISTING_COLUMNS,
        ("urgency", "#severity"),
        *_LISTING_DATES,
        *_ITEMS,
        ("items[].received", "#item+num+received"),
        ("logistics.*", "#description+logistics"),
        ("matched_with", "#activity+code+matched"),
        ("outcome.*", "#description+outcome"),
        *_LISTING_END,
    ),
    "offers": (
        *_LISTING_COLUMNS,
        *_LISTING_DATES,
        *_ITEMS,
        ("delivery", "#x_delivery"),
        ("conditions.*", "#description+conditions"),
        *_LISTING_END,
    ),
    "cities": (
        ("id", "#loc+code"),
        ("url", "#meta+url"),
        ("name.*", "#loc+name"),
        ("country", "#country+code"),
        ("country_name.*", "#country+name"),
        ("region", "#adm1+code"),
        ("region_name.*", "#adm1+name"),
        ("katottg", "#loc+code+v_katottg"),
        ("population", "#population"),
        ("location.lat", "#geo+lat"),
        ("location.lon", "#geo+lon"),
        ("open_needs", "#indicator+num+needs_open"),
        ("available_offers", "#indicator+num+offers_available"),
        ("website", "#org+url"),
        ("partners", "#loc+code+partner"),
        ("seeking_partnership.priorities", "#sector+code+priority"),
        ("about.*", "#description"),
        *_LAST_COLUMNS,
    ),
}


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
        columns = list(self.columns(folder))
        paths = [path.split(".") for path, _ in columns]
        out = io.BytesIO()
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(path for path, _ in columns)
        writer.writerow(hashtag for _, hashtag in columns)
        for entry in self.entries(folder):
            writer.writerow([_cell(_lookup(entry, parts)) for parts in paths])
        return out.getvalue()

    def columns(self, folder: str) -> Iterator[tuple[str, str]]:
        for path, hashtag in COLUMNS[folder]:
            if "*" not in path:
                yield path, hashtag
                continue
            for language in self.naming.languages:
                yield path.replace("*", language), f"{hashtag}+i_{language}"

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


def _lookup(value: Any, parts: list[str]) -> Any:
    """The value at a field path split at its dots ("contact.email"); a list for a path through
    a list ("items[].quantity"), one value per entry; None where a field is missing."""
    for index, part in enumerate(parts):
        # dict, not Mapping: the entries are plain dicts, and the ABC check is slow here
        if part.endswith("[]"):
            entries = value.get(part[:-2], []) if isinstance(value, dict) else []
            return [_lookup(entry, parts[index + 1 :]) for entry in entries]
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join([_cell(v) for v in value])
    return str(value)
