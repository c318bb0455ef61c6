"""Issue forms: the committed forms are what the schemas give, and real-shaped issue bodies
become a valid record or a clear reply, never a traceback.

Each tests/fixtures/issues/<name>.md is an issue body as GitHub writes it (its first line, an
HTML comment, gives the issue's labels). Next to it, <name>.yaml is the exact file expected
(its first line: # expect: <path>), or <name>.expect lists the lines the reply must contain.
"""

# ruff: noqa: RUF001 (Ukrainian answers)

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, command_environment
from hypothesis import given, settings
from hypothesis import strategies as st

from cities4cities.contribute import issueforms
from cities4cities.contribute.answers import read_record
from cities4cities.contribute.formfields import IN_LANGUAGE, KINDS, form_fields
from cities4cities.contribute.issues import LANGUAGE_NAMES, answers_body, parse_issue, process_issue
from cities4cities.contribute.newrecord import write_new_file
from cities4cities.contribute.replies import MARKER, reply
from cities4cities.messages import gettext_for
from cities4cities.validation import validate_content
from cities4cities.vocabulary import LANGUAGES

ROOT = Path(__file__).parent.parent
ISSUES = Path(__file__).parent / "fixtures" / "issues"
FIXTURES = sorted(ISSUES.glob("*.md"))
LABELS = re.compile(r"<!-- labels: (.*?) -->")


def labels_of(body: str) -> list[str]:
    match = LABELS.match(body)
    return [label.strip() for label in match[1].split(",")] if match else []


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_issue_body_gives_the_expected_record_or_reply(fixture: Path, content: Path) -> None:
    body = fixture.read_bytes().decode("utf-8")  # as written: CRLF stays CRLF
    outcome = process_issue(body, labels_of(body), content, TODAY)
    answer = reply(outcome)
    assert answer.startswith(MARKER + "\n")
    expected_file = fixture.with_suffix(".yaml")
    if expected_file.exists():
        first, _, text = expected_file.read_text(encoding="utf-8").partition("\n")
        assert outcome.ready, answer
        assert f"# expect: {outcome.path}" == first
        assert outcome.text == text
        thanks = gettext_for(outcome.submission.language)(
            "**Thank you!** The answers make a valid record."
        )
        assert thanks in answer
        assert "content/" not in answer.split("<details>")[0]  # no file paths for form users
    else:
        expected = fixture.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
        assert not outcome.ready
        shown = [line for line in answer.splitlines() if line.startswith(("- **", "**"))]
        assert shown == expected, answer


def test_crlf_fixture_really_has_windows_line_endings() -> None:
    assert b"\r\n" in (ISSUES / "city-crlf.md").read_bytes()


def test_a_ready_record_passes_the_validator_unchanged(content: Path) -> None:
    """The expected files are what the validator accepts, with the records of a content folder."""
    extra = {}
    for expected in sorted(ISSUES.glob("*.yaml")):
        first, _, text = expected.read_text(encoding="utf-8").partition("\n")
        extra[first.removeprefix("# expect: content/")] = text.encode("utf-8")
    result = validate_content(content, TODAY, extra=extra)
    assert result.problems == [], "\n".join(map(str, result.problems))


def test_reply_escapes_what_the_issue_wrote(content: Path) -> None:
    body = answers_body("need", {"city": "ua-sumy", "contact-email": "<b>@attacker [x](y)`"})
    answer = reply(process_issue(body, ["need"], content, TODAY))
    line = next(line for line in answer.splitlines() if "E-mail" in line)
    assert "<b>" not in line and "@attacker" not in line and "[x]" not in line
    assert "&lt;b&gt;&#64;attacker &#91;x&#93;(y)&#96;" in line


def test_reply_fences_the_file_beyond_its_backticks(content: Path) -> None:
    body = (ISSUES / "need-shell-title.md").read_text(encoding="utf-8")
    answer = reply(process_issue(body, labels_of(body), content, TODAY))
    assert "\n````yaml\n" in answer and "\n````\n" in answer  # the text holds ```


def test_a_second_submission_gets_a_new_id(content: Path) -> None:
    body = (ISSUES / "offer-empty-optional.md").read_text(encoding="utf-8")
    first = process_issue(body, labels_of(body), content, TODAY)
    write_new_file(content, "offer", first.record_id, first.text)
    again = process_issue(body, labels_of(body), content, TODAY)
    assert again.record_id == first.record_id + "-2" and again.ready


