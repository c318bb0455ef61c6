"""The whole check of a content folder: files -> strict YAML -> schema -> records -> rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .loading import Document, load_document
from .problems import Problem
from .records import Dataset, Record, city_from, need_from, offer_from
from .rules import check_rules
from .schema_errors import schema_problems
from .schemas import FOLDERS, Schemas, load_schemas

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 80
_BUILDERS: dict[str, Callable[[str, Document], Record]] = {
    "cities": city_from, "needs": need_from, "offers": offer_from,
}


@dataclass
class Result:
    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def summary(self) -> str:
        ds = self.dataset
        counts = ", ".join(_plural(_count(ds, folder), FOLDERS[folder]) for folder in FOLDERS)
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            return f"{counts}: no errors"
        parts = [_plural(errors, "error") if errors else "no errors"]
        if warnings:
            parts.append(_plural(warnings, "warning"))
        return f"{counts}: {', '.join(parts)}"


def _plural(count: int, noun: str) -> str:
    plural = "cities" if noun == "city" else noun + "s"
    return f"{count} {noun if count == 1 else plural}"


def _count(ds: Dataset, folder: str) -> int:
    return sum(1 for f in ds.folders.values() if f == folder)


def validate_content(root: Path, today: date) -> Result:
    """Check every record under root/cities, root/needs and root/offers."""
    schemas = load_schemas()
    result = Result(Dataset())
    if not root.is_dir():
        result.problems.append(Problem(str(root), 1, 1, "error", "",
                                       "this folder does not exist; give the content folder "
                                       "(the one holding cities/, needs/ and offers/)"))
        return result
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*")) if (root / folder).is_dir() else ():
            _check_file(path, folder, schemas, result)
    result.problems.extend(check_rules(result.dataset, today))
    result.problems.sort()
    return result


def _check_file(path: Path, folder: str, schemas: Schemas, result: Result) -> None:
    shown = str(path)
    if path.is_dir() or path.name.startswith("."):
        return
    if path.suffix != ".yaml":
        result.problems.append(Problem(shown, 1, 1, "error", "",
                                       f"only .yaml files belong in {folder}/; rename it to "
                                       f"{path.stem}.yaml or move it elsewhere"))
        return
    record_id = path.stem
    if problem := _id_problem(shown, record_id, folder, result.dataset):
        result.problems.append(problem)
    result.dataset.folders.setdefault(record_id, folder)
    document, problems = load_document(shown, path.read_bytes())
    if document is not None:
        # A field the loader already objected to (an alias, a repeated key) is not re-judged.
        seen = {problem.field for problem in problems}
        problems += [problem for problem in schema_problems(document, FOLDERS[folder], schemas)
                     if problem.field not in seen]
    if document is not None and not problems:
        problems += _date_problems(document, FOLDERS[folder], schemas)
    result.problems.extend(problems)
    if document is not None and not any(p.severity == "error" for p in problems):
        record = _BUILDERS[folder](record_id, document)
        getattr(result.dataset, folder)[record_id] = record


def _id_problem(shown: str, record_id: str, folder: str, dataset: Dataset) -> Problem | None:
    if not ID_PATTERN.fullmatch(record_id) or len(record_id) > MAX_ID_LENGTH:
        return Problem(shown, 1, 1, "error", "",
                       f'the file name "{record_id}.yaml" is not a valid id: use at most '
                       f"{MAX_ID_LENGTH} lowercase letters a-z, digits and single hyphens, "
                       "e.g. ua-chernihiv-water-pumps-2026.yaml")
    taken = dataset.folders.get(record_id)
    if taken and taken != folder:
        return Problem(shown, 1, 1, "error", "",
                       f'the id "{record_id}" is already used by content/{taken}/'
                       f"{record_id}.yaml; ids are unique across cities, needs and offers")
    return None


def _date_problems(document: Document, kind: str, schemas: Schemas) -> list[Problem]:
    """Dates that have the YYYY-MM-DD form but are not on the calendar, such as 2026-02-30."""
    problems = []
    for name in schemas.date_fields(kind):
        text = document.data.get(name)
        if text is None:
            continue
        try:
            date.fromisoformat(text)
        except ValueError:
            line, column = document.position((name,))
            problems.append(Problem(document.path, line, column, "error", name,
                                    f'"{text}" is not a real date; check the month and day'))
    return problems
