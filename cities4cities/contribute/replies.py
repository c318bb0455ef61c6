"""What goes back to GitHub about a submission issue: the one reply (in the language the form
was filled in, every text from the issue escaped), the pull request's title and text, and the
workflow's step outputs."""

from __future__ import annotations

import re

from ..messages import Gettext, gettext_for
from ..validation import Result
from ..vocabulary import LANGUAGES
from .formfields import form_fields
from .issueforms import CONFIRM_LABEL
from .issues import LIST_INDEX, Outcome
from .newrecord import first_text
from .wording import for_form

MARKER = "<!-- cities4cities:submission -->"  # opens the bot's one reply on an issue
APPROVED_LABEL = "approved"
# Ends the reply on answers that make a valid record: the digest of exactly those answers.
CHECKED = "<!-- cities4cities:checked {digest} -->"
# Only as the reply's last line: a text from the issue (shown in the file) cannot pose as it.
_CHECKED = re.compile(r"\n<!-- cities4cities:checked ([0-9a-f]{16}) -->\n?\Z")


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
    # The validator's problems, worded for whoever filled in the form (wording.py).
    complaints += [(label_for(kind, p.field, _), escape(for_form(p, _))) for p in outcome.errors]
    warnings = [
        (label_for(kind, p.field, _), escape(for_form(p, _)))
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
            _("**Thank you!** The answers make a valid record."),
            "",
            _(
                "A maintainer will review it and publish it in the directory; this issue closes "
                "when it is published."
            ),
        ]
    if warnings:
        lines += ["", _("Worth a look (these do not stop the record):"), ""]
        lines += [f"- **{label}**: {message}" for label, message in warnings]
    if outcome.text and not complaints:
        fence = "`" * max(3, _longest_backtick_run(outcome.text) + 1)
        summary = _("The record as it will be published")
        lines += ["", f"<details><summary>{summary}</summary>", ""]
        lines += [f"{fence}yaml", outcome.text.rstrip("\n"), fence, "", "</details>"]
    if outcome.ready:
        lines += ["", CHECKED.format(digest=outcome.submission.digest)]
    return "\n".join(lines) + "\n"


def checked_digest(reply_text: str | None) -> str | None:
    """The digest of the answers a reply found ready (None if it found them not ready)."""
    found = _CHECKED.search(reply_text or "")
    return found[1] if found else None


APPROVAL = "<!-- cities4cities:approval -->"  # opens a comment on an approval refused


def approval_refusal(outcome: Outcome, reviewed_reply: str | None) -> str | None:
    """Why no pull request can be made on approval, as a comment for the issue; None when the
    answers make a valid record and are exactly those the reply that was reviewed found ready
    (the body may have been edited since a maintainer read it)."""
    _ = gettext_for(outcome.submission.language)
    reviewed = checked_digest(reviewed_reply)
    if not outcome.ready:
        why = _(
            "**No pull request was opened:** the label `%(label)s` was added, but the answers "
            "do not make a publishable record yet; the check's reply says what to change."
        )
    elif reviewed is None:
        why = _(
            "**No pull request was opened:** the label `%(label)s` was added before the "
            "check replied that the answers make a valid record."
        )
    elif reviewed != outcome.submission.digest:
        why = _(
            "**No pull request was opened:** the answers were edited after the check replied, "
            "so they are not the ones that were reviewed. The check has run again on the new "
            "answers; please review its reply."
        )
    else:
        return None
    again = _("Once the reply says the record is valid, a maintainer adds the label again.")
    return f"{APPROVAL}\n{why % {'label': APPROVED_LABEL}} {again}\n"


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


def pull_request_body(
    outcome: Outcome, issue_number: int | str, validation: Result | None = None
) -> str:
    """The pull request's text: it closes the issue when merged, and says what the automatic
    checks found on the branch as pushed (validation: of its whole content folder). A pull
    request opened with the workflow's token starts no workflow, so CI does not run on it
    by itself; the workflow ran the checks on the same files before pushing them."""
    lines = [
        f"Closes #{issue_number}",
        "",
        f"The file `{outcome.path}` as the submission form gave it, from exactly the answers "
        f"the check's reply on the issue found valid (checked answers "
        f"`{outcome.submission.digest}`). Reviewers: please go through the checklist of the "
        "pull request template.",
    ]
    if validation is not None:
        mark = "❌" if validation.errors else "✅"
        lines += [
            "",
            "## Automatic checks on this branch",
            "",
            "These ran in the submission workflow on exactly the files of this branch (a pull "
            "request opened by the workflow starts no CI run; close and reopen it to run CI).",
            "",
            f"- {mark} Validation (`python -m cities4cities validate content`): "
            f"{validation.summary()}",
        ]
        lines += [f"  - {escape(str(problem))}" for problem in validation.problems[:50]]
        if len(validation.problems) > 50:
            lines.append(f"  - … and {len(validation.problems) - 50} more")
    return "\n".join(lines) + "\n"


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
