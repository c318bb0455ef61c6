"""GitHub issue forms for new records, generated from the schemas, and the way back: an issue's
body (### Label sections, _No response_, checkboxes) -> the answers -> a record, checked with the
same validator, with a reply for the issue in the language the form was filled in.

Every text that reaches this module from an issue is data: it is parsed, never run or
interpolated into commands (the workflow hands the event file to `python -m cities4cities issue`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..messages import N_, Gettext, gettext_for
from ..problems import Problem
from .formfields import (
    FORM_LANGUAGES,
    KIND_NAMES,
    KINDS,
    Complaint,
    FormField,
    clean_text,
    form_fields,
    read_record,
    row_header,
)
from .newrecord import check_new_file, record_id, record_path, taken_ids, to_yaml

MARKER = "<!-- cities4cities:submission -->"  # opens the bot's one reply on an issue
SUBMISSION_LABEL = "submission"
APPROVED_LABEL = "approved"
REPLY_ID = "reply-language"
CONFIRM_ID = "confirm"
NO_RESPONSE = "_No response_"
TEMPLATE_DIR = Path(".github") / "ISSUE_TEMPLATE"
GENERATED = "# Generated from schemas/ by `make issue-forms`; edit the schemas, not this file.\n"
_HEADING = re.compile(r"^#{3}\s+(.+?)\s*#*\s*$")
_CHECKED = re.compile(r"^\s*[-*]\s*\[[xX]\]\s*(.*)$")
_INDEX = re.compile(r"\[(\d+)\]")

INTRO = N_(
    "Fill in the answers in English, in Ukrainian or in both. An automatic check replies in a "
    "comment within minutes; a maintainer then reviews the record and publishes it."
)
REPLY_LABEL = N_("Language of our replies")
REPLY_HELP = N_("en for English, uk for Ukrainian.")
CONFIRM_LABEL = N_("Publication")
CONFIRM_OPTION = N_(
    "The contact is an office or a role, not a private person, and it agreed to be published."
)
ROWS_HELP = N_("One per line, the parts separated by |, in this order: %(columns)s.")
CHOICES_HELP = N_("Allowed: %(allowed)s.")
LIST_HELP = N_("Several values: separate them by commas.")


# -- generating the forms ---------------------------------------------------------------------


def both(message: str, *, separator: str = " · ") -> str:
    """A message in every form language, e.g. "Title (in English) · Назва (англійською)"."""
    texts: list[str] = []
    for language in FORM_LANGUAGES:
        text = gettext_for(language)(message)
        if text not in texts:
            texts.append(text)
    return separator.join(texts)


def field_label(f: FormField) -> str:
    return " · ".join(dict.fromkeys(f.label(gettext_for(language)) for language in FORM_LANGUAGES))


def field_help(f: FormField, gettext: Gettext) -> str:
    """What a form says under a question: the schema's description and the allowed answers."""
    parts = [gettext(f.description)] if f.description else []
    if f.widget == "rows":
        parts.append(gettext(ROWS_HELP) % {"columns": row_header(f, gettext)})
    if f.choices:
        labels = f.labels
        allowed = ", ".join(
            f"{value} ({gettext(labels[value])})"
            if value in labels and len(labels) <= 16
            else value
            for value in f.choices
        )
        parts.append(gettext(CHOICES_HELP) % {"allowed": allowed})
    if f.widget in ("choices", "list"):
        parts.append(gettext(LIST_HELP))
    return " ".join(parts)


