"""The whole check of a content folder: files -> strict YAML -> schema -> records -> rules."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .bulk import cyclic_gc_paused
from .cache import ContentCache, digest
from .glossary import Glossary, glossary_from
from .loading import Document, load_document
from .partnering import partnership_from
from .problems import Problem
from .reading import not_plain_file, read_file, reference_problems, text_problems
from .records import Dataset, Record, city_from, need_from, offer_from, pledge_from
from .rules import check_rules
from .schema_errors import schema_problems
from .schemas import FOLDERS, Schemas, load_schemas
from .vocabulary import MAX_ID_LENGTH, is_id

PARALLEL_FROM = 2000  # files below which one process is faster than two
_BUILDERS: dict[str, Callable[[str, Document], Record]] = {
    "cities": city_from,
    "needs": need_from,
    "offers": offer_from,
    "pledges": pledge_from,
    "partnerships": partnership_from,
}
ALWAYS_COUNTED = ("cities", "needs", "offers")  # in the summary; other folders when they hold files


@dataclass
class Result:
    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    glossary: Glossary = field(default_factory=Glossary)  # its files' problems are in problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def summary(self) -> str:
        ds = self.dataset
        counts = ", ".join(
            _plural(_count(ds, folder), FOLDERS[folder])
            for folder in FOLDERS
            if folder in ALWAYS_COUNTED or _count(ds, folder)
        )
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


def validate_content(
    root: Path,
    today: date,
    cache: ContentCache | None = None,
    *,
    extra: Mapping[str, bytes] | None = None,
) -> Result:
    """Check every record under root/cities, needs, offers, pledges and partnerships. With a
    cache, a file checked before with the same bytes is not read again; the rules across records
    always run.

    extra: files checked as if they were in root, by their path relative to it
    ("needs/ua-sumy-pumps.yaml"), from their bytes; one takes the place of a file of the same
    name. Nothing is written: a candidate record is checked with all the others this way, and
    its problems name the path the file would have."""
    result = Result(Dataset())
    if not root.is_dir():
        result.problems.append(
            Problem(
                str(root),
                1,
                1,
                "error",
                "",
                "this folder does not exist; give the content folder "
                "(the one holding cities/, needs/ and offers/)",
            )
        )
        return result
    given = _given_files(root, extra or {})
    records = []
    for folder in FOLDERS:
        for path in _listing(root / folder, given, result.problems):
            if path.suffix != ".yaml":
                result.problems.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        "error",
                        "",
                        f"only .yaml files belong in {folder}/; rename "
                        f"it to {path.stem}.yaml or move it elsewhere",
                    )
                )
                continue
            if problem := _id_problem(str(path), path.stem, folder, result.dataset):
                result.problems.append(problem)
            result.dataset.folders.setdefault(path.stem, folder)
            records.append((path, folder))
    with cyclic_gc_paused():
        checked = _check_all(records, given, cache)
    for (_, folder), (record, problems) in zip(records, checked, strict=True):
        result.problems.extend(problems)
        if record is not None:
            getattr(result.dataset, folder)[record.id] = record
    result.problems.extend(check_rules(result.dataset, today))
    result.problems.extend(_page_problems(root / PAGES))
    result.glossary, found = _glossary(root / GLOSSARY, cache)
    result.problems.extend(found)
    result.problems.sort()
    return result


def _given_files(root: Path, extra: Mapping[str, bytes]) -> dict[Path, bytes]:
    given = {}
    for relative, data in extra.items():
        parts = Path(relative).parts
        if len(parts) != 2 or parts[0] not in FOLDERS:
            raise ValueError(f"{relative}: an extra file goes in one of {', '.join(FOLDERS)}")
        given[root / relative] = data
    return given


def _listing(folder: Path, given: Mapping[Path, bytes], problems: list[Problem]) -> list[Path]:
    """The record files of a folder, sorted: the plain files on disk and those given. Anything
    else in it (a link, a folder, a pipe, a device) is a problem, and is never opened."""
    on_disk = _plain_files(folder, problems)
    return sorted({*on_disk, *(path for path in given if path.parent == folder)})


def _plain_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The plain files of a content folder (not hidden ones); the rest are problems. A folder
    that is itself a link is not listed: what it leads to is outside the content."""
    if folder.is_symlink():
        problems.append(
            Problem(
                str(folder),
                1,
                1,
                "error",
                "",
                "this folder is a symbolic link, so it is not read; the files must be in the "
                "content folder itself",
            )
        )
        return []
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if problem := not_plain_file(path):
            problems.append(problem)
        else:
            files.append(path)
    return files


PAGES = "pages"  # the site's Markdown pages (content/pages/*.md), read by the build


def _page_problems(folder: Path) -> list[Problem]:
    """Each file the build reads from content/pages/ is a plain file of UTF-8 text within the
    size limit, with no control or invisible characters."""
    problems: list[Problem] = []
    for path in _plain_files(folder, problems):
        raw, refused = read_file(path)
        if refused:
            problems.append(refused)
            continue
        text, found = text_problems(str(path), raw)
        problems += found if text is None else reference_problems(str(path), text)
    return problems


GLOSSARY = "glossary"  # the field's terms in several languages (content/glossary/*.yaml)


