"""The terminal helper `python -m cities4cities new need|offer|city`: it asks a record's
questions one by one (the same questions as the forms, formfields.py), checks each answer as it
is given, writes the file into content/ and shows what the validator found in it.

For a Ukrainian city it skips nothing but suggests: the KATOTTG code of the community whose
settlement bears the city's name in its region (katottg.py), taken with Enter; a city of
another country is not asked for one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from ..katottg import codifier
from ..messages import N_, Gettext
from .answers import Complaint, assemble_values, read_answer, with_today
from .formfields import FOLDER_OF, KIND_NAMES, FormField, form_fields
from .newrecord import check_new_file, record_id, taken_ids, to_yaml, write_new_file


class Suggested(NamedTuple):
    """A value offered for a question, taken with Enter, and the line that says what it is."""

    value: str
    text: str


class AbandonedError(Exception):
    """The input ended before every question was answered."""


@dataclass
class Terminal:
    """Questions on one stream, answers from another, in the language of gettext."""

    answers: TextIO
    out: TextIO
    gettext: Gettext
    cities: Callable[[], set[str]] = set

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def ask(self, prompt: str) -> str:
        print(prompt, end="", file=self.out, flush=True)
        line = self.answers.readline()
        if not line:
            raise AbandonedError
        return line.rstrip("\n")

    def question(
        self, f: FormField, label: str | None = None, suggested: Suggested | None = None
    ) -> Any:
        """Ask until the answer is acceptable; None for a skipped optional question, the
        suggested value for an empty answer."""
        _ = self.gettext
        self.say()
        self.say(label or f.label(_))
        if f.hint:
            self.say("  " + _(f.hint))
        if suggested:
            self.say("  " + suggested.text)
        if f.choices and len(f.choices) <= 30:
            for number, value in enumerate(f.choices, start=1):
                label_text = _(f.labels[value]) if value in f.labels else ""
                self.say(f"  {number:>2}. {value}" + (f" — {label_text}" if label_text else ""))
        while True:
            raw = self.ask(self.prompt(f, suggested))
            if suggested and not raw.strip():
                raw = suggested.value
            value, complaints = read_answer(f, self.numbered(f, raw))
            complaints += self.city_complaints(f, value)
            if not complaints:
                return value
            for complaint in complaints:
                self.say("  ! " + complaint.text(_))

    def prompt(self, f: FormField, suggested: Suggested | None = None) -> str:
        _ = self.gettext
        hints = []
        if suggested:
            hints.append(_("Enter for %(value)s") % {"value": suggested.value})
        elif f.widget == "choices":
            hints.append(_("numbers or values, separated by commas"))
        elif f.widget == "list":
            hints.append(_("separated by commas"))
        if "default" in f.schema:
            hints.append(_("Enter for %(value)s") % {"value": f.schema["default"]})
        elif not f.required:
            hints.append(_("optional: Enter to skip"))
        return f"> ({'; '.join(hints)}) " if hints else "> "

    @staticmethod
    def numbered(f: FormField, raw: str) -> str:
        """Numbers from the printed list of allowed values stand for those values."""
        if not f.choices:
            return raw
        parts = [part.strip() for part in re.split(r"[,;]", raw)]
        return ", ".join(
            f.choices[int(part) - 1] if part.isdigit() and 0 < int(part) <= len(f.choices) else part
            for part in parts
        )

    def city_complaints(self, f: FormField, value: Any) -> list[Complaint]:
        if f.widget != "city" or value is None or value in self.cities():
            return []
        return [
            Complaint(
                f.key,
                N_('"%(value)s" is not a registered city; add the city first'),
                {"value": value},
            )
        ]

    def fields(self, fields: tuple[FormField, ...], heading: str = "") -> dict[str, Any]:
        """Answers by key to a list of questions; a required text gets one language at least."""
        _ = self.gettext
        values: dict[str, Any] = {}
        for index, f in enumerate(fields):
            label = f"{heading}{f.label(_)}"
            if f.key == "katottg" and values.get("country") not in (None, "UA"):
                continue  # only Ukrainian cities have one
            if f.widget == "rows":
                value = self.rows(f)
            else:
                value = self.question(f, label, self.suggestion(f, values))
            if value not in (None, [], {}):
                values[f.key] = value
            last_language = index + 1 == len(fields) or fields[index + 1].text_key != f.text_key
            if f.language and f.text_required and last_language:
                group = [g for g in fields if g.language and g.text_key == f.text_key]
                while not any(g.key in values for g in group):
                    self.say("  ! " + _("write this in at least one language"))
                    for g in group:
                        if (answer := self.question(g, f"{heading}{g.label(_)}")) is not None:
                            values[g.key] = answer
        return values

    def suggestion(self, f: FormField, values: dict[str, Any]) -> Suggested | None:
        """What the codifier suggests for a Ukrainian city's KATOTTG code, from the name in
        Ukrainian and the region already answered (when it suggests one community)."""
        name, region = values.get("name.uk"), values.get("region")
        if f.key != "katottg" or not name or not region:
            return None
        found = codifier().suggest(name, region)
        if len(found) != 1:
            return None
        code = found[0].code
        text = self.gettext("The codifier has %(code)s for this name and region: %(name)s.")
        return Suggested(code, text % {"code": code, "name": codifier().full_name(code)})

    def rows(self, f: FormField) -> list[dict[str, Any]]:
        _ = self.gettext
        rows: list[dict[str, Any]] = []
        limit = f.list_schema.get("maxItems", 50)
        self.say()
        self.say(f.label(_))
        if f.hint:
            self.say("  " + _(f.hint))
        while len(rows) < limit:
            more = _("Add one more? (y/N) ") if rows else _("Add one? (y/N) ")
            if self.ask(more).strip().casefold() not in YES:
                break
            heading = f"{f.label(_)} {len(rows) + 1}: "
            rows.append(assemble_values(f.columns, self.fields(f.columns, heading), []))
        return rows


YES = frozenset({"y", "yes", "т", "так"})


def ask_record(kind: str, terminal: Terminal, today: date) -> dict[str, Any]:
    """Every question of a record type, each answer checked as it is given."""
    fields = form_fields(kind)
    return with_today(kind, assemble_values(fields, terminal.fields(fields), []), today)


def run_new(kind: str, content: Path, terminal: Terminal, today: date) -> int:
    """The terminal helper: ask, check, write content/<folder>/<id>.yaml and show what the
    validator found in it. 0 when valid."""
    _ = terminal.gettext
    terminal.cities = lambda: {p.stem for p in (content / "cities").glob("*.yaml")}
    terminal.say(
        _("A new %(kind)s for %(folder)s/. Answer each question; Ctrl-D stops.")
        % {"kind": _(KIND_NAMES[kind]).lower(), "folder": content / FOLDER_OF[kind]}
    )
    try:
        record = ask_record(kind, terminal, today)
    except AbandonedError:
        terminal.say()
        terminal.say(_("Stopped before the end: nothing was written."))
        return 1
    rid = record_id(kind, record, taken_ids(content))
    text = to_yaml(kind, record)
    problems = check_new_file(content, kind, rid, text, today)
    path = write_new_file(content, kind, rid, text)
    terminal.say()
    terminal.say(_("Written: %(path)s") % {"path": path})
    for problem in problems:
        terminal.say(str(problem))
    return 1 if any(p.severity == "error" for p in problems) else 0
