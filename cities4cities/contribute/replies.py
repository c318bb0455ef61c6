"""What goes back to GitHub about a submission issue: the one reply (in the language the form
was filled in, every text from the issue escaped), the pull request's title and text, and the
workflow's step outputs."""

from __future__ import annotations

import re

from ..messages import Gettext, gettext_for
from ..vocabulary import LANGUAGES
from .formfields import form_fields
from .issueforms import CONFIRM_LABEL
from .issues import LIST_INDEX, Outcome
from .newrecord import first_text

MARKER = "<!-- cities4cities:submission -->"  # opens the bot's one reply on an issue
APPROVED_LABEL = "approved"


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


def failure_reply(language: str | None) -> str:
    """The reply when the check itself failed (in every language of the site when the issue's
    own could not be read): nothing is lost, a maintainer looks at it."""
    lines = [MARKER]
    for each in [language] if language else LANGUAGES:
        _ = gettext_for(each)
        lines += [
            _(
                "**The automatic check could not finish on this issue.** Nothing is lost: the "
                "answers stay here, and a maintainer will look at it. You do not need to do "
                "anything now."
            ),
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def not_written_reply(outcome: Outcome) -> str:
    """The reply when a valid record's file could not be added (another file took its place
    since the check): the check runs again when the issue is edited."""
    _ = gettext_for(outcome.submission.language)
    message = _(
        "**The record could not be added yet:** another record took its place since the answers "
        "were checked. A maintainer will remove the label `%(label)s` and add it again, which "
        "checks the answers anew."
    )
    return f"{MARKER}\n{message % {'label': APPROVED_LABEL}}\n"


def label_for(kind: str, dotted: str, gettext: Gettext, row: int = 0, column: str = "") -> str:
    """The question a field belongs to, as the form names it: "Contact: E-mail", "Items, line 2:
    Quantity"."""
    if not dotted:
        return gettext("The record")
    index = LIST_INDEX.search(dotted)
    if index and not row:
        row = int(index[1]) + 1
        column = LIST_INDEX.sub("", dotted).partition(".")[2].split(".")[0]
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
    words = first_text(texts) or outcome.record_id
    title = " ".join(f"Add {kind}: {words}".split())
    return title if len(title) <= 100 else title[:99] + "…"


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