def issue_form(kind: str) -> dict[str, Any]:
    """The issue form of a record type, as the data of .github/ISSUE_TEMPLATE/<kind>.yml."""
    body: list[dict[str, Any]] = [
        {"type": "markdown", "attributes": {"value": both(INTRO, separator="\n\n")}},
        _input(REPLY_ID, both(REPLY_LABEL), both(REPLY_HELP), value="en", required=True),
    ]
    for f in form_fields(kind):
        help_text = "\n\n".join(
            dict.fromkeys(field_help(f, gettext_for(language)) for language in FORM_LANGUAGES)
        )
        element = _input(
            f.id,
            field_label(f),
            help_text,
            value=str(f.schema.get("default", "")),
            required=f.required,
            textarea=f.widget in ("text", "rows"),
        )
        body.append(element)
    body.append(
        {
            "type": "checkboxes",
            "id": CONFIRM_ID,
            "attributes": {
                "label": both(CONFIRM_LABEL),
                "options": [{"label": both(CONFIRM_OPTION), "required": True}],
            },
        }
    )
    return {
        "name": both(KIND_NAMES[kind]),
        "description": both(_DESCRIPTIONS[kind]),
        "title": f"{KIND_NAMES[kind]}: ",
        "labels": [SUBMISSION_LABEL, kind],
        "body": body,
    }


_DESCRIPTIONS = {
    "need": N_("Publish what your city needs."),
    "offer": N_("Publish what your city can give."),
    "city": N_("Register your city, before its first need or offer."),
}


def _input(
    element_id: str,
    label: str,
    description: str,
    *,
    value: str = "",
    required: bool = False,
    textarea: bool = False,
) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": label, "description": description}
    if value:
        attributes["value"] = value
    return {
        "type": "textarea" if textarea else "input",
        "id": element_id,
        "attributes": attributes,
        "validations": {"required": required},
    }


def config(repository: str, site_url: str) -> dict[str, Any]:
    """.github/ISSUE_TEMPLATE/config.yml: no blank issues; the guide and the web form."""
    return {
        "blank_issues_enabled": False,
        "contact_links": [
            {
                "name": both(N_("The form on the website")),
                "url": f"{site_url.rstrip('/')}/submit/",
                "about": both(N_("Fill in a need, an offer or your city; it prepares the issue.")),
            },
            {
                "name": both(N_("Contributors' guide")),
                "url": f"https://github.com/{repository}/blob/main/CONTRIBUTING.md",
                "about": both(N_("How to add or update a record, step by step.")),
            },
        ],
    }


def render_files(repository: str, site_url: str) -> dict[str, str]:
    """File name in .github/ISSUE_TEMPLATE/ -> its text."""
    files = {f"{kind}.yml": GENERATED + _dump(issue_form(kind)) for kind in _FORM_ORDER}
    files["config.yml"] = GENERATED + _dump(config(repository, site_url))
    return files


_FORM_ORDER = ("need", "offer", "city")


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# -- reading an issue -------------------------------------------------------------------------


@dataclass
class Submission:
    """What an issue's body says, by question."""

    kind: str | None
    answers: dict[str, str]  # form field key -> the answer's text ("" for _No response_)
    language: str  # of the replies: "en" or "uk"
    confirmed: bool
    seen: int  # how many of the form's questions were found


def parse_issue(body: str | None, labels: Iterable[str] = ()) -> Submission:
    """The answers in an issue body written by an issue form; kind from the labels, or else
    from the questions found."""
    sections = _sections(clean_text(body or ""))
    kind = next((k for k in KINDS if k in set(labels)), None) or _guess_kind(sections)
    if kind is None:
        return Submission(None, {}, _language(sections, {}), False, 0)
    labels_of = {_fold(field_label(f)): f for f in form_fields(kind)}
    labels_of |= {
        _fold(f.label(gettext_for(lang))): f for f in form_fields(kind) for lang in FORM_LANGUAGES
    }
    answers: dict[str, str] = {}
    for heading, text in sections:
        f = labels_of.get(heading)
        if f is not None and f.key not in answers:
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
            sections.append((_fold(match[1]), []))
        elif sections:
            sections[-1][1].append(line)
    return [(heading, "\n".join(lines).strip()) for heading, lines in sections]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _confirm_headings() -> set[str]:
    return {_fold(both(CONFIRM_LABEL))} | {
        _fold(gettext_for(language)(CONFIRM_LABEL)) for language in FORM_LANGUAGES
    }


