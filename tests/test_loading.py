"""The strict loader and the typed records it feeds."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from conftest import TODAY

from cities4cities.loading import load_document
from cities4cities.validation import validate_content


def test_dates_stay_text_and_positions_are_remembered() -> None:
    document, problems = load_document("x.yaml", b"posted: 2026-03-01\nitems:\n  - quantity: 6\n")
    assert problems == []
    assert document.data == {"posted": "2026-03-01", "items": [{"quantity": 6}]}
    assert document.position(("posted",)) == (1, 9)
    assert document.position(("items", 0, "quantity")) == (3, 15)
    assert document.position(("items", 0, "quantity"), key=True) == (3, 5)
    assert document.position(("items", 0, "unit")) == (3, 5)  # missing: its parent


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("NO", False),
        ("yes", True),
        ("on", True),
        ("~", None),
        ("1e3", 1000.0),
        ("0x1F", 31),
        ("1_000", 1000),
        ('"NO"', "NO"),
        ("'1e3'", "1e3"),
        ("12:30", "12:30"),
        (".inf", ".inf"),
    ],
)
def test_plain_scalars_read_as_yaml_tools_read_them(written: str, value: object) -> None:
    document, _ = load_document("x.yaml", f"v: {written}\n".encode())
    assert document.data["v"] == value
    assert type(document.data["v"]) is type(value)
    quoted = written[0] in "\"'"
    unquoted = document.written_unquoted(("v",))
    assert unquoted == (None if quoted or isinstance(value, str) else written)


def test_byte_order_mark_at_the_start_is_accepted() -> None:
    document, problems = load_document("x.yaml", "\ufeffa: b\n".encode())
    assert problems == [] and document.data == {"a": "b"}


def test_records_are_typed_and_immutable(content) -> None:
    dataset = validate_content(content, TODAY).dataset
    need = dataset.needs["ua-sumy-generators"]
    assert need.posted == date(2026, 10, 1)
    assert need.title.best("uk") == ("uk", "Генератори для лікарень Сум")
    assert need.title.best("de") == ("en", "Generators for Sumy hospitals")
    assert need.items[0].quantity == 2 and need.items[0].unit == "piece"
    assert dataset.cities["pl-lublin"].contact.languages == ("pl", "en", "uk")
    with pytest.raises(dataclasses.FrozenInstanceError):
        need.status = "fulfilled"
