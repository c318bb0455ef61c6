"""The glossary: the field's terms in several languages (content/glossary/<topic>.yaml), so that
a record written in one language is found by words of another ("fire engine" finds "пожежна
автоцистерна") and by synonyms in its own ("пожежна машина").

Each file maps concept names to terms per language (schemas/glossary.schema.json). Terms are
compared by their search keys (wordforms.py), a term of several words as a sequence of keys, so
one form of a term is enough: "пожежний автомобіль" is found in "пожежні автомобілі". The files
are read by validation.py (like every content file) and checked here: the schema, then what a
schema cannot say (a concept's name, a term that is only small words, a term given twice).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs

from .loading import Document
from .problems import FieldPath, Problem, Severity, dotted
from .schema_errors import schema_problems
from .schemas import Schemas, load_schemas
from .vocabulary import is_id
from .wordforms import sequence

KIND = "glossary"  # the schema: schemas/glossary.schema.json

Keys = tuple[str, ...]


@dataclass(frozen=True)
class Concept:
    """A thing, a service or a field of work, named in several languages."""

    id: str
    terms: dict[str, tuple[str, ...]]  # language -> terms, as written
    path: str = field(default="", compare=False)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """The search keys of all its terms, each once."""
        found = (key for terms in self.terms.values() for term in terms for key in sequence(term))
        return tuple(dict.fromkeys(found))

    def terms_except(self, language: str) -> Iterator[str]:
        for other, terms in self.terms.items():
            if other != language:
                yield from terms


@dataclass(frozen=True)
class Glossary:
    concepts: tuple[Concept, ...] = ()
    # language -> first key of a term -> (the term's keys, its concept), longest first
    _index: dict[str, dict[str, list[tuple[Keys, Concept]]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for concept in self.concepts:
            for language, terms in concept.terms.items():
                by_first = self._index.setdefault(language, {})
                for term in terms:
                    if term_keys := tuple(sequence(term)):
                        by_first.setdefault(term_keys[0], []).append((term_keys, concept))
        for by_first in self._index.values():
            for candidates in by_first.values():
                candidates.sort(key=lambda candidate: -len(candidate[0]))

    def concepts_in(self, text: str, language: str) -> list[Concept]:
        """The concepts one of whose terms in `language` occurs in the text, in order."""
        by_first = self._index.get(language)
        if not by_first:
            return []
        words = sequence(text)
        found: dict[str, Concept] = {}
        starts = by_first.keys() & words  # most texts name no concept: nothing more to do
        for start in (i for i, key in enumerate(words) if key in starts) if starts else ():
            for term_keys, concept in by_first[words[start]]:
                if tuple(words[start : start + len(term_keys)]) == term_keys:
                    found.setdefault(concept.id, concept)
        return list(found.values())

    def equivalents(self, text: str, language: str) -> set[str]:
        """The terms in other languages of every concept named in the text:
        equivalents("Дві пожежні автоцистерни", "uk") >= {"fire engine", "Löschfahrzeug"}."""
        return {
            term
            for concept in self.concepts_in(text, language)
            for term in concept.terms_except(language)
        }


# --- checking the files ------------------------------------------------------------------------


def glossary_from(documents: Iterable[Document]) -> tuple[Glossary, list[Problem]]:
    """The glossary of the files that passed their checks, and the problems of all of them."""
    problems: list[Problem] = []
    concepts: list[Concept] = []
    first: dict[str, Concept] = {}  # concept id -> where it was first given
    owners: dict[tuple[str, Keys], tuple[Concept, str]] = {}  # (language, keys) -> concept
    for document in documents:
        found = schema_problems(document, KIND, _schemas())
        if not found:
            found = list(_concept_problems(document, first, owners))
        problems += found
        if not any(problem.severity == "error" for problem in found):
            concepts += _concepts(document)
    return Glossary(tuple(concepts)), problems


def _concepts(document: Document) -> Iterator[Concept]:
    for name, terms in document.data.items():
        yield Concept(name, {lang: tuple(words) for lang, words in terms.items()}, document.path)


def _concept_problems(
    document: Document,
    first: dict[str, Concept],
    owners: dict[tuple[str, Keys], tuple[Concept, str]],
) -> Iterator[Problem]:
    """What the schema cannot say: a concept's name is an id and is given once; a term has a
    word to search for, and belongs to one concept (given once in it)."""

    def problem(path: FieldPath, message: str, severity: Severity = "error") -> Problem:
        line, column = document.position(path, key=len(path) == 1)
        return Problem(document.path, line, column, severity, dotted(path), message)

    for name, terms in document.data.items():
        concept = Concept(name, terms, document.path)
        if not is_id(name):
            yield problem(
                (name,),
                f'"{name}" is not a concept name: use lowercase letters a-z, digits and single '
                "hyphens, e.g. fire-engine",
            )
        elif name in first:
            yield problem(
                (name,),
                f'the concept "{name}" is also in {_shown(first[name].path)}; give each concept '
                "one entry, or another name",
            )
        else:
            first[name] = concept
        for language, words in terms.items():
            for index, term in enumerate(words):
                term_keys = tuple(sequence(term))
                at = (name, language, index)
                if not term_keys:
                    yield problem(
                        at, f'"{term}" has only small words such as "for" or "для"; write the term'
                    )
                    continue
                owner, written = owners.setdefault((language, term_keys), (concept, term))
                if owner is concept and written != term:
                    yield problem(
                        at,
                        f'"{term}" is "{written}" in another form (the search matches word '
                        "forms itself); remove one",
                        "warning",
                    )
                elif owner is not concept:
                    yield problem(
                        at,
                        f'"{term}" is also a term of "{owner.id}" ({_shown(owner.path)}); a '
                        "term belongs to one concept: keep it in one of them",
                    )


def _shown(path: str) -> str:
    """glossary/energy.yaml: where another concept is, said the same in every checkout."""
    return "/".join(Path(path).parts[-2:])


class _GlossarySchemas(Schemas):
    """The project's schemas, with validators for the glossary (schemas.py makes them for the
    record kinds only)."""

    def detailed(self, kind: str) -> Any:
        return _detailed()


@cache
def _schemas() -> Schemas:
    schemas = load_schemas()
    registry = jsonschema_rs.Registry([(s["$id"], s) for s in schemas.documents.values()])
    fast = jsonschema_rs.validator_for(schemas.documents[KIND], registry=registry)
    return _GlossarySchemas(documents=schemas.documents, fast={KIND: fast})


@cache
def _detailed() -> Any:
    import jsonschema
    import referencing

    documents = load_schemas().documents
    registry = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s)) for s in documents.values()
    )
    return jsonschema.Draft202012Validator(documents[KIND], registry=registry)
