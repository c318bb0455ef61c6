"""jsonschema's findings, said again in a city officer's words at the right line and column."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from .loading import Document
from .problems import FieldPath, Problem, dotted
from .schemas import Schemas

# Country codes people write where a language code belongs.
_LANGUAGE_ALIASES = {
    "ua": "uk",
    "gb": "en",
    "cz": "cs",
    "ee": "et",
    "dk": "da",
    "se": "sv",
    "gr": "el",
    "si": "sl",
    "at": "de",
    "eng": "en",
    "ukr": "uk",
    "ger": "de",
}
_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "array": "a list",
    "object": "a group of fields (field: value lines)",
    "boolean": "true or false",
    "null": "empty",
}
_LISTED_VALUES = 16  # longer enums are not spelt out in a message


def schema_problems(document: Document, kind: str, schemas: Schemas) -> list[Problem]:
    """Every schema violation in one parsed record, one problem per field."""
    if schemas.fast[kind].is_valid(document.data):
        return []
    explainer = _Explainer(document, schemas)
    # A value can break several keywords at once ("NO" is neither text nor a country);
    # the type says the most, an empty text says more than a pattern.
    errors = sorted(
        schemas.detailed(kind).iter_errors(document.data),
        key=lambda e: _PRIORITY.get(str(e.validator), len(_PRIORITY)),
    )
    by_field: dict[str, Problem] = {}
    for error in errors:
        for problem in explainer.explain(error):
            by_field.setdefault(problem.field, problem)
    if not by_field:  # the two validators disagree: say so rather than pass the file
        return [
            Problem(
                document.path,
                1,
                1,
                "error",
                "",
                "the record does not match the schema; run the validator with "
                "the latest version or ask a maintainer",
            )
        ]
    return sorted(by_field.values())


_PRIORITY = {"type": 0, "minLength": 1, "minProperties": 1}


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "an empty value"}[value]
    if isinstance(value, dict | list):
        return "this " + ("group of fields" if isinstance(value, dict) else "list")
    return str(value)


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


def _allowed(choices: list[Any]) -> str:
    if len(choices) > _LISTED_VALUES:
        return " (see the list of allowed values in CONTRIBUTING.md)"
    return "; allowed: " + ", ".join(str(choice) for choice in choices)


class _Explainer:
    def __init__(self, document: Document, schemas: Schemas) -> None:
        self.document = document
        self.schemas = schemas

    def problem(self, path: FieldPath, message: str, *, at_key: bool = False) -> Problem:
        line, column = self.document.position(path, key=at_key)
        return Problem(self.document.path, line, column, "error", dotted(path), message)

    def explain(self, error: Any) -> Iterator[Problem]:  # a jsonschema.ValidationError
        path: FieldPath = tuple(error.absolute_path)
        handler = getattr(self, f"_{str(error.validator).lower()}", None)
        if "propertyNames" in error.absolute_schema_path:
            yield from self._property_name(error, path)
        elif handler:
            yield from handler(error, path)
        else:
            yield self.problem(path, error.message)

    def _required(self, error, path: FieldPath) -> Iterator[Problem]:
        properties = error.schema.get("properties", {})
        unknown = [key for key in error.instance if key not in properties]
        for name in error.validator_value:
            # A misspelt field is reported once, as unknown with "did you mean", not twice.
            if name in error.instance or _suggest(name, unknown):
                continue
            about = self.schemas.resolve(properties[name]) if name in properties else {}
            what = about.get("description") or self._language_name(name)
            suffix = f" ({what})" if what else ""
            at = path if path else ()
            line, column = self.document.position(at, key=True)
            yield Problem(
                self.document.path,
                line,
                column,
                "error",
                dotted((*path, name)),
                f"this required field is missing; add it{suffix}",
            )

    def _language_name(self, code: str) -> str:
        labels = self.schemas.defs()["language"]["x-labels"]
        return f"the text in {labels[code]}" if code in labels else ""

    def _additionalproperties(self, error, path: FieldPath) -> Iterator[Problem]:
        known = list(error.schema.get("properties", {}))
        moved = error.schema.get("x-moved", {})  # fields records no longer hold
        for name in error.instance:
            if name in known:
                continue
            if name in moved:
                message = f"this field has moved: {moved[name]}"
                yield self.problem((*path, name), message, at_key=True)
                continue
            hint = _suggest(name, known) or ("; allowed here: " + ", ".join(known))
            yield self.problem((*path, name), f"unknown field{hint}", at_key=True)

    def _property_name(self, error, path: FieldPath) -> Iterator[Problem]:
        name = error.instance
        codes = self.schemas.defs()["language"]["enum"]
        alias = _LANGUAGE_ALIASES.get(str(name).lower())
        hint = f'; did you mean "{alias}"?' if alias else _suggest(str(name), codes)
        yield self.problem(
            (*path, name),
            f'"{name}" is not a supported language code{hint} (codes: {", ".join(codes)})',
            at_key=True,
        )

    def _enum(self, error, path: FieldPath) -> Iterator[Problem]:
        yield self._not_allowed(error.instance, error.validator_value, path)

    def _not_allowed(self, value: Any, choices: list[Any], path: FieldPath) -> Problem:
        hint = self._quote_hint(path, choices) or (
            _suggest(value, [str(c) for c in choices]) if isinstance(value, str) else ""
        )
        return self.problem(
            path, f"{_value_text(value)} is not an allowed value{hint or _allowed(choices)}"
        )

    def _type(self, error, path: FieldPath) -> Iterator[Problem]:
        expected = error.validator_value
        words = " or ".join(
            _TYPE_WORDS.get(t, t) for t in (expected if isinstance(expected, list) else [expected])
        )
        if expected == "string" and "enum" in error.schema:
            yield self._not_allowed(error.instance, error.schema["enum"], path)
            return
        hint = self._quote_hint(path) if expected == "string" else ""
        if not hint and expected == "array" and isinstance(error.instance, str):
            hint = '; write each entry on its own line starting with "- "'
        if not hint and expected in ("number", "integer") and isinstance(error.instance, str):
            hint = "; write the number without quotes or units"
        if expected == "object" and "propertyNames" in error.schema:  # localized text
            yield self.problem(
                path,
                f"{_value_text(error.instance)} should be written per "
                "language, on indented lines below it such as "
                '"en: ..." and "uk: ..."',
            )
            return
        yield self.problem(path, f"{_value_text(error.instance)} should be {words}{hint}")

    def _quote_hint(self, path: FieldPath, choices: list[Any] | None = None) -> str:
        """Tell to quote a value YAML read as true/false, empty or a number, if quoting helps."""
        written = self.document.written_unquoted(path)
        if written is None or (choices is not None and written not in choices):
            return ""
        value = self._value_at(path)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        reading = "a number" if numeric else _value_text(value)
        return f'; YAML reads the unquoted {written} as {reading}: put it in quotes, "{written}"'

    def _value_at(self, path: FieldPath) -> Any:
        value: Any = self.document.data
        for part in path:
            value = value[part]
        return value

    def _pattern(self, error, path: FieldPath) -> Iterator[Problem]:
        expected = self.schemas.resolve(error.schema).get("x-expected", "in the expected form")
        yield self.problem(path, f"{_value_text(error.instance)} is not {expected}")

    def _maxlength(self, error, path: FieldPath) -> Iterator[Problem]:
        yield self.problem(
            path,
            f"is {len(error.instance):,} characters long, more than the "
            f"{error.validator_value:,} allowed; shorten it",
        )

    def _minlength(self, error, path: FieldPath) -> Iterator[Problem]:
        yield self.problem(path, "is empty; write the text or remove the field")

    def _minproperties(self, error, path: FieldPath) -> Iterator[Problem]:
        yield self.problem(
            path, "is empty; write the text in at least one language, e.g. en: ... and uk: ..."
        )

    def _minimum(self, error, path: FieldPath) -> Iterator[Problem]:
        yield self.problem(
            path, f"{error.instance} is too small; the least allowed is {error.validator_value}"
        )

    def _exclusiveminimum(self, error, path: FieldPath) -> Iterator[Problem]:
        yield self.problem(
            path, f"{error.instance} is too small; it must be more than {error.validator_value}"
        )

    def _maximum(self, error, path: FieldPath) -> Iterator[Problem]:
        yield self.problem(
            path, f"{error.instance} is too large; the most allowed is {error.validator_value}"
        )

    def _minitems(self, error, path: FieldPath) -> Iterator[Problem]:
        count = error.validator_value
        yield self.problem(path, f"needs at least {count} entr{'y' if count == 1 else 'ies'}")

    def _maxitems(self, error, path: FieldPath) -> Iterator[Problem]:
        yield self.problem(
            path,
            f"has {len(error.instance)} entries, more than the "
            f"{error.validator_value} allowed; keep the most important",
        )

    def _uniqueitems(self, error, path: FieldPath) -> Iterator[Problem]:
        seen: list[Any] = []
        for index, value in enumerate(error.instance):
            if value in seen:
                yield self.problem(
                    (*path, index), f"{_value_text(value)} is listed twice; remove the repeat"
                )
            seen.append(value)
