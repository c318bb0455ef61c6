"""Strict YAML: file bytes -> plain data that remembers the line and column of every key and value.

libyaml (PyYAML's C parser) turns the text into events; this module builds the data from them
itself, so that it can refuse what a hand-written record should never contain (duplicate keys,
anchors, tags, several documents) and resolve plain scalars without YAML 1.1's date magic:
dates stay strings. Values that YAML reads as true/false, null or numbers are remembered, so a
schema error on them can tell the contributor to quote the value.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from .problems import FieldPath, Problem, dotted
from .reading import (
    describe,
    line_column,
    read_file,
    refused_in_data,
    refused_in_value,
    text_problems,
)

# How deep lists and mappings may nest. A record needs 4 levels (items -> item -> name -> en);
# the bound keeps every reader of the data (here, the schema check, the site) far from Python's
# recursion limit, whatever the file holds.
MAX_DEPTH = 16

_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_NUMBER_START = frozenset("+-.0123456789")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_INT_BASES = (
    (re.compile(r"[-+]?0x[0-9a-fA-F_]+"), 16),
    (re.compile(r"[-+]?0o?[0-7_]+"), 8),
    (re.compile(r"[-+]?0b[01_]+"), 2),
)
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?")

# libyaml's wording, said again for someone who edits YAML by hand once a year.
_SYNTAX_HINTS = {
    "mapping values are not allowed in this context": (
        "a ':' here starts a field where none can start; if the value itself contains ': ', "
        "put the whole value in quotes"
    ),
    "could not find expected ':'": (
        "a line is missing the ':' between field name and value, or its indentation is off"
    ),
    "did not find expected key": (
        "this line does not line up with the fields above, or a quote above is not closed"
    ),
    "did not find expected '-' indicator": "this list item is not indented like the ones above",
    "found character that cannot start any token": (
        "this character cannot start a value; put the value in quotes"
    ),
    "found unexpected end of stream": "a quote is opened but never closed",
    "found undefined tag handle": "'!' starts a YAML tag here; put the value in quotes",
    "exceeded maximum nesting depth": (
        f"lists and groups of fields nest more than {MAX_DEPTH} levels deep here, and a record "
        "needs at most 4; check the brackets and the indentation"
    ),
    "found unknown escape character": (
        'a backslash in "double quotes" starts an escape; use single quotes or write \\\\'
    ),
}


@dataclass
class Document:
    """One YAML file as plain data, with where each part of it was written."""

    path: str
    data: object
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    # Unquoted values that YAML read as something other than text, by field: the text written.
    unquoted: dict[FieldPath, str] = field(default_factory=dict)

    def __getstate__(self) -> tuple[str, object]:
        # Sent to another process without its positions (most of its weight); they are read
        # again from the file if a problem is ever reported in it.
        return self.path, self.data

    def __setstate__(self, state: tuple[str, object]) -> None:
        self.path, self.data = state
        self.values = self.keys = self.unquoted = None

    def _read_positions(self) -> None:
        if self.values is None:
            raw, _ = read_file(self.path)
            reread, _ = load_document(self.path, raw) if raw is not None else (None, [])
            if reread is None:  # changed since it was read: no positions but the file's
                self.values, self.keys, self.unquoted = {}, {}, {}
            else:
                self.values, self.keys, self.unquoted = reread.values, reread.keys, reread.unquoted

    def written_unquoted(self, path: FieldPath) -> str | None:
        """The text of an unquoted value that YAML read as true/false, empty or a number."""
        self._read_positions()
        return self.unquoted.get(path)

    def position(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a field's value (or key), else of its nearest parent."""
        self._read_positions()
        while path:
            where = (self.keys if key else self.values).get(path) or self.keys.get(path)
            if where:
                return where
            path = path[:-1]
        return self.values.get((), (1, 1))


