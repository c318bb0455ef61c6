# ruff: noqa: RUF001 (Ukrainian answers)
"""The terminal helper `python -m cities4cities new need|offer|city` and the weekly list of
records past their review date (`overdue`), run as a maintainer runs them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import TODAY, run_cli

from cities4cities.contribute.newrecord import commented_template, scalar
from cities4cities.loading import load_document
from cities4cities.overdue import MARKER, as_markdown, overdue
from cities4cities.validation import validate_content


def run(*args: str, answers: str = "") -> subprocess.CompletedProcess[str]:
    return run_cli(*args, answers=answers)


NEED_ANSWERS = [
    "ua-kharkiv",  # not registered: asked again
    "ua-sumy",
    "Water pumps",  # title in English
    "",  # ... none in Ukrainian
    "",  # description in English: skipped ...
    "Потрібні насоси для станції.",  # ... in Ukrainian
    "water, 3",  # "water" is no sector: asked again
    "water-sanitation, 1",  # by value and by number
    "2",  # kinds: equipment
    "y",  # add an item
    "Pump",
    "Насос",
    "two",  # not a number: asked again
    "2,5",
    "1",  # unit: piece
    "",  # received: skipped
    "n",  # no more items
    "high",
    "",  # status: the default, open
    "2027-02-30",  # not a real date: asked again
    "2027-03-01",
    "",
    "",  # logistics
    "Vodokanal",
    "Водоканал",
    "",
    "",  # role
    "nope",  # not an e-mail: asked again
    "vodokanal@sumy-city.example",
    "",  # phone
    "uk, en",
    "n",  # links: none
]


def test_new_need_asks_checks_each_answer_and_writes_a_valid_file(content: Path) -> None:
    result = run("new", "need", "--content", str(content), answers="\n".join(NEED_ANSWERS) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    path = content / "needs" / "ua-sumy-water-pumps.yaml"
    assert f"Written: {path}" in result.stdout
    out = result.stdout
    assert '"ua-kharkiv" is not a registered city; add the city first' in out
    assert '"water" is not an allowed value; did you mean "water-sanitation"?' in out
    assert "write a number, such as 12 or 2.5" in out
    assert '"2027-02-30" is not a real date; check the month and day' in out
    assert '"nope" is not an e-mail address, such as partnerships@city.gov.ua' in out
    assert "   1. energy — Energy" in out  # the choices come from the schema, with labels
    text = path.read_text(encoding="utf-8")
    assert "  - water-sanitation\n  - energy\n" in text
    assert 'posted: "2026-11-26"' in text and "status: open" in text
    assert "quantity: 2.5\n    unit: piece" in text
    assert validate_content(content, TODAY).problems == []


def test_new_city_in_ukrainian(content: Path) -> None:
    answers = [
        "Chernihiv",
        "Чернігів",
        "UA",
        "UA-74",
        "",  # KATOTTG: Enter takes the codifier's suggestion
        "285000",
        "51.4982",
        "31.2893",
        "",
        "Department of International Cooperation",
        "",
        "",
        "",
        "office@chernihiv.example",
        "",
        "uk",
        "chernihiv.example",  # the city's official e-mail domains
        *[""] * 11,  # about the city, seeking a partner: nothing
    ]
    result = run(
        "new",
        "city",
        "--content",
        str(content),
        "--language",
        "uk",
        answers="\n".join(answers) + "\n",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Назва (англійською)" in result.stdout
    assert "Записано:" in result.stdout
    assert "У кодифікаторі для цієї назви й регіону є UA74100390000073425" in result.stdout
    text = (content / "cities" / "ua-chernihiv.yaml").read_text(encoding="utf-8")
    assert 'katottg: "UA74100390000073425"\n' in text
    assert validate_content(content, TODAY).problems == []


def test_new_city_elsewhere_is_not_asked_for_a_katottg_code(content: Path) -> None:
    answers = ["Chelm", "", "PL", "PL-06", "", "51.14", "23.47", "https://www.chelm.pl/"]
    answers += ["City office", "", "", "", "office@chelm.pl", "", "pl", *[""] * 12]
    result = run("new", "city", "--content", str(content), answers="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KATOTTG" not in result.stdout
    assert validate_content(content, TODAY).problems == []


def test_new_stops_cleanly_when_the_answers_end(content: Path) -> None:
    result = run("new", "offer", "--content", str(content), answers="pl-lublin\nPumps\n")
    assert result.returncode == 1
    assert "Stopped before the end: nothing was written." in result.stdout
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (content / "offers").iterdir()) == [
        "pl-lublin-water-pumps.yaml",
        "ua-sumy-rescue-training.yaml",
    ]


def test_a_text_is_written_so_that_yaml_reads_it_back_unchanged() -> None:
    for text in ("pumps", "2026", "yes", "a: b", 'say "hi"', "tab\tand\nline", "Київ ʼ"):
        document, problems = load_document("x.yaml", f"t: {scalar(text)}\n".encode())
        assert problems == [] and document.data == {"t": text}, scalar(text)
    assert scalar("a\x80\u2029") == '"a\\u0080\\u2029"'  # as submit.js writes it


def test_a_control_character_is_written_as_an_escape_that_the_validator_refuses() -> None:
    """Valid YAML, so the contributor hears what is wrong rather than a syntax error."""
    for char in ("\x80", "\x85", "\x7f", "\u2028", "\x00", "\u202e"):
        document, problems = load_document("x.yaml", f"t: {scalar('a' + char)}\n".encode())
        assert document is None
        assert len(problems) == 1 and problems[0].message.endswith(
            (
                "is written here as an escape in quotes; delete it",
                "is here; delete it (it often comes with copy and paste)",
            )
        ), problems


def test_commented_templates_explain_every_question() -> None:
    template = commented_template("need", lambda text: text)
    assert template.startswith("# content/needs/<city-id>-<a-few-words>.yaml\n")
    assert "# Urgency (required): How soon the help is needed. Allowed: critical, high" in template
    assert 'posted: "YYYY-MM-DD"' in template
    assert "matched_with" not in template and "example" not in template


# -- overdue ----------------------------------------------------------------------------------


def test_overdue_lists_open_records_past_review_by(content: Path) -> None:
    need = content / "needs" / "ua-sumy-generators.yaml"
    text = need.read_text(encoding="utf-8")
    need.write_text(
        text.replace(
            'posted: "2026-10-01"\nreview_by: "2027-04-01"',
            'posted: "2026-01-10"\nreview_by: "2026-11-01"',
        ),
        encoding="utf-8",
    )
    dataset = validate_content(content, TODAY).dataset
    found = overdue(dataset, TODAY)
    assert [listing.id for listing in found] == ["ua-sumy-generators"]
    markdown = as_markdown(found, TODAY, "owner/repo")
    assert markdown.startswith(MARKER + "\n")
    assert (
        "| [Generators for Sumy hospitals](https://github.com/owner/repo/blob/main/content/needs/"
        "ua-sumy-generators.yaml) | need | `ua-sumy` | 2026-11-01 | 25 |" in markdown
    )
    result = run("overdue", str(content), "--format", "markdown", "--repository", "owner/repo")
    # The weekly list: the overdue table, then the records no verification vouches for.
    assert result.returncode == 0 and result.stdout.startswith(markdown + "\n## Not verified")


def test_overdue_says_when_nothing_is_overdue(content: Path) -> None:
    result = run("overdue", str(content), "--format", "markdown", "--repository", "o/r")
    assert "Nothing is overdue." in result.stdout
    text = run("overdue", str(content))
    assert text.stdout.startswith("0 record(s) past their review date on 2026-11-26\n")