def _guess_kind(sections: list[tuple[str, str]]) -> str | None:
    headings = {heading for heading, _ in sections}
    scores = {k: len(headings & {_fold(field_label(f)) for f in form_fields(k)}) for k in KINDS}
    best = max(scores.values())
    winners = [k for k, score in scores.items() if score == best]
    return winners[0] if best and len(winners) == 1 else None


def _language(sections: list[tuple[str, str]], answers: dict[str, str]) -> str:
    """The language asked for, else Ukrainian when only Ukrainian texts were written."""
    reply_headings = {_fold(both(REPLY_LABEL))} | {
        _fold(gettext_for(language)(REPLY_LABEL)) for language in FORM_LANGUAGES
    }
    for heading, text in sections:
        if heading in reply_headings:
            chosen = _READ_LANGUAGE.get(_fold(text))
            if chosen:
                return chosen
    written = {key.rpartition(".")[2] for key, text in answers.items() if text}
    return "uk" if "uk" in written and "en" not in written else "en"


_READ_LANGUAGE = {
    **dict.fromkeys(("en", "eng", "english", "англійська", "англійською"), "en"),
    **dict.fromkeys(("uk", "ua", "ukr", "ukrainian", "українська", "українською"), "uk"),
}


# -- issue -> record -> reply -----------------------------------------------------------------


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
    outcome.problems = [p for p in problems if _form_key(kind, p.field) not in complained]
    return outcome


def _form_key(kind: str, dotted: str) -> str:
    """The form question a validator's field belongs to: "items[2].quantity" -> "items",
    "title" -> "title" (a text's languages), "contact.email" -> "contact.email"."""
    plain = _INDEX.sub("", dotted)
    for f in form_fields(kind):
        if plain == f.key or plain.startswith(f.key + "."):
            return f.key
        if f.language and plain == f.text_key:
            return f.text_key
    return plain


# -- the reply --------------------------------------------------------------------------------


def reply(outcome: Outcome, gettext: Gettext | None = None) -> str:
    """The comment for the issue, in Markdown, starting with MARKER."""
    language = outcome.submission.language
    _ = gettext or gettext_for(language)
    lines = [MARKER]
    kind = outcome.submission.kind
    if kind is None or not outcome.submission.seen:
        lines += [
            _(
                "**This issue could not be read as a submission form.** Its questions are "
                "missing or were renamed."
            ),
            "",
            _(
                "Please open a new issue with one of the forms (need, offer or city), or use the "
                "form on the website; this issue can then be closed."
            ),
        ]
        return "\n".join(lines) + "\n"
    complaints = [
        (label_for(kind, c.key, _, c.row, c.column), escape(c.text(_))) for c in outcome.complaints
    ]
    complaints += [(label_for(kind, p.field, _), escape(p.message)) for p in outcome.errors]
    warnings = [
        (label_for(kind, p.field, _), escape(p.message))
        for p in outcome.problems
        if p.severity == "warning"
    ]
    if complaints or not outcome.confirmed:
        lines += [_("**Some answers need a change** before the record can be published:"), ""]
        lines += [f"- **{label}**: {message}" for label, message in complaints]
        if not outcome.confirmed:
            lines.append(f"- **{_(CONFIRM_LABEL)}**: " + _("please tick the confirmation."))
        lines += [
            "",
            _(
                "Edit the issue (the ··· menu of its first message, then **Edit**), change "
                "these answers and save: the check runs again and updates this comment."
            ),
        ]
    else:
        lines += [
            _("**Thank you!** The answers make a valid record: `%(path)s`.")
            % {"path": outcome.path},
            "",
            _(
                "A maintainer will review it and add the label `%(label)s`; a pull request "
                "with the file then opens, and this issue closes when it is merged."
            )
            % {"label": APPROVED_LABEL},
        ]
    if warnings:
        lines += ["", _("Worth a look (these do not stop the record):"), ""]
        lines += [f"- **{label}**: {message}" for label, message in warnings]
    if outcome.text and not complaints:
        fence = "`" * max(3, _longest_backtick_run(outcome.text) + 1)
        lines += ["", f"<details><summary>{_('The file')} {outcome.path}</summary>", ""]
        lines += [f"{fence}yaml", outcome.text.rstrip("\n"), fence, "", "</details>"]
    return "\n".join(lines) + "\n"


