"""A submission issue read back: its body (### Label sections, _No response_, checkboxes) ->
the answers -> a record, checked in memory with every record of content/.

Every text that reaches this module from an issue is data: it is parsed, never run or
interpolated into commands (the workflow hands the event file to `python -m cities4cities issue`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..messages import gettext_for
from ..problems import Problem
from ..vocabulary import LANGUAGES
from .answers import Complaint, clean_text, fold, read_record
from .formfields import KINDS, form_fields
from .issueforms import (
    CONFIRM_LABEL,
    CONFIRM_OPTION,
    LONG_LABEL,
    NO_RESPONSE,
    REPLY_LABEL,
    both,
    field_label,
)
from .newrecord import check_new_file, record_id, record_path, taken_ids, to_yaml

_HEADING = re.compile(r"^#{3}\s+(.+?)\s*#*\s*$")
_CHECKED = re.compile(r"^\s*[-*]\s*\[[xX]\]\s*(.*)$")
LIST_INDEX = re.compile(r"\[(\d+)\]")


# -- reading an issue -------------------------------------------------------------------------


@dataclass
class Submission:
    """What an issue's body says, by question."""

    kind: str | None
    answers: dict[str, str]  # form field key -> the answer's text ("" for _No response_)
    language: str  # of the replies: one of vocabulary.LANGUAGES
    confirmed: bool
    seen: int  # how many of the form's questions were found

    @property
    def digest(self) -> str:
        """What was checked, in 16 hex digits: the kind, every answer and the confirmation. The
        reply carries it; the pull request is made only from answers with the same digest."""
        checked = [self.kind, sorted(self.answers.items()), self.confirmed]
        return hashlib.sha256(json.dumps(checked, ensure_ascii=False).encode()).hexdigest()[:16]


def parse_issue(body: str | None, labels: Iterable[str] = ()) -> Submission:
    """The answers in an issue body written by an issue form; kind from the labels, or else
    from the questions found."""
    sections = _sections(clean_text(body or ""))
    kind = next((k for k in KINDS if k in set(labels)), None) or _guess_kind(sections)
    if kind is None:
        return Submission(None, {}, _language(sections, {}), False, 0)
    labels_of = {fold(field_label(f)): f for f in form_fields(kind)}
    labels_of |= {
        fold(f.label(gettext_for(lang))): f for f in form_fields(kind) for lang in LANGUAGES
    }
    answers: dict[str, str] = {}
    for heading, text in sections:
        f = labels_of.get(heading)
        # The first answer to a question counts; one left empty takes a later one: the long
        # answers pasted, each under its own ### label, into the last field (LONG_ID).
        if f is not None and not answers.get(f.key):
            answers[f.key] = "" if text == NO_RESPONSE else text
    confirmed = any(
        _CHECKED.match(line)
        for heading, text in sections
        if heading in _confirm_headings()
        for line in text.split("\n")
    )
    return Submission(kind, answers, _language(sections, answers), confirmed, len(answers))


def _sections(body: str) -> list[tuple[str, str]]:
    """(folded heading, text) for each ### section; text before the first heading is dropped."""
    sections: list[tuple[str, list[str]]] = []
    for line in body.split("\n"):
        match = _HEADING.match(line)
        if match:
            sections.append((fold(match[1]), []))
        elif sections:
            sections[-1][1].append(line)
    return [(heading, "\n".join(lines).strip()) for heading, lines in sections]


def _confirm_headings() -> set[str]:
    return {fold(both(CONFIRM_LABEL))} | {
        fold(gettext_for(language)(CONFIRM_LABEL)) for language in LANGUAGES
    }


def _guess_kind(sections: list[tuple[str, str]]) -> str | None:
    headings = {heading for heading, _ in sections}
    scores = {k: len(headings & {fold(field_label(f)) for f in form_fields(k)}) for k in KINDS}
    best = max(scores.values())
    winners = [k for k, score in scores.items() if score == best]
    return winners[0] if best and len(winners) == 1 else None