def _glossary(folder: Path, cache: ContentCache | None) -> tuple[Glossary, list[Problem]]:
    """The glossary's files, each read like a record's (from the cache if unchanged), then
    checked together by glossary.py."""
    problems: list[Problem] = []
    documents = []
    for path in _plain_files(folder, problems):
        if path.suffix != ".yaml":
            message = f"only .yaml files belong in {GLOSSARY}/; rename it or move it elsewhere"
            problems.append(Problem(str(path), 1, 1, "error", "", message))
            continue
        raw, refused = read_file(path)
        if refused:
            problems.append(refused)
            continue
        key = (str(path), GLOSSARY, digest(raw))
        loaded = cache.get(key) if cache is not None else None
        if loaded is None:
            loaded = load_document(str(path), raw)
            if cache is not None:
                cache.put(key, loaded)
        document, found = loaded
        problems += found
        if document is not None and all(problem.severity != "error" for problem in found):
            documents.append(document)
    glossary, found = glossary_from(documents)
    return glossary, problems + found


Checked = tuple[Document | None, list[Problem]]
FileResult = tuple[Record | None, list[Problem]]


def _check_all(
    files: list[tuple[Path, str]], given: Mapping[Path, bytes], cache: ContentCache | None
) -> list[FileResult]:
    """Files on disk as usual (from the cache, perhaps in two processes); given files in this
    process and never cached: their documents keep positions no file could give again."""
    on_disk = [file for file in files if file[0] not in given]
    checked = iter(_check_files(on_disk) if cache is None else _cached_check(on_disk, cache))
    return [
        _records([file], [_check_file(*file, given[file[0]])])[0]
        if file[0] in given
        else next(checked)
        for file in files
    ]


def _cached_check(files: list[tuple[Path, str]], cache: ContentCache) -> list[FileResult]:
    """_check_files, taking the result of each unchanged file from the cache."""
    keys: list[tuple[str, str, str] | None] = []
    results: list[FileResult | None] = []
    for path, folder in files:
        raw, refused = read_file(path)
        keys.append(None if raw is None else (str(path), folder, digest(raw)))
        results.append((None, [refused]) if refused else cache.get(keys[-1]))
    missing = [index for index, result in enumerate(results) if result is None]
    fresh = _check_files([files[index] for index in missing])
    for index, result in zip(missing, fresh, strict=True):
        results[index] = result
        cache.put(keys[index], result)
    return results


def _check_files(files: list[tuple[Path, str]]) -> list[FileResult]:
    """Check each file on its own and build the valid records. Parsing is most of the time,
    so a big dataset is split: a forked worker parses part while this process does the rest
    (and builds records meanwhile); the worker sends documents back, cheaper than records."""
    if len(files) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return _records(files, _check_chunk(files))
    load_schemas()  # compiled once here, inherited by the worker
    split = int(len(files) * 0.55)  # the worker also pays for sending its results
    # The worker's share goes in pieces, so sending results overlaps with parsing.
    pieces = [files[start : start + 500] for start in range(split, len(files), 500)]
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        theirs = pool.map(_check_chunk, pieces)
        mine = _records(files[:split], _check_chunk(files[:split]))
        return mine + _records(files[split:], [each for piece in theirs for each in piece])


def _records(files: list[tuple[Path, str]], checked: list[Checked]) -> list[FileResult]:
    return [
        (None if document is None else _BUILDERS[folder](path.stem, document), problems)
        for (path, folder), (document, problems) in zip(files, checked, strict=True)
    ]


def _check_chunk(files: list[tuple[Path, str]]) -> list[Checked]:
    return [_check_file(path, folder) for path, folder in files]


def _check_file(path: Path, folder: str, raw: bytes | None = None) -> Checked:
    """The file's document if it is a valid record (else None), and the file's problems;
    raw: its bytes, when it is not on disk."""
    kind = FOLDERS[folder]
    schemas = load_schemas()
    # A file on disk is read without positions (fast), as they can be read again from it later.
    on_disk = raw is None
    if on_disk:
        raw, refused = read_file(path)
        if refused:
            return None, [refused]
    document, problems = load_document(str(path), raw, lazy_positions=on_disk)
    if document is None:
        return None, problems
    # A field the loader already objected to (an alias, a repeated key) is not re-judged.
    seen = {problem.field for problem in problems}
    problems += [p for p in schema_problems(document, kind, schemas) if p.field not in seen]
    if not problems:
        problems += _date_problems(document, kind, schemas)
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    return document, problems


def _id_problem(shown: str, record_id: str, folder: str, dataset: Dataset) -> Problem | None:
    if not is_id(record_id):
        return Problem(
            shown,
            1,
            1,
            "error",
            "",
            f'the file name "{record_id}.yaml" is not a valid id: use at most '
            f"{MAX_ID_LENGTH} lowercase letters a-z, digits and single hyphens, "
            "e.g. ua-chernihiv-water-pumps-2026.yaml",
        )
    taken = dataset.folders.get(record_id)
    if taken and taken != folder:
        return Problem(
            shown,
            1,
            1,
            "error",
            "",
            f'the id "{record_id}" is already used by content/{taken}/'
            f"{record_id}.yaml; ids are unique across cities, needs and offers",
        )
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
            problems.append(
                Problem(
                    document.path,
                    line,
                    column,
                    "error",
                    name,
                    f'"{text}" is not a real date; check the month and day',
                )
            )
    return problems