def test_unchecked_confirmation_stops_an_otherwise_valid_record(content: Path) -> None:
    body = (ISSUES / "offer-empty-optional.md").read_text(encoding="utf-8")
    body = body.replace("- [X] ", "- [ ] ")
    outcome = process_issue(body, labels_of(body), content, TODAY)
    assert outcome.text and not outcome.complaints and not outcome.ready
    assert "please tick the confirmation" in reply(outcome)


def test_every_language_of_the_site_has_its_words() -> None:
    """Each text is asked in every language of the site: each needs its label ("in English")
    and the names people write for it when asked the language of the replies."""
    assert set(IN_LANGUAGE) == set(LANGUAGES)
    assert set(LANGUAGE_NAMES) == set(LANGUAGES)


def test_the_reply_language_is_the_one_asked_for_else_the_one_written() -> None:
    body = (ISSUES / "offer-empty-optional.md").read_text(encoding="utf-8")
    assert parse_issue(body.replace("\nen\n", "\nукраїнською\n", 1), ["offer"]).language == "uk"
    only_ukrainian = answers_body("need", {"title-uk": "Насоси"}, language="")
    assert parse_issue(only_ukrainian, ["need"]).language == "uk"
    both_languages = answers_body("need", {"title-uk": "Насоси", "title-en": "Pumps"}, language="")
    assert parse_issue(both_languages, ["need"]).language == LANGUAGES[0]


def test_kind_is_found_from_the_questions_without_labels() -> None:
    body = (ISSUES / "offer-empty-optional.md").read_text(encoding="utf-8")
    assert parse_issue(body, []).kind == "offer"
    assert parse_issue("", []).kind is None
    assert parse_issue(None, ["city"]).seen == 0


@pytest.mark.parametrize("kind", KINDS)
def test_every_answer_goes_through_a_body_and_back(kind: str, content: Path) -> None:
    """Every question of every form is read back from the body GitHub would write."""
    example = {"city": "ua-sumy", "country": "UA", "region": "UA-59", "status": "open"}
    answers = {}
    for f in form_fields(kind):
        if f.widget == "rows":
            answers[f.id] = " | ".join(
                "1" if c.widget == "number" else "piece" if c.choices else "x" for c in f.columns
            )
        elif f.choices:
            answers[f.id] = example.get(f.key, str(f.choices[0]))
        else:
            answers[f.id] = example.get(f.key, f"answer {f.id}")
    submission = parse_issue(answers_body(kind, answers), [kind])
    assert submission.seen == len(form_fields(kind))
    assert submission.answers == {f.key: answers[f.id] for f in form_fields(kind)}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from([f"### {issueforms.field_label(f)}" for f in form_fields("need")]),
            st.sampled_from(["_No response_", "- [X] yes", "| a | b |", "\r\n", "###", "|||"]),
        ),
        max_size=25,
    )
)
def test_any_body_gives_a_reply_never_an_exception(parts: list[str]) -> None:
    body = "\n".join(parts)
    submission = parse_issue(body, ["need"])
    record, complaints = read_record("need", submission.answers, TODAY)
    assert isinstance(record, dict) and isinstance(complaints, list)
    for complaint in complaints:
        assert complaint.text(gettext_for("uk"))


# -- the committed forms ----------------------------------------------------------------------


