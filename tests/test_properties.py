"""Whatever a contributor's editor produces, the validator answers with problems, never a crash."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import FIXTURES, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cities4cities.loading import load_document
from cities4cities.schema_errors import schema_problems
from cities4cities.schemas import load_schemas
from cities4cities.validation import validate_content

BASE_NEED = (FIXTURES / "base" / "needs" / "ua-sumy-generators.yaml").read_bytes()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["NO", "yes", "on", "1e3", "0x1F", "2026-02-30", "~", "ua", "https://x.y"]),
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=12) | st.sampled_from(["city", "title", "en", "items"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_only_give_problems(raw: bytes) -> None:
    document, problems = load_document("x.yaml", raw)
    assert document is not None or problems


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from(["city", "need", "offer"]))
def test_arbitrary_yaml_documents_only_give_problems(data: object, kind: str) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    document, problems = load_document("x.yaml", raw)
    if document is not None and isinstance(document.data, dict):
        problems = schema_problems(document, kind, load_schemas())
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(position=st.integers(0, len(BASE_NEED) - 1), junk=st.binary(min_size=1, max_size=8))
def test_damaged_records_only_give_problems(content: Path, position: int, junk: bytes) -> None:
    """A real record with a few bytes overwritten, run through the whole validator."""
    target = content / "needs" / "ua-sumy-generators.yaml"
    target.write_bytes(BASE_NEED[:position] + junk + BASE_NEED[position + len(junk) :])
    result = validate_content(content, TODAY)
    assert all(p.line >= 1 for p in result.problems)
