"""Command line: python -m cities4cities validate|new|issue|issue-forms|overdue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .clock import today
from .contribute import submissions
from .validation import validate_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cities4cities", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="check records against the schemas and rules")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("content")],
        help="content folders, or single record files to report on (default: content)",
    )
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github prints workflow commands that annotate a pull request",
    )
    check.set_defaults(run=_validate)
    submissions.add_commands(commands)

    args = parser.parse_args(argv)
    return args.run(args)


def _validate(args: argparse.Namespace) -> int:
    # A file argument means: check its whole content folder, report on that file only.
    roots: dict[Path, set[Path] | None] = {}
    for path in args.paths:
        if path.is_file():
            wanted = roots.setdefault(path.parent.parent, set())
            if wanted is not None:
                wanted.add(path.resolve())
        else:
            roots[path] = None
    failed = False
    for root, wanted in roots.items():
        result = validate_content(root, today())
        for problem in result.problems:
            if wanted is None or Path(problem.path).resolve() in wanted:
                print(problem.github() if args.format == "github" else problem)
        print(result.summary())
        failed = failed or any(
            wanted is None or Path(p.path).resolve() in wanted for p in result.errors
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