def run(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cities4cities", *args],
        cwd=cwd,
        env=command_environment(env),
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_issue_forms_are_the_generated_ones() -> None:
    result = run("issue-forms", "--check")
    assert result.returncode == 0, f"{result.stdout}{result.stderr}run `make issue-forms`"


def test_issue_forms_have_bilingual_labels_and_the_confirmation() -> None:
    need = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/need.yml").read_text(encoding="utf-8"))
    labels = [e["attributes"]["label"] for e in need["body"] if e["type"] != "markdown"]
    assert "Title (in English) · Заголовок (англійською)" in labels
    assert len(labels) == len(set(labels))
    confirm = need["body"][-1]
    assert confirm["type"] == "checkboxes"
    assert confirm["attributes"]["options"][0]["required"] is True
    assert need["labels"] == ["submission", "need"]
    config = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/config.yml").read_text("utf-8"))
    assert config["blank_issues_enabled"] is False
    assert any(link["url"].endswith("/CONTRIBUTING.md") for link in config["contact_links"])


def test_issue_forms_check_reports_a_stale_file(tmp_path: Path) -> None:
    assert run("issue-forms", "--output", str(tmp_path)).returncode == 0
    (tmp_path / "need.yml").write_text("name: old\n", encoding="utf-8")
    stale = run("issue-forms", "--check", "--output", str(tmp_path))
    assert stale.returncode == 1
    assert "need.yml is not what the schemas give; run `make issue-forms`" in stale.stdout


# -- the command the workflow runs ------------------------------------------------------------


def event_file(tmp_path: Path, fixture: str, number: int = 7) -> Path:
    body = (ISSUES / fixture).read_text(encoding="utf-8")
    labels = [{"name": name} for name in labels_of(body)]
    event = {"action": "opened", "issue": {"number": number, "body": body, "labels": labels}}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def test_issue_command_writes_reply_outputs_and_file(tmp_path: Path, content: Path) -> None:
    event = event_file(tmp_path, "need-shell-title.md")
    output, reply_file, pr_body = tmp_path / "out", tmp_path / "reply.md", tmp_path / "pr.md"
    checked = run(
        "issue", "--event", str(event), "--content", str(content), "--reply", str(reply_file)
    )
    assert checked.returncode == 0, checked.stderr
    result = run(
        "issue",
        "--event",
        str(event),
        "--content",
        str(content),
        "--write",
        "--reviewed-reply",
        str(reply_file),
        "--reply",
        str(tmp_path / "refusal.md"),
        "--pr-body",
        str(pr_body),
        "--github-output",
        str(output),
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "refusal.md").exists()
    outputs = dict(line.split("=", 1) for line in output.read_text("utf-8").splitlines())
    assert outputs["ready"] == "true"
    assert (
        outputs["path"]
        == "content/needs/ua-sumy-rm-rf-id-github-token-echo-pwned-script-alert-1.yaml"
    )
    assert outputs["pr_title"].startswith("Add need: $(rm -rf ~)")
    assert (content.parent / outputs["path"]).is_file()
    assert pr_body.read_text("utf-8").startswith("Closes #7\n")
    assert reply_file.read_text("utf-8").startswith(MARKER)


def test_issue_command_refuses_to_write_a_bad_record(tmp_path: Path, content: Path) -> None:
    event = event_file(tmp_path, "need-bad-answers.md")
    checked = run("issue", "--event", str(event), "--content", str(content))
    assert checked.returncode == 0  # a reply was written: the check itself did its job
    assert "Some answers need a change" in checked.stdout
    written = run("issue", "--event", str(event), "--content", str(content), "--write")
    assert written.returncode == 1
    assert "No pull request was opened" in written.stdout  # the comment for the issue
    assert not (content / "needs" / "ua-sumy-generators-2.yaml").exists()


@pytest.mark.parametrize("event", [None, "not json", '{"no": "issue"}'])
def test_issue_command_without_a_good_event_says_so(tmp_path: Path, event: str | None) -> None:
    path = tmp_path / "event.json"
    if event is not None:
        path.write_text(event, encoding="utf-8")
    result = run("issue", "--event", str(path), env={"GITHUB_OUTPUT": ""})
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


# -- answers too long for the link ------------------------------------------------------------


def test_pasted_answers_fill_the_questions_left_empty(content: Path) -> None:
    """The /submit/ page copies the answers the link could not carry, each under its label,
    for pasting into the last field: they count for the questions left empty there, and never
    over an answer given in its own field."""
    long_text = "Дуже довгий опис потреби. " * 150
    pasted = "\n\n".join(
        [
            "### Description (in Ukrainian) · Опис (українською)",
            long_text.strip(),
            "### City · Місто",
            "ua-atlantis",
        ]
    )
    answers = {
        "city": "ua-sumy",
        "title-en": "Pumps",
        "sectors": "water-sanitation",
        "kinds": "equipment",
        "urgency": "high",
        "review-by": "2027-03-01",
        "contact-organisation-en": "Water office",
        "contact-email": "office@water.example",
        "contact-languages": "uk",
    }
    body = answers_body("need", answers, language="uk", pasted=pasted)
    outcome = process_issue(body, ["need"], content, TODAY)
    assert outcome.ready, reply(outcome)
    assert outcome.record["description"] == {"uk": long_text.strip()}
    assert outcome.record["city"] == "ua-sumy"  # answered in its own field: kept


def test_the_issue_forms_end_with_the_field_for_long_answers() -> None:
    need = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/need.yml").read_text(encoding="utf-8"))
    long_answers = need["body"][-2]
    assert long_answers["id"] == issueforms.LONG_ID and long_answers["type"] == "textarea"
    assert long_answers["validations"]["required"] is False
