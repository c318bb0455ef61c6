"""The machinery of the rules: a rule is a function (Dataset, today) -> problems, registered
with @rule; report() makes its problem at the field's line and column."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from datetime import date

from ..problems import FieldPath, Problem, Severity, dotted
from ..records import Dataset, Record

Rule = Callable[[Dataset, date], Iterator[Problem]]
RULES: list[Rule] = []

_FOLDER_WORDS = {
    "cities": "a city",
    "needs": "a need",
    "offers": "an offer",
    "pledges": "a pledge",
    "partnerships": "a partnership",
}


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


def check_rules(dataset: Dataset, today: date) -> list[Problem]:
    return [problem for check in RULES for problem in check(dataset, today)]


def report(
    record: Record,
    path: FieldPath,
    message: str,
    severity: Severity = "error",
    at: FieldPath | None = None,
) -> Problem:
    """A problem with a field, at its line and column (or at those of the field `at`: where a
    missing field belongs)."""
    line, column = record.document.position(path if at is None else at)
    return Problem(record.path, line, column, severity, dotted(path), message)


def reference_problem(
    ds: Dataset, record: Record, path: FieldPath, target: str, folder: str
) -> Problem | None:
    """Why `target` is not a valid reference to a record in `folder`, or None if it is."""
    found_in = ds.folders.get(target)
    if found_in == folder:
        return None  # exists (if its own file has errors, they are reported there)
    if found_in:
        return report(
            record, path, f'"{target}" is {_FOLDER_WORDS[found_in]}, not {_FOLDER_WORDS[folder]}'
        )
    known = [i for i, f in ds.folders.items() if f == folder]
    close = difflib.get_close_matches(target, known, n=1)
    hint = (
        f'; did you mean "{close[0]}"?' if close else f"; add content/{folder}/{target}.yaml first"
    )
    return report(record, path, f'"{target}" is not {_FOLDER_WORDS[folder]} registered here{hint}')


def city_problems(ds: Dataset, record: Record, city: str, whose: str) -> Iterator[Problem]:
    """A record names a registered city, and its file name starts with that city's id (`whose`
    says which city, in the message: "the city id")."""
    if problem := reference_problem(ds, record, ("city",), city, "cities"):
        yield problem
    if not record.id.startswith(city + "-"):
        yield report(
            record,
            ("city",),
            f'the file name "{record.id}.yaml" must start with {whose}: "{city}-..."',
        )
