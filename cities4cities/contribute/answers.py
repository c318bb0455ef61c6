"""Reading the answers to the questions of contribute/formfields.py. A form answer is text:
`read_answer` turns it into the record's value, or into complaints that say what is wrong in the
contributor's words, with the schema's own limits (required, allowed values, patterns, lengths,
numbers); `read_record` puts the values together as a record."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from ..messages import N_, Gettext, gettext_for
from ..reading import is_invisible, refused_characters
from ..schemas import load_schemas
from ..vocabulary import LANGUAGES
from .formfields import (
    ROW_SEPARATOR,
    FormField,
    form_fields,
    row_header,
    today_fields,
)

_SPLIT = re.compile(r"[,;\n]+")
_SPACES = re.compile(r"[\s'_\u00a0\u202f]")


class Text(str):
    """A message parameter that is itself a message: translated before it is filled in."""


@dataclass(frozen=True)
class Complaint:
    """What is wrong with one answer: a message with %(name)s parameters, and where."""

    key: str  # the field, dotted as the validator names it: "contact.email", "items"
    message: str
    params: dict[str, str] = field(default_factory=dict)
    row: int = 0  # for a list of rows: the 1-based line of the answer
    column: str = ""  # ... and the key of the column in it

    def text(self, gettext: Gettext) -> str:
        params = {k: gettext(v) if isinstance(v, Text) else v for k, v in self.params.items()}
        return gettext(self.message) % params


# -- reading answers --------------------------------------------------------------------------


def clean_text(raw: str) -> str:
    """Line breaks as \\n, no spaces at line ends, none around the whole text."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def read_answer(f: FormField, raw: str) -> tuple[Any, list[Complaint]]:
    """The value of one answer (None when empty), and what is wrong with it."""
    text = clean_text(raw) or str(f.schema.get("default", ""))
    if not text:
        if f.required:
            return None, [Complaint(f.key, N_("this question is required; please answer it"))]
        return None, []
    if f.widget == "rows":
        return _read_rows(f, text)
    if f.widget in ("choices", "list"):
        return _read_list(f, text)
    return _read_scalar(f, f.schema, text, f.key)


def _read_scalar(f: FormField, schema: dict[str, Any], text: str, key: str) -> tuple[Any, list]:
    if "enum" in schema:
        value = match_choice(schema, text)
        if value is None:
            return None, [_not_allowed(key, schema, text)]
        return value, []
    if schema.get("type") in ("number", "integer"):
        return _read_number(schema, text, key)
    if f.widget in ("line", "date", "email", "url", "tel", "city") and "\n" in text:
        return None, [Complaint(key, N_("write this on one line"))]
    return text, check_text(schema, text, key, date_field=f.widget == "date")


def check_text(schema: dict[str, Any], text: str, key: str, date_field: bool = False) -> list:
    """The schema's limits on a text: length and pattern, and a real date for dates; and no
    character that cannot be published (control, bidirectional, zero-width)."""
    if refused := refused_characters(text):
        message = (
            N_(
                "this answer holds an invisible character (%(code)s); delete it: it often comes "
                "with copy and paste"
            )
            if is_invisible(refused[0])
            else N_("this answer holds a control character (%(code)s); delete it")
        )
        return [Complaint(key, message, {"code": f"U+{ord(refused[0]):04X}"})]
    if "maxLength" in schema and len(text) > schema["maxLength"]:
        return [
            Complaint(
                key,
                N_(
                    "this is %(length)s characters long, more than the %(limit)s allowed; "
                    "please shorten it"
                ),
                {"length": f"{len(text):,}", "limit": f"{schema['maxLength']:,}"},
            )
        ]
    pattern = schema.get("pattern")
    if pattern and not re.search(pattern, text):
        expected = Text(schema.get("x-expected", N_("in the expected form")))
        return [
            Complaint(
                key,
                N_('"%(value)s" is not %(expected)s'),
                {"value": _short(text), "expected": expected},
            )
        ]
    if date_field:
        try:
            date.fromisoformat(text)
        except ValueError:
            return [
                Complaint(
                    key,
                    N_('"%(value)s" is not a real date; check the month and day'),
                    {"value": text},
                )
            ]
    return []


