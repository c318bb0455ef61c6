"""/data/: the open data files (JSON, CSV with HXL hashtags, GeoJSON and the JSON Schemas),
written once at the site root, and a page in each language that lists them with their sizes,
the licence and a data dictionary drawn from the schemas."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from babel.numbers import format_decimal

from ... import names
from ...messages import N_
from ...publish.exports import (
    DATA_FILES,
    SCHEMA_FOLDER,
    DataFile,
    Export,
    Licence,
    Naming,
    entry_schema,
)
from ...publish.fieldref import LONG_ENUM, Field, schema_fields
from ...records import Dataset
from ...schemas import FOLDERS, load_schemas
from ...vocabulary import LANGUAGES
from ..context import Context, OutputFile, Page

NAMING = Naming(LANGUAGES, names.country_name, names.region_name, names.enum_label)
FORMATS = {"json": "JSON", "csv": N_("CSV with HXL hashtags"), "geojson": "GeoJSON"}
CONTENTS = {
    "needs": N_("Needs"),
    "offers": N_("Offers"),
    "pledges": N_("Pledges"),
    "cities": N_("Cities"),
    "partnerships": N_("Partnerships"),
}
HEADINGS = {
    "cities": N_("City"),
    "needs": N_("Need"),
    "offers": N_("Offer"),
    "pledges": N_("Pledge"),
    "partnerships": N_("Partnership"),
}

# The sizes of the last export's files, with the dataset and settings it was made from. The
# files are the same for every language: made and written with the first language (at the site
# root), and listed on every language's page.
_made: list[tuple[Dataset, tuple[str, Licence], dict[str, int]]] = []


def open_data(ctx: Context) -> Iterator[Page | OutputFile]:
    licence = Licence(**ctx.settings["DATA_LICENCE"])  # {name, url}: CC BY 4.0 in pelicanconf.py
    made = (ctx.absolute("", LANGUAGES[0]), licence)
    first = ctx.language == LANGUAGES[0]
    if first or not _made or _made[0][0] is not ctx.dataset or _made[0][1] != made:
        sizes = {}
        for name, content in Export(ctx.dataset, made[0], NAMING, licence).files():
            sizes[name] = len(content)
            if first:
                yield OutputFile(f"data/{name}", content, shared=True)
        _made[:] = [(ctx.dataset, made, sizes)]
    sizes = _made[0][2]
    yield ctx.page(
        "data/",
        "data.html",
        ctx.gettext("Open data"),
        licence=licence,
        downloads=[_download(ctx, file, sizes[file.name]) for file in DATA_FILES],
        schemas=[
            {"name": name.removeprefix(f"{SCHEMA_FOLDER}/"), "url": _url(ctx, name)}
            for name in sizes
            if name.startswith(f"{SCHEMA_FOLDER}/")
        ],
        dictionary=[_dictionary(ctx, folder) for folder in FOLDERS],
    )


def _url(ctx: Context, name: str) -> str:
    return f"{ctx.siteurl}/data/{name}"  # shared: the same file for every language


def _download(ctx: Context, file: DataFile, size: int) -> dict[str, Any]:
    schema = f"{SCHEMA_FOLDER}/{file.schema}" if file.schema else None
    return {
        "name": file.name,
        "url": _url(ctx, file.name),
        "contents": ctx.gettext(CONTENTS[file.folder]),
        "format": ctx.gettext(FORMATS[file.format]),
        "records": format_decimal(len(getattr(ctx.dataset, file.folder)), locale=ctx.language),
        "size": _size(size, ctx),
        "schema": {"name": file.schema, "url": _url(ctx, schema)} if schema else None,
    }


def _size(size: int, ctx: Context) -> str:
    """A file size in kB (or MB from 1,000 kB), with the reader's decimal separator."""
    unit, scale = (N_("%(size)s MB"), 1e6) if size >= 1e6 else (N_("%(size)s kB"), 1e3)
    number = format_decimal(size / scale, format="#,##0.#", locale=ctx.language)
    return ctx.gettext(unit) % {"size": number}


def _dictionary(ctx: Context, folder: str) -> dict[str, Any]:
    """The fields of an exported record: its own (from its schema) and the derived ones."""
    own = load_schemas().documents[FOLDERS[folder]]["properties"]
    return {
        "id": f"fields-{folder}",
        "title": ctx.gettext(HEADINGS[folder]),
        "file": folder,
        "rows": [_row(ctx, field, own) for field in schema_fields(entry_schema(folder))],
    }


def _row(ctx: Context, field: Field, own: Mapping[str, Any]) -> dict[str, Any]:
    values = [
        {
            "value": value,
            # Every list of values has x-labels (in the catalog) but the countries: CLDR names them.
            "label": ctx.gettext(label) if label else names.country_name(value, ctx.language),
        }
        for value, label in field.values
    ]
    return {
        "name": field.name,
        # Long paths may wrap after a dot (the template puts a <wbr> there), never inside a name.
        "name_parts": field.name.replace(".", ".\n").split("\n"),
        "type": field.data_type,
        "required": field.required,
        "derived": field.name.split(".")[0].removesuffix("[]") not in own,
        "allowed": values,
        "long": len(values) > LONG_ENUM,
        "description": ctx.gettext(field.description) if field.description else "",
    }
