"""The field reference of CONTRIBUTING.md, rendered from the schemas: one table per record type.

The schemas are the single source of truth; `make docs` writes this text into CONTRIBUTING.md
and a test checks that the committed text is still what the schemas say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pycountry

from ..schemas import FOLDERS, Schemas, load_schemas

START = "<!-- field-reference:start -->"  # the lines in CONTRIBUTING.md around the reference
END = "<!-- field-reference:end -->"
LONG_ENUM = 16  # longer lists of values get their own table below the record tables
_HEADINGS = {
    "city": "City",
    "need": "Need",
    "offer": "Offer",
    "pledge": "Pledge",
    "partnership": "Partnership",
}
_PATH = re.compile(r"(content/[^\s,]*\.yaml)")  # shown as code: <country> is no HTML tag
_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a group of fields (below)",
}


@dataclass(frozen=True)
class Field:
    name: str  # dotted, as the validator names it: "contact.email", "items[].quantity"
    required: bool
    type: str
    allowed: str
    limits: str
    description: str
    # For readers of the data rather than of the form: the JSON type ("string", "object[]",
    # "{language: string}") and each allowed value with its x-label ("" when the schema has
    # none: only country codes, which ISO 3166-1 names).
    data_type: str = ""
    values: tuple[tuple[str, str], ...] = ()
    hxl: str = ""  # the HXL hashtag of its CSV column (x-hxl); "" when the schema gives none

    @property
    def is_group(self) -> bool:
        """A group of fields or a list of groups: its own fields follow it."""
        return self.data_type in ("object", "object[]")

    @property
    def is_text(self) -> bool:
        """A text in one or more languages: {language: text}."""
        return self.data_type.startswith("{language:")


def fields(kind: str, schemas: Schemas | None = None) -> list[Field]:
    """Every field of a record type ("city", "need", "offer"), nested fields after their parent."""
    schemas = schemas or load_schemas()
    return schema_fields(schemas.documents[kind], schemas)


def schema_fields(schema: dict[str, Any], schemas: Schemas | None = None) -> list[Field]:
    """Every field of an object schema whose $refs point into schemas/ (a record's, or an
    export's that adds derived fields to a record's)."""
    return list(_Walker(schemas or load_schemas()).walk(schema, ""))


def markdown_reference() -> str:
    """The field reference in Markdown: a table per record type, then the long lists of values."""
    schemas = load_schemas()
    walker = _Walker(schemas)
    out = [
        "<!-- Generated from schemas/ by `make docs`; edit the schemas, not this text. -->",
        "",
        "A field with a dot, such as `contact.email`, is written indented under its group "
        "(`contact:`). A field with `[]`, such as `items[].quantity`, belongs to each entry of "
        "a list. *Required* inside a group or a list entry means: required when the group or "
        "the entry is there.",
        "",
    ]
    for folder, kind in FOLDERS.items():
        document = schemas.documents[kind]
        description = _PATH.sub(r"`\1`", document["description"])
        out += [
            f"### {_HEADINGS[kind]}",
            "",
            f"One file in `content/{folder}/`. {description}",
            "",
            "| Field | Required | Type | Allowed values | Limits | Description |",
            "|---|---|---|---|---|---|",
        ]
        for f in walker.walk(document, ""):
            cells = [
                f"`{f.name}`",
                "**required**" if f.required else "optional",
                *map(_cell, (f.type, f.allowed, f.limits, f.description)),
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    for title, enum in walker.long_enums.items():
        labels = walker.labels(enum)
        out += [f"### {title} codes", "", "| Code | Meaning |", "|---|---|"]
        out += [f"| `{value}` | {labels.get(value, '')} |" for value in enum["enum"]]
        out.append("")
    return "\n".join(out) + "\n"  # ends with a blank line, so the table ends before END


def split_at_markers(text: str) -> tuple[str, str, str]:
    """CONTRIBUTING.md in three parts: up to and with the START line, the reference between the
    marker lines, and the END line onwards. ValueError if the marker lines are missing."""
    lines = text.splitlines(keepends=True)
    stripped = [line.strip() for line in lines]
    if START not in stripped or END not in stripped[stripped.index(START) :]:
        raise ValueError(
            f"CONTRIBUTING.md has no line {START} followed by a line {END}; "
            "put them where the field reference belongs"
        )
    start = stripped.index(START)
    end = stripped.index(END, start)
    return "".join(lines[: start + 1]), "".join(lines[start + 1 : end]), "".join(lines[end:])


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "\\<").replace("\n", " ")


class _Walker:
    def __init__(self, schemas: Schemas) -> None:
        self.schemas = schemas
        # Title -> schema of each long list of values, in order of use; every text has languages.
        self.long_enums: dict[str, dict[str, Any]] = {"Language": schemas.defs()["language"]}

    def walk(self, schema: dict[str, Any], prefix: str) -> Iterator[Field]:
        required = set(schema.get("required", ()))
        for name, raw in schema.get("properties", {}).items():
            prop = self.schemas.resolve(raw)
            yield self.field(prefix + name, name in required, prop)
            if "properties" in prop:
                yield from self.walk(prop, f"{prefix}{name}.")
            items = self.schemas.resolve(prop.get("items", {}))
            if "properties" in items:
                yield from self.walk(items, f"{prefix}{name}[].")

    def field(self, name: str, required: bool, prop: dict[str, Any]) -> Field:
        limits = _limits(prop)
        listed = prop  # the schema whose enum lists the allowed values
        if "propertyNames" in prop:  # localized text: language code -> text
            text = self.schemas.resolve(prop.get("additionalProperties", {}))
            kind = "text in one or more languages (en, uk, ...)"
            allowed = "language codes from the [Language codes](#language-codes) table"
            limits = [f"{limit} per language" for limit in _limits(text)]
            limits += [text["x-expected"]] if "x-expected" in text else []
            data_type = f"{{language: {text.get('type', 'string')}}}"
        elif prop.get("type") == "array":
            items = listed = self.schemas.resolve(prop.get("items", {}))
            kind = "a list; " + (
                "each entry has the fields below"
                if "properties" in items
                else "each entry is one of the allowed values"
                if "enum" in items
                else "each entry is " + self.type_words(items)
            )
            allowed = self.allowed(items)
            data_type = f"{items.get('type', '')}[]"
        else:
            kind, allowed = self.type_words(prop), self.allowed(prop)
            data_type = prop.get("type", "")
        return Field(
            name,
            required,
            kind,
            allowed,
            "; ".join(limits),
            prop.get("description", ""),
            data_type,
            tuple((v, listed.get("x-labels", {}).get(v, "")) for v in listed.get("enum", ())),
            prop.get("x-hxl", ""),
        )

    def type_words(self, schema: dict[str, Any]) -> str:
        if "enum" in schema:
            return "one of the allowed values"
        return schema.get("x-expected") or _TYPE_WORDS.get(schema.get("type", ""), "")

    def allowed(self, schema: dict[str, Any]) -> str:
        if "enum" not in schema:
            return ""
        if len(schema["enum"]) > LONG_ENUM:
            title = schema.get("title", "Allowed")
            self.long_enums.setdefault(title, schema)
            return f"codes from the [{title} codes](#{title.lower()}-codes) table"
        labels = self.labels(schema)
        return ", ".join(
            f"`{value}` ({labels[value]})" if value in labels else f"`{value}`"
            for value in schema["enum"]
        )

    def labels(self, schema: dict[str, Any]) -> dict[str, str]:
        if "x-labels" in schema:
            return schema["x-labels"]
        if schema["enum"] == self.schemas.defs()["country"]["enum"]:
            # The schema gives countries no x-labels; ISO 3166-1 names them.
            found = {code: pycountry.countries.get(alpha_2=code) for code in schema["enum"]}
            return {
                code: getattr(country, "common_name", None) or country.name
                for code, country in found.items()
                if country
            }
        return {}


def _limits(schema: dict[str, Any]) -> list[str]:
    limits = []
    if "maxLength" in schema:
        limits.append(f"at most {schema['maxLength']:,} characters")
    low, high = schema.get("minimum"), schema.get("maximum")
    if "exclusiveMinimum" in schema:
        limits.append(f"more than {schema['exclusiveMinimum']:,}")
    if low is not None and high is not None:
        limits.append(f"from {low:,} to {high:,}")
    elif low is not None:
        limits.append(f"at least {low:,}")
    elif high is not None:
        limits.append(f"at most {high:,}")
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low is not None and high is not None:
        limits.append(f"{low} to {high} entries")
    elif low is not None:
        limits.append(f"at least {low} entr{'y' if low == 1 else 'ies'}")
    elif high is not None:
        limits.append(f"at most {high} entries")
    if schema.get("uniqueItems"):
        limits.append("no repeats")
    return limits
