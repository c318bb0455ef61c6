"""The command-line side of contributions (thin: the work is in issueforms, issues, replies,
newrecord and overdue):

python -m cities4cities new need|offer|city      ask the questions, write a valid file
python -m cities4cities issue                    issue event -> record, reply, file
python -m cities4cities issue-forms [--check]    write .github/ISSUE_TEMPLATE/ from the schemas
python -m cities4cities overdue                  records past review_by (text or Markdown)
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import sys
from pathlib import Path
from typing import Any

from .. import overdue
from ..clock import today
from ..messages import gettext_for
from ..validation import validate_content
from ..vocabulary import LANGUAGES
from . import issueforms, issues, replies
from .formfields import KINDS
from .newrecord import Terminal, run_new, write_new_file

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

    late = commands.add_parser("overdue", help="list open records past their review date")
    late.add_argument("content", nargs="?", type=Path, default=Path("content"))
    late.add_argument("--format", choices=("text", "markdown"), default="text")
    late.add_argument(
        "--repository", default=os.environ.get("GITHUB_REPOSITORY") or _setting("REPOSITORY")
    )
    late.set_defaults(run=_overdue)


def _setting(name: str) -> str:
    """A value of the site's settings (pelicanconf.py imports no Pelican)."""
    return str(runpy.run_path(str(ROOT / "pelicanconf.py")).get(name, ""))


def _new(args: argparse.Namespace) -> int:
    terminal = Terminal(sys.stdin, sys.stdout, gettext_for(args.language))
    return run_new(args.kind, args.content, terminal, today())


def _issue(args: argparse.Namespace) -> int:
    if args.event is None or not args.event.is_file():
        print(
            f"error: no event file {args.event or ''} (give --event or set GITHUB_EVENT_PATH)",
            file=sys.stderr,
        )
        return 2
    try:
        event = json.loads(args.event.read_text(encoding="utf-8"))
        issue = event["issue"]
        labels = [label["name"] for label in issue.get("labels", ())]
    except (ValueError, KeyError, TypeError) as error:
        print(f"error: {args.event} is not an issue event: {error}", file=sys.stderr)
        return 2
    outcome = issues.process_issue(issue.get("body"), labels, args.content, today())
    if args.write and outcome.ready:
        write_new_file(args.content, outcome.submission.kind, outcome.record_id, outcome.text)
    comment = replies.reply(outcome)
    if args.reply:
        args.reply.write_text(comment, encoding="utf-8")
    else:
        print(comment)
    if args.pr_body:
        number = issue.get("number", "")
        args.pr_body.write_text(replies.pull_request_body(outcome, number), encoding="utf-8")
    if args.github_output:
        with args.github_output.open("a", encoding="utf-8") as output:
            output.write(replies.github_output(outcome))
    print(
        f"{outcome.path or 'no record'}: {'ready' if outcome.ready else 'not ready'}",
        file=sys.stderr,
    )
    return 1 if args.write and not outcome.ready else 0


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
    result = validate_content(args.content, today())
    found = overdue.overdue(result.dataset, today())
    if args.format == "markdown":
        print(overdue.as_markdown(found, today(), args.repository), end="")
    else:
        print(overdue.as_text(found, today()), end="")
    return 0
