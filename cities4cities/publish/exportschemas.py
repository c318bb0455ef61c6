"""The JSON Schemas of the open data: each export schema is its record schema with the fields
an export derives (an id, the page's address, names of places in the site's languages, status
labels, counts), each with the HXL hashtag of its CSV column (x-hxl), so none can drift from the
records. exports.py writes the files that follow them."""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urljoin

from ..messages import N_
from ..schemas import FOLDERS, load_schemas

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
# $refs from an export schema, which lives next to the record schemas.
_DEFS = "defs.schema.json#/$defs/"
_CITY = "city.schema.json#/properties/"


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
_CITY_NAME = {
    "$ref": _CITY + "name",
    "description": N_("The name of the city, in the languages its record gives."),
}
_WHERE = {  # where a record's city is, as the city schema describes it
    "country": {
        "$ref": _DEFS + "country",
        "description": N_("The country of the city, ISO 3166-1 alpha-2."),
    },
    "region": {"$ref": _CITY + "region"},
    **_PLACE_FIELDS,
    "location": {"$ref": _CITY + "location"},
}
_LISTING_FIELDS = {  # their city, clusters, status label
    "city_name": _CITY_NAME,
    **_WHERE,
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
_PLEDGE_FIELDS = {  # the pledging city, the need and its city, the status in words
    "city_name": {
        "$ref": _CITY + "name",
        "description": N_("The name of the pledging city, in the languages its record gives."),
        "x-hxl": "#org+name+donor",
    },
    "country": {
        "$ref": _DEFS + "country",
        "description": N_("The country of the pledging city, ISO 3166-1 alpha-2."),
        "x-hxl": "#country+code+donor",
    },
    "need_title": {
        "$ref": _DEFS + "title_text",
        "description": N_("The title of the need, in the languages it is written in."),
        "x-hxl": "#activity+name+need",
    },
    "need_city": {
        "$ref": _DEFS + "city_id",
        "description": N_("The id of the city in need, which receives the help."),
        "x-hxl": "#loc+code",
    },
    "need_city_name": {
        "$ref": _CITY + "name",
        "description": N_("The name of the city in need, in the languages its record gives."),
        "x-hxl": "#loc+name",
    },
    "need_country": {
        "$ref": _DEFS + "country",
        "description": N_("The country of the city in need, ISO 3166-1 alpha-2."),
        "x-hxl": "#country+code",
    },
    "need_region": {
        "$ref": _CITY + "region",
        "description": N_("The region of the city in need, ISO 3166-2."),
    },
    "need_region_name": {
        **_PLACE_FIELDS["region_name"],
        "description": N_("The name of the region of the city in need, in English and Ukrainian."),
    },
    "need_location": {
        "$ref": _CITY + "location",
        "description": N_("Where the city in need is: where the help goes."),
    },
    "need_sectors": {
        "$ref": _DEFS + "sectors",
        "description": N_("The sectors of the need."),
    },
    "need_kinds": {
        "$ref": _DEFS + "kinds",
        "description": N_("The kinds of help the need asks for."),
    },
    "status_label": _LISTING_FIELDS["status_label"],
}
_PARTNERSHIP_FIELDS = {  # where each city is, the kind and status in words
    "places": {
        "description": N_("Each partner city with its place, in the order of cities."),
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["city", "name", *_WHERE],
            "properties": {
                "city": {"$ref": _DEFS + "city_id", "x-hxl": "#loc+code+place"},
                "name": _CITY_NAME,
                **_WHERE,
            },
        },
    },
    "kind_label": _names(
        N_("The kind of partnership in words, in English and Ukrainian."), "#activity+type+name"
    ),
    "status_label": _LISTING_FIELDS["status_label"],
}
_DERIVED = {  # (before the record's own fields, after them)
    "cities": (_record_fields("#loc+code"), {**_PLACE_FIELDS, **_CITY_FIELDS}),
    "needs": (_record_fields("#activity+code"), _LISTING_FIELDS),
    "offers": (_record_fields("#activity+code"), _LISTING_FIELDS),
    "pledges": (_record_fields("#activity+code"), _PLEDGE_FIELDS),
    "partnerships": (_record_fields("#activity+code"), _PARTNERSHIP_FIELDS),
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


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
