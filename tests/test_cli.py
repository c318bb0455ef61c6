"""The validator as a contributor and CI run it: exit codes, compiler-style lines, annotations."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, command_environment
from conftest import run_cli as run

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (error|warning): (?P<rest>.+)$")


def break_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_valid_content_exits_zero_with_a_summary(content: Path) -> None:
    result = run("validate", str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "2 cities, 1 need, 2 offers, 1 partnership: no errors"


def test_errors_are_reported_compiler_style_and_exit_one(content: Path) -> None:
    need = content / "needs" / "ua-sumy-generators.yaml"
    break_file(need, "supply@sumy-hospital.example", "nope")
    break_file(need, "urgency: high", "urgancy: high")
    city = content / "cities" / "pl-lublin.yaml"
    break_file(city, "example: true", "partners: [ua-sumy]\nexample: true")  # as files were

    result = run("validate", str(content))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    *problems, summary = result.stdout.strip().splitlines()
    assert summary == "2 cities, 1 need, 2 offers, 1 partnership: 3 errors"
    assert all(LINE.match(line) for line in problems), problems
    assert (
        f'{need}:26:10: error: contact.email: "nope" is not an e-mail address, such as '
        "partnerships@city.gov.ua" in problems
    )
    assert f'{need}:18:1: error: urgancy: unknown field; did you mean "urgency"?' in problems
    assert (
        f"{city}:18:1: error: partners: this field has moved: partnerships now live in their "
        "own files, one per partnership: content/partnerships/<first-city-id>-<other-city-id>"
        ".yaml with cities: [<this city>, <partner>], a kind, since and the contact offices; "
        'move each partner there (see "Partnerships" in CONTRIBUTING.md) and remove this field'
        in problems
    )


def test_warnings_alone_exit_zero(content: Path) -> None:
    need = content / "needs" / "ua-sumy-generators.yaml"
    break_file(
        need,
        'posted: "2026-10-01"\nreview_by: "2027-04-01"',
        'posted: "2026-01-10"\nreview_by: "2026-11-01"',
    )
    result = run("validate", str(content))
    assert result.returncode == 0
    assert result.stdout.strip().endswith(": no errors, 1 warning")


def test_github_format_prints_workflow_annotations(content: Path) -> None:
    need = content / "needs" / "ua-sumy-generators.yaml"
    break_file(need, "sectors: [health, energy]", "sectors: [health, enrgy]")
    result = run("validate", "--format", "github", str(content))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f'::error file={need},line=9,col=19::sectors[1]: "enrgy" is not an allowed value; '
        'did you mean "energy"?'
    )


def test_a_file_argument_reports_on_that_file_with_the_whole_dataset(content: Path) -> None:
    need = content / "needs" / "ua-sumy-generators.yaml"
    offer = content / "offers" / "pl-lublin-water-pumps.yaml"
    break_file(offer, "status: available", "status: gone")

    clean = run("validate", str(need))  # its city is found in the rest of the content folder
    broken = run("validate", str(offer))

    assert clean.returncode == 0, clean.stdout
    assert broken.returncode == 1
    assert '"gone" is not an allowed value' in broken.stdout


def test_missing_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "this folder does not exist" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_command_works_outside_a_checkout(content: Path, tmp_path: Path) -> None:
    """Installed elsewhere (no pelicanconf.py beside the package), the validator still runs."""
    shutil.copytree(ROOT / "cities4cities", tmp_path / "elsewhere" / "cities4cities")
    shutil.copytree(ROOT / "schemas", tmp_path / "elsewhere" / "schemas")
    result = subprocess.run(
        [sys.executable, "-m", "cities4cities", "validate", str(content)],
        cwd=tmp_path,  # python -m looks in the working folder first
        env=command_environment({"PYTHONPATH": str(tmp_path / "elsewhere")}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no errors" in result.stdout