def _read_number(schema: dict[str, Any], text: str, key: str) -> tuple[Any, list]:
    compact = _SPACES.sub("", text)
    number: int | float
    try:
        if schema["type"] == "integer":
            number = int(compact)
        else:
            number = float(compact.replace(",", "."))
            number = int(number) if number.is_integer() and abs(number) < 2**53 else number
    except ValueError:
        message = (
            N_("write a whole number, digits only")
            if schema["type"] == "integer"
            else N_("write a number, such as 12 or 2.5")
        )
        return None, [Complaint(key, message)]
    if number != number or number in (float("inf"), float("-inf")):
        return None, [Complaint(key, N_("write a number, such as 12 or 2.5"))]
    return number, check_number(schema, number, key)


def check_number(schema: dict[str, Any], number: float, key: str) -> list[Complaint]:
    shown = {"value": f"{number:g}"}
    if "exclusiveMinimum" in schema and number <= schema["exclusiveMinimum"]:
        return [
            Complaint(
                key,
                N_("%(value)s is too small; it must be more than %(limit)s"),
                {**shown, "limit": f"{schema['exclusiveMinimum']:g}"},
            )
        ]
    if "minimum" in schema and number < schema["minimum"]:
        return [
            Complaint(
                key,
                N_("%(value)s is too small; the least allowed is %(limit)s"),
                {**shown, "limit": f"{schema['minimum']:g}"},
            )
        ]
    if "maximum" in schema and number > schema["maximum"]:
        return [
            Complaint(
                key,
                N_("%(value)s is too large; the most allowed is %(limit)s"),
                {**shown, "limit": f"{schema['maximum']:g}"},
            )
        ]
    return []


def _read_list(f: FormField, text: str) -> tuple[Any, list[Complaint]]:
    values, complaints = [], []
    for part in (p.strip() for p in _SPLIT.split(text)):
        if not part:
            continue
        value, found = _read_scalar(f, f.schema, part, f.key)
        complaints += found
        if value is not None:
            if value in values and f.list_schema.get("uniqueItems"):
                continue  # a repeat in a form answer is harmless: keep one
            values.append(value)
    return values, complaints or _list_limits(f, values)


def _list_limits(f: FormField, values: list[Any]) -> list[Complaint]:
    low, high = f.list_schema.get("minItems"), f.list_schema.get("maxItems")
    if low and len(values) < low:
        return [Complaint(f.key, N_("choose at least %(limit)s"), {"limit": str(low)})]
    if high is not None and len(values) > high:
        return [
            Complaint(
                f.key, N_("choose at most %(limit)s; keep the most important"), {"limit": str(high)}
            )
        ]
    return []


_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")


def _read_rows(f: FormField, text: str) -> tuple[Any, list[Complaint]]:
    headers = {fold(row_header(f, gettext_for(language))) for language in LANGUAGES}
    rows, complaints = [], []
    lines = [line for line in text.split("\n") if line.strip()]
    for number, line in enumerate(lines, start=1):
        line = _BULLET.sub("", line).strip()
        if fold(line) in headers or _TABLE_RULE.fullmatch(line):
            continue
        if len(line) > 1 and line.startswith(ROW_SEPARATOR) and line.endswith(ROW_SEPARATOR):
            line = line[1:-1]  # a row of a Markdown table
        cells = [cell.strip() for cell in line.split(ROW_SEPARATOR)]
        if not any(cells):
            continue  # an empty line is no line
        row, found = _read_row(f, cells, number)
        complaints += found
        if row:
            rows.append(row)
    high = f.list_schema.get("maxItems")
    if high is not None and len(rows) > high:
        complaints.append(
            Complaint(f.key, N_("write at most %(limit)s lines"), {"limit": str(high)})
        )
    return rows, complaints


def _read_row(f: FormField, cells: list[str], number: int) -> tuple[dict[str, Any], list]:
    if len(cells) > len(f.columns):
        return {}, [
            Complaint(
                f.key,
                N_(
                    "line %(line)s has %(count)s parts separated by |, "
                    "more than the %(limit)s expected"
                ),
                {"line": str(number), "count": str(len(cells)), "limit": str(len(f.columns))},
                row=number,
            )
        ]
    answers = {column.key: cell for column, cell in zip(f.columns, cells, strict=False)}
    values, complaints = {}, []
    for column in f.columns:
        value, found = read_answer(column, answers.get(column.key, ""))
        complaints += [
            Complaint(f.key, c.message, c.params, row=number, column=column.key) for c in found
        ]
        if value is not None:
            values[column.key] = value
    return assemble_values(f.columns, values, complaints, f.key, number), complaints


