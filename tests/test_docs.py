"""CONTRIBUTING.md stays true: its field reference is what the schemas say, and its fully
commented examples (the ```yaml blocks) are valid records that show every field."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TODAY

from cities4cities.publish.fieldref import END, START, fields, markdown_reference, split_at_markers
from cities4cities.schemas import FOLDERS
from cities4cities.validation import validate_content

ROOT = Path(__file__).parent.parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
FILE_LINE = re.compile(
    r"# content/(cities|needs|offers|pledges|partnerships)/([a-z0-9-]+\.yaml)[ \t]*"
)


def examples() -> list[tuple[str, str, str]]:
    """(folder, file name, text) of each ```yaml block; its first line names its file."""
    found = []
    for block in YAML_BLOCK.findall(CONTRIBUTING.read_text(encoding="utf-8")):
        first = block.partition("\n")[0]
        match = FILE_LINE.fullmatch(first)
        assert match, (
            f"a ```yaml block in CONTRIBUTING.md starts with {first!r}; each one is a "
            "complete example whose first line is # content/<folder>/<id>.yaml "
            "(use a plain ``` fence for fragments)"
        )
        found.append((match[1], match[2], block))
    return found


def test_field_reference_is_up_to_date() -> None:
    _, committed, _ = split_at_markers(CONTRIBUTING.read_text(encoding="utf-8"))
    assert committed == markdown_reference(), (
        "the field reference in CONTRIBUTING.md is not what schemas/ say; run `make docs`"
    )


def test_one_example_per_record_type() -> None:
    assert sorted(folder for folder, _, _ in examples()) == sorted(FOLDERS)


def test_examples_validate_without_problems(content: Path) -> None:
    written = []
    for folder, name, text in examples():
        target = content / folder / name
        assert not target.exists(), f"example {folder}/{name} would replace a base fixture"
        target.write_text(text, encoding="utf-8")
        written.append(target.stem)

    result = validate_content(content, TODAY)

    assert result.problems == [], "\n".join(map(str, result.problems))
    assert set(written) <= result.dataset.folders.keys()


def written_paths(data: Any, prefix: str = "") -> set[str]:
    """Dotted names of every field in a record, written as in the reference: items[].unit."""
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            found |= {prefix + str(key)} | written_paths(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for entry in data:
            found |= written_paths(entry, prefix.removesuffix(".") + "[].")
    return found


def test_examples_show_every_field() -> None:
    for folder, name, text in examples():
        shown = written_paths(yaml.safe_load(text))
        missing = [f.name for f in fields(FOLDERS[folder]) if f.name not in shown]
        assert not missing, f"the example {name} in CONTRIBUTING.md leaves out {missing}"


@pytest.fixture
def update_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    spec = importlib.util.spec_from_file_location(
        "update_contributing", ROOT / "scripts" / "update_contributing.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "CONTRIBUTING", tmp_path / "CONTRIBUTING.md")
    return module


def test_update_script_replaces_only_the_marked_part(update_script: Any) -> None:
    update_script.CONTRIBUTING.write_text(
        f"# Guide\n\n{START}\nold\n{END}\n\nEnd.\n", encoding="utf-8"
    )
    assert update_script.main() == 0
    assert update_script.CONTRIBUTING.read_text(encoding="utf-8") == (
        f"# Guide\n\n{START}\n{markdown_reference()}{END}\n\nEnd.\n"
    )


def test_update_script_refuses_a_file_without_markers(update_script: Any, capsys) -> None:
    update_script.CONTRIBUTING.write_text(f"# Guide\n\n{END}\n{START}\n", encoding="utf-8")
    assert update_script.main() == 1
    assert "<!-- field-reference:start -->" in capsys.readouterr().err
    assert update_script.CONTRIBUTING.read_text(encoding="utf-8") == f"# Guide\n\n{END}\n{START}\n"
