"""The command-line side of contributions (thin: the work is in issueforms, issues, replies,
terminal, overdue and weekly):

python -m cities4cities new need|offer|city      ask the questions, write a valid file
python -m cities4cities issue                    issue event -> record, reply, file
python -m cities4cities issue-forms [--check]    write .github/ISSUE_TEMPLATE/ from the schemas
python -m cities4cities overdue                  the weekly review list (text or Markdown)
python -m cities4cities check-setup              the one-time GitHub settings of a copy
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import sys
from pathlib import Path
from typing import Any

from .. import overdue, weekly
from ..clock import today
from ..messages import gettext_for
from ..validation import validate_content
from ..vocabulary import LANGUAGES
from . import issueforms, issues, replies
from .formfields import KINDS
from .newrecord import UnsafePathError, write_new_file
from .setup import check_setup, gh_api
from .terminal import Terminal, run_new

ROOT = Path(__file__).resolve().parents[2]


def add_commands(commands: Any) -> None:
    new = commands.add_parser("new", help="ask for a new record on the terminal and write it")
    new.add_argument("kind", choices=KINDS)
    new.add_argument("--content", type=Path, default=Path("content"))
    new.add_argument("--language", choices=LANGUAGES, default=LANGUAGES[0], help="of the questions")
    new.set_defaults(run=_new)

    issue = commands.add_parser("issue", help="read a submission issue into a record")
    issue.add_argument(
        "--event",
        type=Path,
        default=os.environ.get("GITHUB_EVENT_PATH"),
        help="the event JSON of the issue (default: $GITHUB_EVENT_PATH)",
    )
    issue.add_argument("--content", type=Path, default=Path("content"))
    issue.add_argument(
        "--write",
        action="store_true",
        help="write the record's file into content/ when it is ready; else exit 1",
    )
    issue.add_argument("--reply", type=Path, help="write the comment for the issue here")
    issue.add_argument(
        "--reviewed-reply",
        type=Path,
        help="with --write: the check's reply the maintainer approved; the file is written only "
        "from the very answers that reply found ready, else --reply gets why not",
    )
    issue.add_argument("--pr-body", type=Path, help="write the pull request's text here")
    issue.add_argument(
        "--github-output",
        type=Path,
        default=os.environ.get("GITHUB_OUTPUT"),
        help="append ready, path, id and pr_title (default: $GITHUB_OUTPUT)",
    )
    issue.set_defaults(run=_issue)

    forms = commands.add_parser("issue-forms", help="write the issue forms from the schemas")
    forms.add_argument("--output", type=Path, default=ROOT / issueforms.TEMPLATE_DIR)
    forms.add_argument("--check", action="store_true", help="only report files that differ")
    forms.set_defaults(run=_issue_forms)

    late = commands.add_parser(
        "overdue", help="list open records past their review date, then those not verified"
    )
    late.add_argument("content", nargs="?", type=Path, default=Path("content"))
    late.add_argument("--format", choices=("text", "markdown"), default="text")
    late.add_argument(
        "--repository", default=os.environ.get("GITHUB_REPOSITORY") or _setting("REPOSITORY")
    )
    late.add_argument(
        "--full-list",
        type=Path,
        help="with markdown: also write every overdue record here (a table of any length)",
    )
    late.add_argument(
        "--full-list-url",
        default="",
        help="where that file will be read: the body links it when it must summarise",
    )
    late.set_defaults(run=_overdue)

    setup = commands.add_parser(
        "check-setup", help="check the one-time GitHub settings of a copy (with gh, if logged in)"
    )
    setup.add_argument(
        "--repository", default=os.environ.get("GITHUB_REPOSITORY") or _setting("REPOSITORY")
    )
    setup.set_defaults(run=_check_setup)


def _setting(name: str) -> str:
    """A value of the site's settings (pelicanconf.py imports no Pelican); "" when run where
    there is none, so the commands that do not need it still work."""
    settings = ROOT / "pelicanconf.py"
    return str(runpy.run_path(str(settings)).get(name, "")) if settings.is_file() else ""


def _new(args: argparse.Namespace) -> int:
    terminal = Terminal(sys.stdin, sys.stdout, gettext_for(args.language))
    return run_new(args.kind, args.content, terminal, today())


def _issue(args: argparse.Namespace) -> int:
    """Every way this can end writes a reply (when --reply is given), so the issue always hears
    back: the check, a file that could not be written, or an unexpected failure."""
    issue, error = _read_event(args.event)
    if issue is None:
        print(f"error: {error}", file=sys.stderr)
        _write_reply(args, replies.failure_reply(None))
        return 2
    language = None
    try:
        language = issues.parse_issue(issue.get("body"), _labels(issue)).language
        outcome = issues.process_issue(issue.get("body"), _labels(issue), args.content, today())
        comment = replies.reply(outcome)
        if args.write:
            reviewed = _read(args.reviewed_reply) if args.reviewed_reply else None
            refusal = replies.approval_refusal(outcome, reviewed)
            if refusal:
                print(f"error: {outcome.path or 'no record'}: not written", file=sys.stderr)
                _write_reply(args, refusal)
                return 1
            try:
                kind, record_id = outcome.submission.kind, outcome.record_id
                write_new_file(args.content, kind, record_id, outcome.text)
            except (OSError, UnsafePathError) as failed:
                print(f"error: {outcome.path} was not written: {failed}", file=sys.stderr)
                _write_reply(args, replies.not_written_reply(outcome))
                return 1
    except Exception as failed:  # whatever it was, the issue gets its reply
        print(f"error: the issue could not be checked: {failed!r}", file=sys.stderr)
        _write_reply(args, replies.failure_reply(language))
        return 3
    if not args.write:  # on approval, the issue hears only of a refusal; the PR closes it
        _write_reply(args, comment)
    if args.pr_body:
        number = issue.get("number", "")
        # The branch as it will be pushed: the content folder with the file just written.
        checked = validate_content(args.content, today()) if args.write else None
        body = replies.pull_request_body(outcome, number, checked)
        args.pr_body.write_text(body, encoding="utf-8")
    if args.github_output:
        with args.github_output.open("a", encoding="utf-8") as output:
            output.write(replies.github_output(outcome))
    print(
        f"{outcome.path or 'no record'}: {'ready' if outcome.ready else 'not ready'}",
        file=sys.stderr,
    )
    return 1 if args.write and not outcome.ready else 0


def _read_event(path: Path | None) -> tuple[dict[str, Any] | None, str]:
    """The issue of an event file, or None and what is wrong with the file."""
    if path is None or not path.is_file():
        return None, f"no event file {path or ''} (give --event or set GITHUB_EVENT_PATH)"
    try:
        issue = json.loads(path.read_text(encoding="utf-8"))["issue"]
        _labels(issue)
        if not isinstance(issue.get("body") or "", str):
            raise TypeError("the issue's body is not text")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return None, f"{path} is not an issue event: {error!r}"
    return issue, ""


def _labels(issue: dict[str, Any]) -> list[str]:
    return [str(label["name"]) for label in issue.get("labels") or ()]


def _write_reply(args: argparse.Namespace, comment: str) -> None:
    if args.reply:
        args.reply.write_text(comment, encoding="utf-8")
    else:
        print(comment)


def _issue_forms(args: argparse.Namespace) -> int:
    files = issueforms.render_files(_setting("REPOSITORY"), _setting("PRODUCTION_URL"))
    stale = [name for name, text in files.items() if _read(args.output / name) != text]
    if args.check:
        for name in stale:
            print(f"{args.output / name} is not what the schemas give; run `make issue-forms`")
        return 1 if stale else 0
    args.output.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.output / name).write_text(files[name], encoding="utf-8")
    print(f"issue forms: {len(stale)} of {len(files)} files written to {args.output}")
    return 0


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _overdue(args: argparse.Namespace) -> int:
    """The weekly review list: records overdue, then those no verification vouches for."""
    result = validate_content(args.content, today())
    found = overdue.overdue(result.dataset, today())
    unchecked = weekly.unverified(result.dataset, today())
    if args.format == "markdown":
        url = args.full_list_url
        print(weekly.body(found, unchecked, today(), args.repository, full_list_url=url), end="")
        if args.full_list:
            args.full_list.parent.mkdir(parents=True, exist_ok=True)
            text = weekly.full_list(found, unchecked, today(), args.repository)
            args.full_list.write_text(text, encoding="utf-8")
    else:
        print(overdue.as_text(found, today()) + weekly.as_text(unchecked, today()), end="")
    return 0


def _check_setup(args: argparse.Namespace) -> int:
    return check_setup(args.repository, gh_api(), print)