def match_choice(schema: dict[str, Any], text: str) -> str | None:
    """The allowed value meant by an answer: the value itself, or its label in a form language,
    or "label (value)", in any case."""
    return choice_aliases(_freeze(schema)).get(fold(text))


def _freeze(schema: dict[str, Any]) -> tuple:
    return tuple(schema["enum"]), tuple(schema.get("x-labels", {}).items())


@cache
def choice_aliases(frozen: tuple) -> dict[str, str]:
    values, labels = frozen
    aliases: dict[str, str] = {}
    for language in LANGUAGES:
        gettext = gettext_for(language)
        for value, label in labels:
            text = gettext(label)
            aliases[fold(text.partition(":")[0])] = value  # "High" for "High: within weeks"
            aliases[fold(text)] = value
            aliases[fold(f"{text} ({value})")] = value
    for value in values:
        aliases[fold(str(value))] = value
    return aliases


def fold(text: str) -> str:
    """A heading or an answer as it is compared: case and runs of spaces folded."""
    return " ".join(text.casefold().split())


def _not_allowed(key: str, schema: dict[str, Any], text: str) -> Complaint:
    values = [str(v) for v in schema["enum"]]
    folded = text.casefold()
    close = [v for v in values if v.startswith(folded)][:1]
    close = close or difflib.get_close_matches(folded, values, n=1, cutoff=0.6)
    if close:
        return Complaint(
            key,
            N_('"%(value)s" is not an allowed value; did you mean "%(suggestion)s"?'),
            {"value": _short(text), "suggestion": close[0]},
        )
    return Complaint(
        key,
        N_('"%(value)s" is not an allowed value; allowed: %(allowed)s'),
        {"value": _short(text), "allowed": ", ".join(values)},
    )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- putting a record together ----------------------------------------------------------------


def assemble_values(
    fields: tuple[FormField, ...],
    values: dict[str, Any],
    complaints: list[Complaint],
    where: str = "",
    row: int = 0,
) -> dict[str, Any]:
    """The record (or row) from the values by key, nested as the schema says, in its order; a
    required text with no language is a complaint (added to complaints)."""
    record: dict[str, Any] = {}
    required_texts = {f.text_key for f in fields if f.language and f.text_required}
    for f in fields:
        if f.key not in values:
            continue
        required_texts.discard(f.text_key)
        target = record
        for part in f.path[:-1]:
            target = target.setdefault(part, {})
        target[f.path[-1]] = values[f.key]
    order = [f.text_key for f in fields]
    for key in sorted(required_texts, key=order.index):
        message = N_("write this in at least one language: %(languages)s")
        params = {"languages": Text(N_("in English or in Ukrainian"))}
        if row:
            complaints.append(Complaint(where, message, params, row=row, column=key))
        else:
            complaints.append(Complaint(key, message, params))
    return record


def read_record(
    kind: str, answers: dict[str, str], today: date
) -> tuple[dict[str, Any], list[Complaint]]:
    """A record of a type from the answers by field key; the fields set to the day of submission
    (posted) are today."""
    values, complaints = {}, []
    for f in form_fields(kind):
        value, found = read_answer(f, answers.get(f.key, ""))
        complaints += found
        if value not in (None, [], {}):
            values[f.key] = value
    record = assemble_values(form_fields(kind), values, complaints)
    order = [f.text_key for f in form_fields(kind)]
    complaints.sort(key=lambda c: (order.index(c.key) if c.key in order else len(order), c.row))
    return with_today(kind, record, today), complaints


def with_today(kind: str, record: dict[str, Any], today: date) -> dict[str, Any]:
    """The record with the x-form: today fields set, in the schema's order of fields."""
    order = list(load_schemas().documents[kind]["properties"])
    filled = {**record, **dict.fromkeys(today_fields(kind), today.isoformat())}
    return {name: filled[name] for name in order if name in filled}
