"""The JSON Schemas in schemas/, loaded once: validators and what other code derives from them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

# Content folder -> schema name.
FOLDERS = {
    "cities": "city",
    "needs": "need",
    "offers": "offer",
    "pledges": "pledge",
    "partnerships": "partnership",
}


@dataclass(frozen=True)
class Schemas:
    documents: dict[str, dict[str, Any]]  # "city" / "need" / ... / "defs" -> schema
    fast: dict[str, jsonschema_rs.Validator]  # answers "valid?" in microseconds

    def detailed(self, kind: str) -> Any:
        """A jsonschema validator that explains why a record is not valid (loaded on demand:
        most runs never need it)."""
        return _detailed_validators()[kind]

    def resolve(self, subschema: dict[str, Any]) -> dict[str, Any]:
        """A subschema with its $ref followed; its own title/description win over the target's."""
        ref = subschema.get("$ref")
        if not ref:
            return subschema
        name, _, pointer = ref.partition("#")
        # Refs without a file name occur only inside defs.schema.json itself.
        document = self.documents[name.removesuffix(".schema.json") if name else "defs"]
        target = document
        for part in pointer.strip("/").split("/"):
            target = target[part]
        merged = {**self.resolve(target), **subschema}
        merged.pop("$ref")
        return merged

    def defs(self) -> dict[str, Any]:
        return self.documents["defs"]["$defs"]

    def date_fields(self, kind: str) -> Iterator[str]:
        """Top-level fields of a record kind that hold a date."""
        for name, prop in self.documents[kind]["properties"].items():
            if prop.get("$ref", "").endswith("/$defs/date"):
                yield name


@cache
def load_schemas() -> Schemas:
    documents = {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }
    registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in documents.values()])
    return Schemas(
        documents=documents,
        fast={
            kind: jsonschema_rs.validator_for(documents[kind], registry=registry)
            for kind in FOLDERS.values()
        },
    )


@cache
def _detailed_validators() -> dict[str, Any]:
    import jsonschema
    import referencing

    schemas = load_schemas()
    registry = referencing.Registry().with_resources(
        (schema["$id"], referencing.Resource.from_contents(schema))
        for schema in schemas.documents.values()
    )
    return {
        kind: jsonschema.Draft202012Validator(schemas.documents[kind], registry=registry)
        for kind in FOLDERS.values()
    }
