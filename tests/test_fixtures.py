"""Each file in fixtures/invalid/<folder>/ is dropped into the valid base dataset alone; its
'# expect:' lines list exactly what the validator must report about it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY

from cities4cities.validation import validate_content

INVALID = sorted((FIXTURES / "invalid").glob("*/*"))
EXPECT = "# expect: "


def expectations(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return [line.removeprefix(EXPECT) for line in lines if line.startswith(EXPECT)]


def reported(problem) -> str:
    field = f"{problem.field}: " if problem.field else ""
    return f"{problem.line}:{problem.column} {problem.severity}: {field}{problem.message}"


def test_base_dataset_is_valid(content: Path) -> None:
    result = validate_content(content, TODAY)
    assert result.problems == []
    assert result.summary() == "2 cities, 1 need, 2 offers, 1 partnership: no errors"


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_fixture_reports_exactly_its_expectations(fixture: Path, content: Path) -> None:
    expected = expectations(fixture)
    assert expected, f"{fixture} has no '# expect:' lines"
    target = content / fixture.parent.name / fixture.name
    shutil.copyfile(fixture, target)

    result = validate_content(content, TODAY)

    assert [reported(p) for p in result.problems if Path(p.path) == target] == expected
    assert all(p.path == str(target) for p in result.errors), "errors leaked to other files"


def test_every_rule_has_a_fixture() -> None:
    """Adding a rule without a bad example to show it fails is not allowed."""
    from cities4cities.rules import RULES

    text = "\n".join("\n".join(expectations(path)) for path in INVALID)
    witnesses = {
        "city_id_starts_with_country": 'must start with "de-"',
        "region_belongs_to_country": "is a region of PL",
        "katottg_only_in_ukraine": "only Ukrainian cities have a KATOTTG",
        "listing_belongs_to_its_city": "must start with the city id",
        "dates_in_order": "is before posted",
        "review_not_overdue": "has passed",
        "matches_are_offers_of_other_cities": "is an offer of ua-sumy itself",
        "fulfilled_need_says_how": "a fulfilled need says how it was met",
        "received_within_quantity": "received is more than",
        "no_near_duplicate_titles": "nearly the same as",
        "katottg_in_codifier": "is not in the KATOTTG codifier",
        "needs_come_from_ukraine": "needs come from cities in Ukraine",
        "contacts_are_the_citys": "is at a free-mail provider",
        "official_domains_are_the_citys_own": '"gmail.com" is a free-mail provider',
        "verification_is_current": "is more than a year old",
        "no_account_numbers": "looks like a bank account (IBAN)",
        "pledge_belongs_to_its_city": "must start with the id of the pledging city",
        "pledge_answers_an_open_need": "name an offer of pl-lublin",
        "pledged_items_are_the_needs": "is not an item of ua-sumy-generators",
        "pledge_within_what_is_still_needed": "pledged is more than the 2 still needed",
        "pledge_dates_in_order": "a pledge comes after its need",
        "pledge_status_moves_forward": "a status only moves forward",
        "pledge_not_overdue": "has passed and no delivery is recorded",
        "partnership_cities_are_registered": "a city cannot be its own partner",
        "partnership_has_an_office_per_city": "no contact office of ua-sumy",
        "no_duplicate_partnerships": "the same partnership as",
        "partnership_dates_in_order": "a partnership ends after it begins",
        "partnership_records_are_its_cities": "is not a pledge registered here",
        "priority_project_only_in_ukraine": "only Ukrainian cities name a priority project",
    }
    assert {rule.__name__ for rule in RULES} == set(witnesses)
    for name, witness in witnesses.items():
        assert witness in text, f"no fixture shows rule {name}"


def test_oversized_file_is_refused(content: Path) -> None:
    source = (content / "needs" / "ua-sumy-generators.yaml").read_text(encoding="utf-8")
    padding = "# " + "x" * 98 + "\n"
    target = content / "needs" / "ua-sumy-big.yaml"
    target.write_text(source + padding * 700, encoding="utf-8")

    problems = [
        reported(p) for p in validate_content(content, TODAY).problems if Path(p.path) == target
    ]

    assert len(problems) == 1
    assert problems[0].startswith("1:1 error: the file is 71,")
    assert "more than the 65,536 allowed" in problems[0]


# The example data shows, once each, what a reader must be warned of: a contact that the city's
# domains do not confirm (a need, an offer), a verification that has lapsed and a pledge overdue.
EXAMPLE_WARNINGS = [
    ("cities/ua-lviv.yaml", "verified.date", "is more than a year old"),
    ("needs/ua-izium-demining-equipment.yaml", "contact.email", "not on the official e-mail"),
    ("offers/de-filderstadt-ambulances.yaml", "contact.email", "not on the official e-mail"),
    ("pledges/pl-warsaw-ua-mykolaiv-school-kitchen-equipment.yaml", "expected", "has passed"),
]


def test_example_content_validates_without_errors() -> None:
    content = Path(__file__).parent.parent / "content"
    result = validate_content(content, TODAY)
    assert result.errors == [], "\n".join(map(str, result.errors))
    shown = [(Path(p.path).relative_to(content).as_posix(), p.field) for p in result.warnings]
    assert shown == [(path, field) for path, field, _ in EXAMPLE_WARNINGS], "\n".join(
        map(str, result.warnings)
    )
    for problem, (_, _, words) in zip(result.warnings, EXAMPLE_WARNINGS, strict=True):
        assert words in problem.message, problem


def test_split_across_processes_reports_the_same(content: Path, monkeypatch) -> None:
    """Big datasets are parsed in two processes; documents from the worker arrive without
    their positions, which are read again from the file when a rule reports a problem."""
    from cities4cities import validation

    need = content / "needs" / "ua-sumy-generators.yaml"
    need.write_text(
        need.read_text(encoding="utf-8").replace("city: ua-sumy", "city: ua-sumi"), encoding="utf-8"
    )
    serial = validate_content(content, TODAY)
    monkeypatch.setattr(validation, "PARALLEL_FROM", 2)
    split = validate_content(content, TODAY)

    assert [str(p) for p in split.problems] == [str(p) for p in serial.problems]
    assert [reported(p) for p in split.problems] == [
        '2:7 error: city: "ua-sumi" is not a city registered here; did you mean "ua-sumy"?',
        '2:7 error: city: the file name "ua-sumy-generators.yaml" must start with the city id: '
        '"ua-sumi-..."',
    ]
    assert split.dataset.needs.keys() == serial.dataset.needs.keys()