def _language(sections: list[tuple[str, str]], answers: dict[str, str]) -> str:
    """The language asked for, else the first of the site's languages the texts were written in
    (English, unless only Ukrainian texts were written)."""
    reply_headings = {fold(both(REPLY_LABEL))} | {
        fold(gettext_for(language)(REPLY_LABEL)) for language in LANGUAGES
    }
    for heading, text in sections:
        if heading in reply_headings:
            chosen = _READ_LANGUAGE.get(fold(text))
            if chosen:
                return chosen
    written = {key.rpartition(".")[2] for key, text in answers.items() if text}
    return next((language for language in LANGUAGES if language in written), LANGUAGES[0])


# What else people write for each language of the site when asked which one they want.
LANGUAGE_NAMES = {
    "en": ("eng", "english", "англійська", "англійською"),
    "uk": ("ua", "ukr", "ukrainian", "українська", "українською"),
}
_READ_LANGUAGE = {
    name: language
    for language in LANGUAGES
    for name in (language, *LANGUAGE_NAMES.get(language, ()))
}


# -- issue -> record --------------------------------------------------------------------------


@dataclass
class Outcome:
    """What became of one issue: the record and its file, or what to change."""

    submission: Submission
    record: dict[str, Any] | None = None
    record_id: str = ""
    path: str = ""
    text: str = ""  # the YAML file
    complaints: list[Complaint] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ready(self) -> bool:
        """A valid record, and the contact confirmed as publishable."""
        return bool(self.text) and not self.complaints and not self.errors and self.confirmed

    @property
    def confirmed(self) -> bool:
        return self.submission.confirmed


def process_issue(body: str | None, labels: Iterable[str], content: Path, today: date) -> Outcome:
    """Read an issue, build its record and check it with every record of content/ (in memory:
    nothing is written)."""
    submission = parse_issue(body, labels)
    outcome = Outcome(submission)
    if submission.kind is None or submission.seen == 0:
        return outcome
    kind = submission.kind
    record, outcome.complaints = read_record(kind, submission.answers, today)
    outcome.record = record
    outcome.record_id = record_id(kind, record, taken_ids(content))
    outcome.path = record_path(kind, outcome.record_id)
    outcome.text = to_yaml(kind, record)
    problems = check_new_file(content, kind, outcome.record_id, outcome.text, today)
    complained = {_form_key(kind, c.key) for c in outcome.complaints}
    outcome.problems = [
        p
        for p in problems
        if _form_key(kind, p.field) not in complained
        # A problem of the whole file (its characters) is a complaint about an answer already.
        and not (p.field == "" and outcome.complaints)
    ]
    return outcome


def _form_key(kind: str, dotted: str) -> str:
    """The form question a validator's field belongs to: "items[2].quantity" -> "items",
    "title" -> "title" (a text's languages), "contact.email" -> "contact.email"."""
    plain = LIST_INDEX.sub("", dotted)
    for f in form_fields(kind):
        if plain == f.key or plain.startswith(f.key + "."):
            return f.key
        if f.language and plain == f.text_key:
            return f.text_key
    return plain


# -- the other way: answers -> the body GitHub writes -----------------------------------------


def answers_body(
    kind: str,
    answers: dict[str, str],
    *,
    language: str = LANGUAGES[0],
    confirmed: bool = True,
    pasted: str = "",
) -> str:
    """The body GitHub writes for these answers (by form id): ### label, then the answer or
    _No response_; pasted: what was pasted into the last field. For tests, and for checking
    what the submit page's prefilled link carries."""
    parts = [f"### {both(REPLY_LABEL)}", "", language, ""]
    for f in form_fields(kind):
        parts += [f"### {field_label(f)}", "", answers.get(f.id) or NO_RESPONSE, ""]
    parts += [f"### {both(LONG_LABEL)}", "", pasted or NO_RESPONSE, ""]
    parts += [
        f"### {both(CONFIRM_LABEL)}",
        "",
        f"- [{'X' if confirmed else ' '}] {both(CONFIRM_OPTION)}",
    ]
    return "\n".join(parts) + "\n"
