"""An issue is written by anyone: no answer ever becomes a path, nothing is written outside
content/<folder>/, and every way the command ends leaves a reply for the issue."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY_EPOCH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cities4cities.__main__ import main
from cities4cities.contribute import replies
from cities4cities.contribute.formfields import KINDS, form_fields
from cities4cities.contribute.ids import new_id
from cities4cities.contribute.issueforms import CONFIRM_LABEL, CONFIRM_OPTION, both, field_label
from cities4cities.contribute.newrecord import UnsafePathError, write_new_file
from cities4cities.vocabulary import is_id

HOSTILE = [
    "../../.github/workflows/x",
    "../cities/ua-kyiv",
    "../needs/ua-sumy-generators",
    "/etc/passwd",
    "/tmp/x",
    "ua-sumy/../../x",
    "ua-sumy/../../../outside",
    "..",
    ".",
    "~",
    "C:\\Windows\\x",
    "ua-sumy\x00x",
    "ua-sumy\n../x",
    "ua-sumy",
    "pl-lublin",
    "UA",
    "ua",
    "../UA",
    "x" * 300,
]
answers = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.sampled_from(["_No response_", "", "open", "high", "health", "2026-11-01", "3 | piece"]),
)


@st.composite
def issue_events(draw: st.DrawFn) -> dict:
    kind = draw(st.sampled_from(KINDS))
    parts = []
    for f in form_fields(kind):
        if draw(st.booleans()) or f.key in ("city", "country", "title.en", "name.en"):
            parts += [f"### {field_label(f)}", "", draw(answers), ""]
    if draw(st.booleans()):
        parts += [f"### {both(CONFIRM_LABEL)}", "", f"- [X] {both(CONFIRM_OPTION)}"]
    parts += draw(st.lists(st.sampled_from(["###", "\r\n", "- [x]", *HOSTILE]), max_size=3))
    labels = draw(
        st.lists(st.sampled_from([kind, "submission", "approved", "need", "x/../y"]), max_size=3)
    )
    return {
        "action": "opened",
        "issue": {"number": 7, "body": "\n".join(parts), "labels": [{"name": n} for n in labels]},
    }


def files_under(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


def run_issue(root: Path, event: dict, *options: str) -> int:
    out = root.parent / "out"
    out.mkdir(exist_ok=True)
    (out / "event.json").write_text(json.dumps(event), encoding="utf-8")
    return main(
        [
            "issue",
            "--event",
            str(out / "event.json"),
            "--content",
            str(root / "content"),
            "--reply",
            str(out / "reply.md"),
            "--pr-body",
            str(out / "pr.md"),
            "--github-output",
            str(out / "outputs"),
            *options,
        ]
    )


@pytest.fixture(autouse=True)
def _test_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


@pytest.mark.slow  # seconds: 150 generated issues through the whole issue path
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(event=issue_events(), write=st.booleans())
def test_no_issue_writes_outside_content_or_ends_without_a_reply(event: dict, write: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        shutil.copytree(FIXTURES / "base", root / "content")
        (root / ".github" / "workflows").mkdir(parents=True)
        before = files_under(root)

        status = run_issue(root, event)  # the check, then perhaps the approval
        reply = root.parent / "out" / "reply.md"
        assert status == 0
        assert reply.read_text(encoding="utf-8").startswith(replies.MARKER)
        if write:
            reviewed = root.parent / "reviewed.md"
            reply.rename(reviewed)
            status = run_issue(root, event, "--write", "--reviewed-reply", str(reviewed))
            assert status in (0, 1)
            assert reply.exists() == (status == 1)  # a refusal is a comment
        after = files_under(root)
        assert {name: after[name] for name in before} == before, "a file was changed"
        new = set(after) - set(before)
        assert len(new) <= (1 if write else 0)
        for name in new:
            folder_name, _, file_name = name.removeprefix("content/").partition("/")
            assert name.startswith("content/") and folder_name in ("cities", "needs", "offers")
            assert file_name.endswith(".yaml") and is_id(file_name.removesuffix(".yaml"))


@pytest.mark.parametrize("answer", HOSTILE)
def test_an_id_is_an_id_whatever_the_answer(answer: str) -> None:
    made = new_id(answer, "Генератори для лікарень", {"ua-sumy-heneratory-dlia-likaren"})
    assert is_id(made) and "/" not in made and ".." not in made


def test_a_hostile_city_answer_gets_a_reply_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root / "content")
    body = (FIXTURES / "issues" / "offer-empty-optional.md").read_text(encoding="utf-8")
    body = body.replace("\npl-lublin\n", "\n../../.github/workflows/x\n", 1)
    assert "../../.github" in body
    event = {"issue": {"number": 3, "body": body, "labels": [{"name": "offer"}]}}
    before = files_under(root)

    assert run_issue(root, event) == 0
    reply = (tmp_path / "out" / "reply.md").read_text(encoding="utf-8")
    assert "Some answers need a change" in reply and "is not" in reply
    reviewed = tmp_path / "reviewed.md"
    (tmp_path / "out" / "reply.md").rename(reviewed)
    assert run_issue(root, event, "--write", "--reviewed-reply", str(reviewed)) == 1

    assert files_under(root) == before
    refusal = (tmp_path / "out" / "reply.md").read_text(encoding="utf-8")
    assert refusal.startswith(replies.APPROVAL) and "No pull request was opened" in refusal


def test_writing_refuses_a_path_that_is_not_an_id_or_leaves_the_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "needs").mkdir(parents=True)
    for bad in ("../x", "/tmp/x", "UA-x", ""):
        with pytest.raises(UnsafePathError):
            write_new_file(content, "need", bad, "x: y\n")
    (tmp_path / "elsewhere").mkdir()
    (content / "offers").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafePathError):
        write_new_file(content, "offer", "pl-lublin-x", "x: y\n")
    (content / "needs" / "ua-sumy-x.yaml").symlink_to(tmp_path / "target.yaml")
    with pytest.raises((OSError, UnsafePathError)):  # a link in the way is not followed
        write_new_file(content, "need", "ua-sumy-x", "x: y\n")
    assert not (tmp_path / "target.yaml").exists()
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_file_taken_since_the_check_gets_a_reply_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root / "content")
    body = (FIXTURES / "issues" / "offer-empty-optional.md").read_text(encoding="utf-8")
    event = {"issue": {"number": 3, "body": body, "labels": [{"name": "offer"}]}}

    def taken(*args: object) -> Path:
        raise FileExistsError("taken")

    assert run_issue(root, event) == 0
    reviewed = tmp_path / "reviewed.md"
    (tmp_path / "out" / "reply.md").rename(reviewed)
    monkeypatch.setattr("cities4cities.contribute.submissions.write_new_file", taken)
    assert run_issue(root, event, "--write", "--reviewed-reply", str(reviewed)) == 1
    reply = (tmp_path / "out" / "reply.md").read_text(encoding="utf-8")
    assert reply.startswith(replies.MARKER) and "could not be added yet" in reply


def test_an_unexpected_failure_still_replies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root / "content")
    body = (FIXTURES / "issues" / "need-ukrainian.md").read_text(encoding="utf-8")
    event = {"issue": {"number": 3, "body": body, "labels": [{"name": "need"}]}}

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("cities4cities.contribute.issues.process_issue", broken)
    assert run_issue(root, event) == 3
    reply = (tmp_path / "out" / "reply.md").read_text(encoding="utf-8")
    assert reply.startswith(replies.MARKER)
    assert "Автоматична перевірка" in reply  # in the issue's language
    assert "RuntimeError('a bug')" in capsys.readouterr().err


@pytest.mark.parametrize("event", ["not json", '{"no": "issue"}', '{"issue": {"body": 5}}'])
def test_a_broken_event_still_replies_in_every_language(tmp_path: Path, event: str) -> None:
    (tmp_path / "event.json").write_text(event, encoding="utf-8")
    reply = tmp_path / "reply.md"
    status = main(["issue", "--event", str(tmp_path / "event.json"), "--reply", str(reply)])
    assert status == 2
    text = reply.read_text(encoding="utf-8")
    assert "The automatic check could not finish" in text and "Автоматична перевірка" in text
