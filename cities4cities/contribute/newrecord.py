"""A new record: its YAML text, its id, a check with the validator, and the commented template
of each kind (the terminal helper that asks for a record is terminal.py).

The YAML is written the way the /submit/ page writes it (theme/static/js/submit.js follows the
same rules): fields in the schema's order, two-space indents, lists one entry per line, texts
in double quotes unless they are a plain word, several lines as a |- block.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..messages import N_, Gettext
from ..problems import Problem
from ..schemas import FOLDERS, load_schemas
from ..validation import validate_content
from ..vocabulary import LANGUAGES, is_id
from .formfields import FOLDER_OF, FormField, form_fields, today_fields
from .ids import new_id

# A text written without quotes: a lowercase word that YAML 1.1 reads as nothing else. Narrower
# than an id, which may start with a digit (2026 unquoted is a number). submit.js: UNQUOTED.
_UNQUOTED = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_NOT_IN_BLOCK = re.compile("[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
# What JSON leaves raw but YAML forbids (C1 controls) or reads as a line break; submit.js too.
_ESCAPE_AFTER_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


# -- YAML -------------------------------------------------------------------------------------


def to_yaml(kind: str, record: dict[str, Any]) -> str:
    """The record as the text of its file in content/<folder>/."""
    lines = [f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"]
    lines += _mapping(record, 0)
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            yield f"{pad}{key}:"
            yield from _mapping(value, indent + 2)
        elif isinstance(value, list):
            yield f"{pad}{key}:"
            yield from _sequence(value, indent + 2)
        else:
            yield from _scalar_line(f"{pad}{key}: ", value, indent + 2)


def _sequence(values: list[Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for value in values:
        if isinstance(value, dict):
            inner = list(_mapping(value, indent + 2))
            yield f"{pad}- {inner[0].lstrip()}"
            yield from inner[1:]
        else:
            yield from _scalar_line(f"{pad}- ", value, indent + 2)


def _scalar_line(start: str, value: Any, indent: int) -> Iterator[str]:
    if isinstance(value, str) and "\n" in value and not _NOT_IN_BLOCK.search(value):
        yield start + "|-"
        yield from (" " * indent + line if line else "" for line in value.split("\n"))
    else:
        yield start + scalar(value)


def scalar(value: Any) -> str:
    """One value on one line: a plain word, a number, true/false, or a double-quoted text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _UNQUOTED.fullmatch(text) and text not in _YAML11_WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE_AFTER_JSON.sub(lambda char: f"\\u{ord(char[0]):04x}", quoted)


# -- id, path and the check -------------------------------------------------------------------


def taken_ids(content: Path) -> set[str]:
    """The ids of every record file in a content folder."""
    return {path.stem for folder in FOLDERS for path in (content / folder).glob("*.yaml")}


def record_id(kind: str, record: dict[str, Any], taken: set[str]) -> str:
    """A new id: the city's id and the title (needs, offers), the pledging city's id and the
    need's (pledges), the first partner city's and the second's (partnerships), or country and
    name (cities)."""
    if kind == "city":
        prefix, text = str(record.get("country", "")).lower(), record.get("name", {})
    elif kind == "pledge":
        prefix, text = str(record.get("city", "")), {"": str(record.get("need", ""))}
    elif kind == "partnership":
        cities = [str(city) for city in record.get("cities", ())] + ["", ""]
        prefix, text = cities[0], {"": cities[1]}
    else:
        prefix, text = str(record.get("city", "")), record.get("title", {})
    return new_id(prefix, first_text(text), taken)


def first_text(texts: Mapping[str, str]) -> str:
    """The text in the first language of the site it is written in, else in any ("" if none)."""
    written = (texts[language] for language in LANGUAGES if texts.get(language))
    return next(written, "") or next(iter(texts.values()), "")


def record_path(kind: str, record_id: str) -> str:
    """content/<folder>/<id>.yaml, for an id only (never a text from an answer)."""
    if not is_id(record_id):
        raise ValueError(f"{record_id!r} is not an id")
    return f"content/{FOLDER_OF[kind]}/{record_id}.yaml"


def check_new_file(
    content: Path, kind: str, record_id: str, text: str, today: date
) -> list[Problem]:
    """The validator's problems with a new file, checked in memory with all the records of
    content/ (nothing is written); they name the path the file would have."""
    relative = f"{FOLDER_OF[kind]}/{record_id}.yaml"
    result = validate_content(content, today, extra={relative: text.encode("utf-8")})
    target = content / relative
    return [problem for problem in result.problems if Path(problem.path) == target]