def label_for(kind: str, dotted: str, gettext: Gettext, row: int = 0, column: str = "") -> str:
    """The question a field belongs to, as the form names it: "Contact: E-mail", "Items, line 2:
    Quantity"."""
    if not dotted:
        return gettext("The record")
    index = _INDEX.search(dotted)
    if index and not row:
        row = int(index[1]) + 1
        column = _INDEX.sub("", dotted).partition(".")[2].split(".")[0]
        dotted = dotted[: index.start()]
    for f in form_fields(kind):
        if f.key == dotted or (f.language and f.text_key == dotted):
            label = f.label(gettext)
            if f.language and f.text_key == dotted:
                label = (
                    gettext(f.title) if not f.group else f"{gettext(f.group)}: {gettext(f.title)}"
                )
            if row:
                label = gettext("%(field)s, line %(line)s") % {"field": label, "line": row}
                columns = [c for c in f.columns if c.key == column or c.text_key == column]
                if columns:
                    label += ": " + gettext(columns[0].title)
            return escape(label)
    return escape(dotted)


def escape(text: str) -> str:
    """Text from an issue, safe in a Markdown comment: no HTML, mentions, links or code."""
    for char, entity in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("@", "&#64;"),
        ("[", "&#91;"),
        ("]", "&#93;"),
        ("`", "&#96;"),
        ("*", "&#42;"),
        ("_", "&#95;"),
        ("|", "&#124;"),
    ):
        text = text.replace(char, entity)
    return text


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def pull_request_title(outcome: Outcome) -> str:
    """ "Add need: Generators for Sumy hospitals" on one line, at most 100 characters."""
    record = outcome.record or {}
    kind = outcome.submission.kind or "record"
    texts = record.get("title") or record.get("name") or {}
    words = texts.get("en") or texts.get("uk") or outcome.record_id
    title = " ".join(f"Add {kind}: {words}".split())
    return title if len(title) <= 100 else title[:99] + "…"


def answers_body(
    kind: str, answers: dict[str, str], *, language: str = "en", confirmed: bool = True
) -> str:
    """The body GitHub writes for these answers (by form id): ### label, then the answer or
    _No response_. For tests, and for checking what the submit page's prefilled link carries."""
    parts = [f"### {both(REPLY_LABEL)}", "", language, ""]
    for f in form_fields(kind):
        parts += [f"### {field_label(f)}", "", answers.get(f.id) or NO_RESPONSE, ""]
    parts += [
        f"### {both(CONFIRM_LABEL)}",
        "",
        f"- [{'X' if confirmed else ' '}] {both(CONFIRM_OPTION)}",
    ]
    return "\n".join(parts) + "\n"


def answer_ids(kind: str) -> Iterator[str]:
    """The ids of a form's questions, as query parameters of a prefilled issue link."""
    yield REPLY_ID
    yield from (f.id for f in form_fields(kind))


def pull_request_body(outcome: Outcome, issue_number: int | str) -> str:
    """The pull request's text: it closes the issue when merged."""
    return (
        f"Closes #{issue_number}\n\n"
        f"The file `{outcome.path}` as the submission form gave it; the automatic check found "
        "it valid. Reviewers: please go through the checklist of the pull request template.\n"
    )


def github_output(outcome: Outcome) -> str:
    """Step outputs for the workflow (one line each; nothing of the issue but the title)."""
    values = {
        "ready": "true" if outcome.ready else "false",
        "kind": outcome.submission.kind or "",
        "id": outcome.record_id,
        "path": outcome.path,
        "pr_title": pull_request_title(outcome),
    }
    return "".join(f"{key}={' '.join(value.split())}\n" for key, value in values.items())