class _RefusedError(Exception):
    """The file cannot be read any further; the problem says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _UnusualError(Exception):
    """The quick read met something the careful read must report."""


def load_document(
    path: str, raw: bytes, *, lazy_positions: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes. Returns the document (None if unreadable) and its problems.

    With lazy_positions, a clean file is read without noting where each value is, which is
    much faster; the positions are read from the file at `path` when first asked for.
    """
    text, problems = text_problems(path, raw)
    if text is None:
        return None, problems
    tab = "a tab is used for indentation; indent with spaces (two per level)"
    for match in _TAB_INDENT.finditer(text) if "\t" in text else ():
        problems.append(Problem(path, *line_column(text, match.end() - 1), "error", "", tab))
    if problems:  # libyaml would stumble over these with a less helpful message
        return None, problems

    if lazy_positions and (data := _quick_read(text)) is not None:
        document = Document(path, data)
        document.values = document.keys = document.unquoted = None  # read when asked for
        return document, []
    builder = _Builder(path)
    try:
        builder.build(text)
    except _RefusedError as refused:
        return None, [*builder.problems, refused.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or ""
        hint = _SYNTAX_HINTS.get(problem.split(" (")[0].strip())
        message = (
            f"{hint} (YAML says: {problem})"
            if hint
            else (
                f"this is not valid YAML ({problem}); check the indentation and quotes here "
                "and on the line above"
            )
        )
        return None, [*builder.problems, Problem(path, line, column, "error", "", message)]
    except yaml.YAMLError as exc:  # reader errors carry no line; the pre-checks above catch most
        return None, [Problem(path, 1, 1, "error", "", f"this file cannot be read as YAML ({exc})")]
    if builder.escaped:  # its texts are not shown again, in any message
        return None, builder.problems
    return builder.document, builder.problems


class _Builder:
    """Builds plain dicts, lists and scalars from libyaml events, refusing YAML's riskier parts."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.document = Document(path, None)
        self.problems: list[Problem] = []
        self.escaped = False  # a refused character written as an escape or a reference

    def error(self, event: yaml.Event, message: str, fieldpath: FieldPath = ()) -> None:
        mark = event.start_mark
        self.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, "error", dotted(fieldpath), message)
        )

    def refuse(self, event: yaml.Event, message: str) -> _RefusedError:
        mark = event.start_mark
        problem = Problem(self.path, mark.line + 1, mark.column + 1, "error", "", message)
        return _RefusedError(problem)

    def build(self, text: str) -> None:
        loader = yaml.CSafeLoader(text)
        try:
            self._build(loader.get_event)  # the C parser's own method: no generator in between
        finally:
            loader.dispose()

    def _build(self, next_event: Callable[[], yaml.Event]) -> None:
        next_event()  # StreamStart
        event = next_event()
        if type(event) is yaml.StreamEndEvent:
            raise self.refuse(
                event,
                "the file is empty; write the record's fields, one per line "
                "(see CONTRIBUTING.md for an example)",
            )
        root_event = next_event()  # after DocumentStart
        self.document.data = self.node(next_event, root_event, ())
        next_event()  # DocumentEnd
        event = next_event()
        if type(event) is not yaml.StreamEndEvent:
            raise self.refuse(
                event,
                "a file holds one record, but a second one starts here "
                "after '---'; remove it or move it to its own file",
            )
        if type(self.document.data) is not dict:
            raise self.refuse(
                root_event,
                "a record is a list of fields, one 'field: value' per "
                "line; this file holds something else",
            )

    def node(
        self, next_event: Callable[[], yaml.Event], event: yaml.Event, path: FieldPath
    ) -> object:
        mark = event.start_mark
        self.document.values[path] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is yaml.AliasEvent:
            self.error(
                event,
                f"'*{event.anchor}' repeats another part of the file (a YAML alias); "
                "write the value out in full",
                path,
            )
            return None
        if event.anchor is not None:
            self.error(
                event,
                f"'&{event.anchor}' marks a part of the file for reuse (a YAML "
                "anchor); remove it, records are written out in full",
                path,
            )
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.error(
                event, f"'{tag}' is a YAML tag; remove it (put text in quotes instead)", path
            )
        if kind is yaml.ScalarEvent:
            self.check_escapes(event, path)
            if not event.implicit[0]:  # quoted or block text: always a string
                return event.value
            value = _resolve_plain(event.value)
            if type(value) is not str:
                self.document.unquoted[path] = event.value
            return value
        if len(path) >= MAX_DEPTH:
            raise self.refuse(
                event,
                f"lists and groups of fields nest more than {MAX_DEPTH} levels deep here, and "
                "a record needs at most 4; check the brackets and the indentation",
            )
        if kind is yaml.SequenceStartEvent:
            items: list[object] = []
            while type(child := next_event()) is not yaml.SequenceEndEvent:
                items.append(self.node(next_event, child, (*path, len(items))))
            return items
        return self.mapping(next_event, path)

    def check_escapes(self, event: yaml.ScalarEvent, path: FieldPath) -> None:
        """A character refused in the file's text is refused when an escape in "double quotes"
        ("\\u202E", "\\0") or an HTML character reference (&#x202E;) writes it: it would
        reach the pages all the same."""
        for char, how in refused_in_value(event.value):
            self.escaped = True
            self.error(event, f"{describe(char)} is written here {how}; delete it", path)

    def mapping(self, next_event: Callable[[], yaml.Event], path: FieldPath) -> dict:
        result: dict[str, object] = {}
        keys = self.document.keys
        while type(key_event := next_event()) is not yaml.MappingEndEvent:
            if type(key_event) is not yaml.ScalarEvent:
                raise self.refuse(
                    key_event,
                    "a field name must be plain text; this one is a "
                    "list or a mapping (check for a stray '?' or '[')",
                )
            key = key_event.value
            key_path = (*path, key)
            self.check_escapes(key_event, path)  # the key itself is no name to show
            value_event = next_event()
            if key in result:
                line, _ = keys[key_path]
                self.error(
                    key_event,
                    f"'{key}' appears twice in this record (first on line {line}); keep one",
                    key_path,
                )
                # Read past the repeated value; its positions go under a path nothing asks for.
                self.node(next_event, value_event, (*key_path, "?duplicate"))
                continue
            mark = key_event.start_mark
            keys[key_path] = (mark.line + 1, mark.column + 1)
            result[key] = self.node(next_event, value_event, key_path)
        return result


def _quick_read(text: str) -> dict | None:
    """The record in a well-formed file, fast: no positions kept, None at the first thing
    unusual (anchor, alias, tag, repeated key, second document, syntax error, not a mapping),
    which the careful _Builder then reports with its place."""
    loader = yaml.CSafeLoader(text)
    try:
        next_event = loader.get_event
        next_event(), next_event()  # StreamStart, DocumentStart
        data = _quick_node(next_event, next_event(), 0)
        next_event()  # DocumentEnd
        ended = type(next_event()) is yaml.StreamEndEvent
        if ("\\" in text or "&" in text) and refused_in_data(data):  # see refused_in_value
            return None
        return data if ended and type(data) is dict else None
    except (_UnusualError, yaml.YAMLError, AttributeError):  # AttributeError: empty file
        return None
    finally:
        loader.dispose()


def _quick_node(next_event: Callable[[], yaml.Event], event: yaml.Event, depth: int) -> object:
    kind = type(event)
    if kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
        raise _UnusualError
    if kind is yaml.ScalarEvent:
        return _resolve_plain(event.value) if event.implicit[0] else event.value
    depth += 1
    if depth > MAX_DEPTH:
        raise _UnusualError
    if kind is yaml.SequenceStartEvent:
        items = []
        while type(child := next_event()) is not yaml.SequenceEndEvent:
            items.append(_quick_node(next_event, child, depth))
        return items
    mapping: dict[str, object] = {}
    while type(key := next_event()) is yaml.ScalarEvent:
        if key.value in mapping:
            raise _UnusualError
        value = _quick_node(next_event, next_event(), depth)
        mapping[sys.intern(key.value)] = value  # shared names
    if type(key) is not yaml.MappingEndEvent:
        raise _UnusualError
    return mapping


def _resolve_plain(text: str) -> object:
    """An unquoted scalar as YAML 1.1 tools read it, except that dates and times stay text."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text[0] not in _NUMBER_START:  # most values: words
        return text
    try:
        if _INT.fullmatch(text):
            return int(text.replace("_", ""))
        for pattern, base in _INT_BASES:
            if pattern.fullmatch(text):
                return int(re.sub("_|0[oxb]", "", text), base)
        if _FLOAT.fullmatch(text) and math.isfinite(number := float(text.replace("_", ""))):
            return number
    except ValueError:  # "0b_" and the like: looks numeric, is not
        pass
    return text
