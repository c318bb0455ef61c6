"""GitHub issue forms for new records (.github/ISSUE_TEMPLATE/), generated from the questions
of contribute/formfields.py, with labels and help in every language of the site;
contribute/issues.py reads back the issue bodies GitHub writes from them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..messages import N_, Gettext, gettext_for
from ..vocabulary import LANGUAGES
from .formfields import KIND_NAMES, FormField, form_fields, row_header

SUBMISSION_LABEL = "submission"
REPLY_ID = "reply-language"
CONFIRM_ID = "confirm"
NO_RESPONSE = "_No response_"
TEMPLATE_DIR = Path(".github") / "ISSUE_TEMPLATE"
GENERATED = "# Generated from schemas/ by `make issue-forms`; edit the schemas, not this file.\n"
INTRO = N_(
    "Fill in the answers in English, in Ukrainian or in both. An automatic check replies in a "
    "comment within minutes; a maintainer then reviews the record and publishes it."
)
REPLY_LABEL = N_("Language of our replies")
REPLY_HELP = N_("en for English, uk for Ukrainian.")
CONFIRM_LABEL = N_("Publication")
# Answers too long for the prefilled link: the /submit/ page copies them, each under its
# "### Label", for pasting here; the issue's reading takes them for the questions left empty.
LONG_ID = "long-answers"
LONG_LABEL = N_("Answers that did not fit in the link")
LONG_HELP = N_(
    "Only when the form on the website says so: paste here, as they are, the answers it "
    "copied for you. Otherwise leave this empty."
)
CONFIRM_OPTION = N_(
    "The contact is an office or a role, not a private person, and it agreed to be published."
)
ROWS_HELP = N_("One per line, the parts separated by |, in this order: %(columns)s.")
CHOICES_HELP = N_("Allowed: %(allowed)s.")
LIST_HELP = N_("Several values: separate them by commas.")
# A city is chosen from a list on the website, a day from a calendar; an issue form has a
# box of text for either, which these say how to fill in.
CITY_HELP = N_(
    "Write the last part of the city's page address, for example ua-chernihiv in "
    "…/cities/ua-chernihiv/."
)
DATE_HELP = N_("Write the day as year-month-day, for example 2027-03-01.")


def both(message: str, *, separator: str = " · ") -> str:
    """A message in every language of the site, e.g. "Title (in English) · Назва (англійською)"."""
    texts: list[str] = []
    for language in LANGUAGES:
        text = gettext_for(language)(message)
        if text not in texts:
            texts.append(text)
    return separator.join(texts)


def field_label(f: FormField) -> str:
    return " · ".join(dict.fromkeys(f.label(gettext_for(language)) for language in LANGUAGES))


def field_help(f: FormField, gettext: Gettext) -> str:
    """What a form says under a question: the schema's hint and the allowed answers."""
    parts = [gettext(f.hint)] if f.hint else []
    if f.widget in ("city", "date"):
        parts.append(gettext(CITY_HELP if f.widget == "city" else DATE_HELP))
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
        _input(REPLY_ID, both(REPLY_LABEL), both(REPLY_HELP), value=LANGUAGES[0], required=True),
    ]
    for f in form_fields(kind):
        help_text = "\n\n".join(
            dict.fromkeys(field_help(f, gettext_for(language)) for language in LANGUAGES)
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
    body.append(_input(LONG_ID, both(LONG_LABEL), both(LONG_HELP), textarea=True))
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
    "pledge": N_("Promise in public what your city will bring to a need of another city."),
    "partnership": N_("Record a partnership between your city and others, with its projects."),
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


_FORM_ORDER = ("need", "offer", "pledge", "city", "partnership")


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def answer_ids(kind: str) -> Iterator[str]:
    """The ids of a form's questions, as query parameters of a prefilled issue link."""
    yield REPLY_ID
    yield from (f.id for f in form_fields(kind))
