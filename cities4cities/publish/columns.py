"""The columns of a CSV export, derived from the schema of an exported record, and its records
flattened into rows of cells.

Each leaf field (not a group, nor a list of groups, but each of their fields) is a column, headed
by its path as the data dictionary names it ("contact.email", "items[].unit") and tagged with its
HXL hashtag, the field's x-hxl annotation. A text in several languages is one column per language
("title.uk", hashtag +i_uk); a list's values share one cell, joined with LIST_SEPARATOR.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .fieldref import Field, schema_fields

LIST_SEPARATOR = "; "  # joins the values of a list in one CSV cell


@dataclass(frozen=True)
class Column:
    path: str  # "contact.email", "items[].quantity", "title.en"
    hashtag: str  # "#contact+email", "#item+num", "#activity+name+i_en"


def columns(entry: dict[str, Any], languages: Sequence[str], order: Sequence[str]) -> list[Column]:
    """The columns of the records an object schema describes, those of the top-level fields
    named in `order` first, in that order; then any other field, in the schema's order, so that
    a field added to a schema is never left out. ValueError names every leaf field without an
    x-hxl, and any name in `order` that is no field."""
    leaves = [field for field in schema_fields(entry) if not field.is_group]
    unnamed = [field.name for field in leaves if not field.hxl]
    if unnamed:
        raise ValueError(
            f"no HXL hashtag for the field(s) {', '.join(unnamed)}: give each an x-hxl "
            "annotation in its schema (or in the derived fields of publish/exports.py)"
        )
    stale = set(order) - {_top(field) for field in leaves}
    if stale:
        raise ValueError(f"the column order names {sorted(stale)}, which are not fields")
    rank = {name: index for index, name in enumerate(order)}
    leaves.sort(key=lambda field: rank.get(_top(field), len(rank)))  # stable: schema order within
    return [column for field in leaves for column in _expand(field, languages)]


def rows(entries: Iterable[dict[str, Any]], columns: Sequence[Column]) -> Iterator[list[str]]:
    """Each entry as a row of cells, one per column ("" where a field is missing)."""
    paths = [column.path.split(".") for column in columns]
    for entry in entries:
        yield [_cell(_lookup(entry, parts)) for parts in paths]


def _top(field: Field) -> str:
    """The top-level field a field belongs to: "items" for "items[].name"."""
    return field.name.split(".")[0].removesuffix("[]")


def _expand(field: Field, languages: Sequence[str]) -> Iterator[Column]:
    if not field.is_text:
        yield Column(field.name, field.hxl)
        return
    for language in languages:
        yield Column(f"{field.name}.{language}", f"{field.hxl}+i_{language}")


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