class UnsafePathError(ValueError):
    """A new file would not land, as a new plain file, in its content folder."""


def write_new_file(content: Path, kind: str, record_id: str, text: str) -> Path:
    """Write a new record's file into content/<folder>/; never over an existing file, never
    through a link, never anywhere else (the id is checked, and the resolved path too)."""
    if not is_id(record_id):
        raise UnsafePathError(f"{record_id!r} is not an id; nothing was written")
    folder = content / FOLDER_OF[kind]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{record_id}.yaml"
    if folder.is_symlink() or target.resolve().parent != folder.resolve():
        raise UnsafePathError(f"{target} is not inside {folder}; nothing was written")
    # O_EXCL: fails on anything already there, a link included (which it does not follow).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(target, flags, 0o644), "w", encoding="utf-8") as file:
        file.write(text)
    return target


# -- commented templates ----------------------------------------------------------------------

TEMPLATE_NAMES = {
    "city": N_("<country>-<city-name>"),
    "need": N_("<city-id>-<a-few-words>"),
    "offer": N_("<city-id>-<a-few-words>"),
    "pledge": N_("<your-city-id>-<need-id>"),
    "partnership": N_("<first-city-id>-<other-city-id>"),
}


def commented_template(kind: str, gettext: Gettext) -> str:
    """An empty record to fill in by hand: each field with a comment that says what it is,
    whether it is required and what is allowed, in the language of gettext."""
    _ = gettext
    document = load_schemas().documents[kind]
    lines = [f"# content/{FOLDER_OF[kind]}/{_(TEMPLATE_NAMES[kind])}.yaml"]
    lines += _comment(_(document["description"]), "")
    fields = form_fields(kind)
    today = today_fields(kind)
    for name in document["properties"]:
        if name in today:
            lines += ["", *_comment(_(TODAY_HELP), "")]
            lines.append(f'{name}: "YYYY-MM-DD"')
            continue
        group = [f for f in fields if f.path[0] == name]
        if group:
            lines.append("")
            lines += _template_lines(group, 0, _)
    return "\n".join(lines) + "\n"


TODAY_HELP = N_("Posted (required): the day you publish this, written YYYY-MM-DD, in quotes.")


def _template_lines(fields: list[FormField], depth: int, _: Gettext) -> list[str]:
    """The fields sharing the first part of their key at depth, as YAML lines with comments."""
    lines: list[str] = []
    pad = "  " * depth
    done: set[str] = set()
    for f in fields:
        head = f.path[depth]
        if head in done:
            continue
        done.add(head)
        same = [g for g in fields if g.path[depth] == head]
        if len(same[0].path) > depth + 1 and not (
            same[0].language and len(same[0].path) == depth + 2
        ):
            lines.append(f"{pad}{head}:")
            lines += _template_lines(same, depth + 1, _)
            continue
        lines += _comment(_field_comment(same[0], _), pad)
        if same[0].language:
            lines.append(f"{pad}{head}:")
            lines += [f"{pad}  {g.language}:" for g in same]
        elif f.widget == "rows":
            lines.append(f"{pad}{head}:")
            first = True
            for column in f.columns:
                start = "- " if first else "  "
                first = False
                if column.language:
                    if column.language == LANGUAGES[0]:
                        lines.append(f"{pad}  {start}{column.path[0]}:")
                    lines.append(f"{pad}      {column.language}:")
                else:
                    lines.append(f"{pad}  {start}{column.key}:")
        elif f.widget in ("choices", "list"):
            lines += [f"{pad}{head}:", f"{pad}  -"]
        else:
            default = f.schema.get("default")
            lines.append(f"{pad}{head}: {scalar(default) if default else ''}".rstrip())
    return lines


def _field_comment(f: FormField, _: Gettext) -> str:
    required = f.required or f.text_required
    title = _(f.title)
    state = _("required") if required else _("optional")
    text = f"{title} ({state}): {_(f.description)}" if f.description else f"{title} ({state})"
    if f.choices and len(f.choices) <= 16:
        text += " " + _("Allowed: %(allowed)s.") % {"allowed": ", ".join(map(str, f.choices))}
    return text


def _comment(text: str, pad: str) -> list[str]:
    return [
        f"{pad}# {line}"
        for line in textwrap.wrap(text, width=96 - len(pad), break_on_hyphens=False)
    ]
