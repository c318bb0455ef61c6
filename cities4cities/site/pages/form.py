"""The /submit/ page: the questions of contribute/formfields.py (so, the schemas) as an HTML form
in the reader's language, and what its script needs to write the YAML and the prefilled issue
link the way the issue forms and the validator read them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ... import names
from ...contribute.formfields import (
    FOLDER_OF,
    IN_LANGUAGE,
    KIND_NAMES,
    FormField,
    form_fields,
    row_header,
    today_fields,
)
from ...contribute.ids import SLUG_LENGTH, TRANSLITERATION, WORD_START
from ...contribute.issueforms import (
    CONFIRM_OPTION,
    REPLY_ID,
    answer_ids,
    field_help,
    field_label,
)
from ...contribute.newrecord import commented_template
from ...messages import N_, Gettext
from ...schemas import load_schemas
from ...vocabulary import LANGUAGES, MAX_ID_LENGTH
from ..context import Context, OutputFile, Page

KIND_ORDER = ("need", "offer", "pledge", "city", "partnership")
CITIES_FILE = "submit/cities.json"  # [[id, name in the page's language], ...]
IDS_FILE = "submit/ids.json"  # every record's id, for a new id that is not taken
URL_LIMIT = 8000  # GitHub refuses longer addresses (414); the script keeps links below this
# Messages of the page's script, by name; the script fills in %(name)s.
SCRIPT_MESSAGES = {
    "required": N_("this question is required; please answer it"),
    "one_language": N_("write this in at least one language: %(languages)s"),
    "languages": N_("in English or in Ukrainian"),
    "expected": N_('"%(value)s" is not %(expected)s'),
    "too_long": N_(
        "this is %(length)s characters long, more than the %(limit)s allowed; please shorten it"
    ),
    "number": N_("write a number, such as 12 or 2.5"),
    "whole": N_("write a whole number, digits only"),
    "too_small": N_("%(value)s is too small; the least allowed is %(limit)s"),
    "not_more": N_("%(value)s is too small; it must be more than %(limit)s"),
    "too_large": N_("%(value)s is too large; the most allowed is %(limit)s"),
    "at_least": N_("choose at least %(limit)s"),
    "at_most": N_("choose at most %(limit)s; keep the most important"),
    "real_date": N_('"%(value)s" is not a real date; check the month and day'),
    "review_after": N_("choose a day after today"),
    "review_within": N_("choose a day within a year from today, by %(limit)s"),
    "one_line": N_("write this on one line"),
    "line": N_("Line %(line)s"),
    "remove": N_("Remove line %(line)s"),
    "copied": N_("Copied."),
    "copy_failed": N_("Copying did not work: select the text and copy it yourself."),
    "confirm": N_("tick this box to confirm it"),
    "no_cities": N_("The list of cities did not load: reload the page to try again."),
    "error_title": N_("Error:"),  # before the page's title while the form shows errors
    "left_out": N_(
        "Your answers are too long to travel whole in the link to GitHub. The link carries the "
        "short ones; copy the others with the button below and paste them, as they are, into "
        'the last field of the issue, "Answers that did not fit in the link". The check reads '
        "them from there: nothing is lost."
    ),
    "paste_file": N_("The text is too long for a link: paste the YAML above into the new file."),
}


def submit_pages(ctx: Context) -> Iterator[Page | OutputFile]:
    """/submit/ in the reader's language, and the lists its script loads: the cities to choose
    from (submit/cities.json, in the reader's language) and the ids already taken
    (submit/ids.json, the same in every language). The page itself does not grow with the
    data: at 10,000 records the lists would be most of it, and only the script needs them."""
    _ = ctx.gettext
    repository = ctx.settings["REPOSITORY"]
    branch = ctx.settings.get("REPOSITORY_BRANCH", "main")
    forms = [
        {
            "kind": kind,
            "name": _(KIND_NAMES[kind]),
            "blocks": list(_blocks(kind, tuple(f for f in form_fields(kind) if f.first), ctx)),
            "more": list(_blocks(kind, tuple(f for f in form_fields(kind) if not f.first), ctx)),
            "more_list": _more_list(kind, ctx),
            "template": commented_template(kind, _),
            "template_name": FOLDER_OF[kind],
        }
        for kind in KIND_ORDER
    ]
    config = {
        "language": ctx.language,
        "languages": LANGUAGES,  # each text is asked in these; the first is the default
        "repository": repository,
        "branch": branch,
        "urlLimit": URL_LIMIT,
        "maxIdLength": MAX_ID_LENGTH,
        "slugLength": SLUG_LENGTH,
        "transliteration": TRANSLITERATION,
        "wordStart": WORD_START,
        "citiesUrl": ctx.url(CITIES_FILE),
        "idsUrl": f"{ctx.siteurl}/{IDS_FILE}",
        "messages": {name: _(text) for name, text in SCRIPT_MESSAGES.items()},
        "kinds": {kind: _kind_config(kind, _) for kind in KIND_ORDER},
        "replyId": REPLY_ID,
    }
    yield ctx.page(
        "submit/",
        "submit.html",
        _("Publish a need, an offer, a pledge or your city"),
        forms=forms,
        config_json=_script_json(config),
        script_url=f"{ctx.siteurl}/theme/js/submit.js",
        submit_css_url=f"{ctx.siteurl}/theme/css/submit.css",
        repository_url=f"https://github.com/{repository}",
        issues_url=f"https://github.com/{repository}/issues/new/choose",
        confirm=_(CONFIRM_OPTION),
        guide_url=f"https://github.com/{repository}/blob/{branch}/{guide_name(ctx.language)}",
    )
    cities = sorted(ctx.dataset.cities.values(), key=ctx.city_key)
    names = [[city.id, city.name.best(ctx.language)[1]] for city in cities]
    yield OutputFile(CITIES_FILE, _compact_json(names))
    if ctx.language == LANGUAGES[0]:  # the same for every language: written once
        yield OutputFile(IDS_FILE, _compact_json(sorted(ctx.dataset.folders)), shared=True)


def _more_list(kind: str, ctx: Context) -> str:
    """What "More details" holds, for its summary line: "Items, Status, Role, Phone, Links"."""
    titles = dict.fromkeys(ctx.gettext(f.title) for f in form_fields(kind) if not f.first)
    return ", ".join(titles)


def guide_name(language: str) -> str:
    """The contributors' guide in a language: CONTRIBUTING.<language>.md, or .md in the first."""
    return "CONTRIBUTING.md" if language == LANGUAGES[0] else f"CONTRIBUTING.{language}.md"


def _kind_config(kind: str, gettext: Gettext) -> dict[str, Any]:
    return {
        "order": list(load_schemas().documents[kind]["properties"]),
        "today": today_fields(kind),
        "folder": FOLDER_OF[kind],
        "template": f"{kind}.yml",
        "titleWord": gettext(KIND_NAMES[kind]),  # the issue's title: "Need: ", "Потреба: "
        "fields": [_field_config(f, gettext) for f in form_fields(kind)],
        "answerIds": list(answer_ids(kind)),
        "schemaHeader": f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json",
    }


def _field_config(f: FormField, gettext: Gettext) -> dict[str, Any]:
    """What the script needs to check an answer and write it, straight from the schema."""
    schema = f.schema
    config: dict[str, Any] = {
        "key": f.key,
        "id": f.id,
        "widget": f.widget,
        "required": f.required,
        "language": f.language,
        "textKey": f.text_key,
        "textRequired": f.text_required,
        "issueLabel": field_label(f),  # its ### heading in the issue, for the long answers
    }
    for name in ("pattern", "maxLength", "minimum", "maximum", "exclusiveMinimum", "default"):
        if name in schema:
            config[name] = schema[name]
    if "x-expected" in schema:
        config["expected"] = gettext(schema["x-expected"])
    if f.schema.get("type") == "integer":
        config["integer"] = True
    for name in ("minItems", "maxItems"):
        if name in f.list_schema:
            config[name] = f.list_schema[name]
    if f.columns:
        config["columns"] = [_field_config(column, gettext) for column in f.columns]
    return config


def _blocks(kind: str, fields: tuple[FormField, ...], ctx: Context, prefix: str = "") -> Any:
    """The form's fields in fieldsets: a text's languages together, a group's fields together."""
    _ = ctx.gettext
    index = 0
    while index < len(fields):
        f = fields[index]
        if f.group and not prefix:
            group = [g for g in fields[index:] if g.group == f.group]
            index += len(group)
            yield {
                "type": "group",
                "legend": _(f.group),
                "blocks": list(_blocks(kind, tuple(group), ctx, f.group)),
            }
            continue
        if f.language:
            same = [g for g in fields[index:] if g.language and g.text_key == f.text_key]
            index += len(same)
            yield {
                "type": "texts",
                "legend": _(f.title),
                "required": f.text_required,
                "help": _field_help(f, ctx),
                "help_id": f"{kind}-{f.id}-help",
                "fields": [_input(kind, g, ctx, _(IN_LANGUAGE[g.language])) for g in same],
            }
            continue
        index += 1
        yield {"type": "field", "field": _input(kind, f, ctx, _(f.title))}


def _field_help(f: FormField, ctx: Context) -> str:
    """The schema's hint; a list typed into one box also says how to separate values."""
    if f.widget == "list":
        return field_help(f, ctx.gettext)
    return ctx.gettext(f.hint) if f.hint else ""


def _input(kind: str, f: FormField, ctx: Context, label: str) -> dict[str, Any]:
    """One control of the form, with its label, help, limits and choices. "(optional)" only
    where an answer may be left out: not on the language boxes of a text, whose fieldset
    says whether the text is needed."""
    html_id = f"{kind}-{f.id}"
    view: dict[str, Any] = {
        "id": html_id,
        "name": f.id,
        "key": f.key,
        "label": label,
        "lang": f.language,
        "widget": f.widget,
        "required": f.required,
        "optional": not f.required and not f.language,
        "help": "" if f.language else _field_help(f, ctx),
        "help_id": f"{html_id}-help",
        "type": _INPUT_TYPES.get(f.widget, "text"),
        "maxlength": f.schema.get("maxLength"),
        "default": f.schema.get("default", ""),
    }
    if f.widget in ("choice", "choices"):
        view["options"] = _options(f, ctx)
        # Short names (languages) go in two columns from a 390 px phone up, not 23 rows.
        view["compact"] = max(len(option["label"]) for option in view["options"]) <= SHORT_LABEL
    elif f.widget == "city":  # its options come from CITIES_FILE
        view["new_city_label"] = ctx.gettext("My city is not listed: register it first")
    if f.widget in ("number", "integer"):
        view["inputmode"] = "numeric" if f.widget == "integer" else "decimal"
    if f.widget == "rows":
        view["columns"] = [
            _input(kind, column, ctx, column.label(ctx.gettext)) for column in f.columns
        ]
        view["header"] = row_header(f, ctx.gettext)
        view["add_label"] = ctx.gettext("Add a line")
    return view


_INPUT_TYPES = {"email": "email", "url": "url", "tel": "tel", "date": "date"}
SHORT_LABEL = 14  # characters: what a 10rem column holds beside its tick box


def _options(f: FormField, ctx: Context) -> list[dict[str, str]]:
    labels = f.labels
    options = []
    for value in f.choices:
        if value in labels:
            label = ctx.gettext(labels[value])
        elif f.key.endswith("country"):
            label = names.country_name(str(value), ctx.language)
        else:
            label = str(value)
        options.append({"value": value, "label": label})
    if f.key.endswith("country"):
        options.sort(key=lambda option: ctx.sort_key(option["label"]))
    return options


def _compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _script_json(data: Any) -> str:
    """JSON safe inside <script type="application/json">."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
