"""The questions of the submission forms, derived from the JSON Schemas: the /submit/ page, the
GitHub issue forms and the terminal helper all ask these, and contribute/answers.py reads the
answers with the schema's own limits, so none of them can drift."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from ..messages import N_, Gettext
from ..schemas import FOLDERS, Schemas, load_schemas
from ..vocabulary import LANGUAGES

# A form asks each text in every language of the site (vocabulary.LANGUAGES), and names the
# language so; other languages can be added to the YAML file by hand.
IN_LANGUAGE = {"en": N_("in English"), "uk": N_("in Ukrainian")}
KINDS = tuple(FOLDERS.values())  # "city", "need", "offer", "pledge", "partnership"
FOLDER_OF = {kind: folder for folder, kind in FOLDERS.items()}
KIND_NAMES = {
    "city": N_("City"),
    "need": N_("Need"),
    "offer": N_("Offer"),
    "pledge": N_("Pledge"),
    "partnership": N_("Partnership"),
}


@dataclass(frozen=True)
class FormField:
    """One question of a form: one input of the page, one element of the issue form."""

    key: str  # "title.en", "contact.email", "items", relative to its row for columns
    id: str  # "title-en", "contact-email": the issue form's id and the HTML name
    title: str  # the schema's title, e.g. "Title"
    group: str  # the title of the enclosing group of fields ("Contact"), or ""
    language: str  # for a text in one language: its code
    description: str  # the schema's, for people writing the file (the commented templates)
    hint: str  # what a form says under the question, to city staff: x-hint, else description
    required: bool  # no record without an answer
    widget: str  # line text number integer date email url tel city choice choices list rows
    schema: dict[str, Any]  # the resolved schema of one value (of one entry, for lists)
    text_required: bool = False  # a language of a required text: one language at least
    asked_first: bool = False  # x-form: first, asked before "More details" though optional
    list_schema: dict[str, Any] = field(default_factory=dict)  # limits of the list itself
    columns: tuple[FormField, ...] = ()  # for rows: one row's fields

    @property
    def first(self) -> bool:
        """Asked before "More details": what every record must have and has no default for,
        and what most records have (x-form: first, e.g. the list of items)."""
        return (
            self.asked_first
            or self.text_required
            or (self.required and "default" not in self.schema)
        )

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))

    @property
    def text_key(self) -> str:
        """For a language of a text ("title.en"): the text's key ("title")."""
        return self.key.rpartition(".")[0] if self.language else self.key

    @property
    def choices(self) -> list[str]:
        return list(self.schema.get("enum", ()))

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.schema.get("x-labels", {}))

    def label(self, gettext: Gettext) -> str:
        """ "Contact: Organisation (in English)" in the language of gettext."""
        text = gettext(self.title)
        if self.group:
            text = f"{gettext(self.group)}: {text}"
        if self.language:
            text = f"{text} ({gettext(IN_LANGUAGE[self.language])})"
        return text


# -- the fields of a record type --------------------------------------------------------------


@cache
def form_fields(kind: str) -> tuple[FormField, ...]:
    """The questions for a new record of a type, in the schema's order."""
    schemas = load_schemas()
    return tuple(_Walker(schemas).walk(schemas.documents[kind], "", "", True))


def today_fields(kind: str) -> list[str]:
    """Top-level fields set to the day of submission (x-form: today), e.g. posted."""
    schemas = load_schemas()
    properties = schemas.documents[kind]["properties"]
    return [
        name for name, raw in properties.items() if schemas.resolve(raw).get("x-form") == "today"
    ]


class _Walker:
    def __init__(self, schemas: Schemas) -> None:
        self.schemas = schemas
        defs = schemas.defs()
        self.widgets = {defs[name]["pattern"]: widget for name, widget in _PATTERN_WIDGETS.items()}

    def walk(
        self, schema: dict[str, Any], prefix: str, group: str, needed: bool
    ) -> Iterator[FormField]:
        required = set(schema.get("required", ()))
        for name, raw in schema.get("properties", {}).items():
            prop = self.schemas.resolve(raw)
            if prop.get("x-form") in ("omit", "today"):
                continue
            fields = self.fields(prefix + name, prop, group, needed and name in required)
            if raw.get("$ref", "").endswith("/city_id"):  # one of the registered cities
                fields = (replace(f, widget="city") for f in fields)
            if prop.get("x-form") == "first":
                fields = (replace(f, asked_first=True) for f in fields)
            yield from fields

    def fields(
        self, key: str, prop: dict[str, Any], group: str, required: bool
    ) -> Iterator[FormField]:
        title, description = prop.get("title", key), prop.get("description", "")
        hint = prop.get("x-hint", description)
        common = {"title": title, "group": group, "description": description, "hint": hint}
        if "propertyNames" in prop:  # a text in one or more languages
            text = self.schemas.resolve(prop.get("additionalProperties", {}))
            widget = "line" if "pattern" in text else "text"
            for language in LANGUAGES:
                yield FormField(
                    f"{key}.{language}",
                    _id(f"{key}.{language}"),
                    language=language,
                    required=False,
                    widget=widget,
                    schema=text,
                    text_required=required,
                    **common,
                )
        elif "properties" in prop:  # a group of fields: contact, location
            yield from self.walk(prop, key + ".", title, required)
        elif prop.get("type") == "array":
            yield self.list_field(key, prop, required, common)
        else:
            yield FormField(
                key,
                _id(key),
                language="",
                required=required,
                widget=self.widget(prop),
                schema=prop,
                **common,
            )

    def list_field(self, key: str, prop: dict[str, Any], required: bool, common: dict) -> FormField:
        items = self.schemas.resolve(prop.get("items", {}))
        columns: tuple[FormField, ...] = ()
        if "properties" in items:
            widget, columns = "rows", tuple(self.walk(items, "", "", True))
        else:
            widget = "choices" if "enum" in items else "list"
        limits = {k: v for k, v in prop.items() if k in ("minItems", "maxItems", "uniqueItems")}
        return FormField(
            key,
            _id(key),
            language="",
            required=required,
            widget=widget,
            schema=items,
            list_schema=limits,
            columns=columns,
            **common,
        )

    def widget(self, prop: dict[str, Any]) -> str:
        if "enum" in prop:
            return "choice"
        if prop.get("type") in ("number", "integer"):
            return str(prop["type"])
        return self.widgets.get(prop.get("pattern", ""), "line")


_PATTERN_WIDGETS = {"date": "date", "email": "email", "url": "url", "phone": "tel"}


def _id(key: str) -> str:
    return key.replace(".", "-").replace("_", "-")


# -- a list of rows in one answer -------------------------------------------------------------


ROW_SEPARATOR = "|"


def row_header(f: FormField, gettext: Gettext) -> str:
    """The first line of a rows answer: the column labels, e.g. "Item (in English) | ..."."""
    return f" {ROW_SEPARATOR} ".join(column.label(gettext) for column in f.columns)
