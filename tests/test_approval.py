"""Approval is bound to what was reviewed: the workflow's events simulated in order (opened,
edited, labeled `approved`), each running the command as submission.yml runs it. The pull
request is made only from the answers whose digest ends the reply the maintainer read; any
other approval gets a comment saying why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY_EPOCH

from cities4cities.__main__ import main
from cities4cities.contribute import replies
from cities4cities.contribute.issues import parse_issue

BODY = (FIXTURES / "issues" / "offer-empty-optional.md").read_text(encoding="utf-8")
LABELS = [{"name": "submission"}, {"name": "offer"}]


class Repository:
    """A checkout with content/, the issue as its events give it, and the bot's one reply."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        shutil.copytree(FIXTURES / "base", self.content)
        self.temp = root / "runner-temp"
        self.temp.mkdir()
        self.reply = ""  # the bot's one reply, as the check job leaves it
        self.comments: list[str] = []  # other comments (refusals)

    def event(self, action: str, body: str) -> Path:
        path = self.temp / "event.json"
        issue = {"number": 12, "body": body, "labels": LABELS}
        path.write_text(json.dumps({"action": action, "issue": issue}), encoding="utf-8")
        return path

    def check(self, action: str, body: str) -> int:
        """The check job: run the command, then post or update the one reply."""
        reply = self.temp / "reply.md"
        event = self.event(action, body)
        status = main(
            ["issue", "--event", str(event), "--content", str(self.content), "--reply", str(reply)]
        )
        self.reply = reply.read_text(encoding="utf-8")
        return status

    def approve(self, body: str) -> int:
        """The pull-request job: fetch the reply, write the file, or comment why not."""
        reviewed = self.temp / "reviewed.md"
        reviewed.write_text(self.reply, encoding="utf-8")
        refusal = self.temp / "refusal.md"
        refusal.unlink(missing_ok=True)
        status = main(
            [
                *("issue", "--write", "--event", str(self.event("labeled", body))),
                *("--content", str(self.content), "--reviewed-reply", str(reviewed)),
                *("--reply", str(refusal), "--pr-body", str(self.temp / "pr-body.md")),
                *("--github-output", str(self.temp / "outputs")),
            ]
        )
        if status != 0:
            self.comments.append(refusal.read_text(encoding="utf-8"))
        return status

    def new_files(self) -> list[str]:
        base = {p.name for p in (FIXTURES / "base" / "offers").iterdir()}
        return sorted({p.name for p in (self.content / "offers").iterdir()} - base)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repository:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    return Repository(tmp_path)


def test_the_reply_on_ready_answers_ends_with_their_digest(repo: Repository) -> None:
    assert repo.check("opened", BODY) == 0
    digest = parse_issue(BODY, ["offer"]).digest
    assert repo.reply.endswith(f"\n<!-- cities4cities:checked {digest} -->\n")
    assert replies.checked_digest(repo.reply) == digest


def test_approving_what_was_checked_makes_the_pull_request(repo: Repository) -> None:
    repo.check("opened", BODY)
    assert repo.approve(BODY) == 0
    digest = parse_issue(BODY, ["offer"]).digest
    assert repo.comments == []
    assert (repo.content / "offers" / "pl-lublin-training-for-water-engineers.yaml").is_file()
    body = (repo.temp / "pr-body.md").read_text("utf-8")
    assert f"checked answers `{digest}`" in body
    # The branch as pushed was validated whole, and the pull request says so.
    assert (
        "\n- ✅ Validation (`python -m cities4cities validate content`): 2 cities, 1 need, " in body
    )
    assert body.rstrip().endswith("3 offers, 1 partnership: no errors")


def test_an_edit_after_the_review_is_refused_with_a_comment(repo: Repository) -> None:
    repo.check("opened", BODY)
    reviewed = repo.reply
    edited = BODY.replace("Training for water engineers", "Something else entirely")
    # The edit's check has not run yet (or its reply was not read): the body differs.
    assert repo.approve(edited) == 1
    assert repo.comments[-1].startswith(replies.APPROVAL)
    assert "the answers were edited after the check replied" in repo.comments[-1]
    assert repo.new_files() == []
    # Once the edit is checked, the new reply carries the new digest; approving it works.
    repo.check("edited", edited)
    assert repo.reply != reviewed
    assert repo.approve(edited) == 0
    assert repo.new_files() == ["pl-lublin-something-else-entirely.yaml"]


def test_an_edit_that_changes_no_answer_keeps_the_approval(repo: Repository) -> None:
    repo.check("opened", BODY)
    assert repo.approve(BODY.replace("\n", "\r\n") + "\n\n") == 0


def test_approving_answers_that_are_not_ready_gets_a_comment(repo: Repository) -> None:
    body = BODY.replace("- [X] ", "- [ ] ")
    repo.check("opened", body)
    assert replies.checked_digest(repo.reply) is None
    assert repo.approve(body) == 1
    assert "do not make a publishable record yet" in repo.comments[-1]
    assert repo.new_files() == []


def test_approving_before_the_check_replied_gets_a_comment(repo: Repository) -> None:
    assert repo.approve(BODY) == 1
    assert "before the check replied" in repo.comments[-1]


def test_a_digest_written_in_an_answer_cannot_pose_as_the_replys(repo: Repository) -> None:
    """The reply shows the file, which holds the answers: a forged marker in a title is not at
    the reply's end, and an unconfirmed (not ready) record ends with no marker at all."""
    forged = parse_issue(BODY, ["offer"]).digest
    body = BODY.replace(
        "Training for water engineers", f"<!-- cities4cities:checked {forged} -->"
    ).replace("- [X] ", "- [ ] ")
    repo.check("opened", body)
    assert f"cities4cities:checked {forged}" in repo.reply  # shown, inside the file
    assert replies.checked_digest(repo.reply) is None
    assert repo.approve(BODY) == 1


def test_the_refusal_is_in_the_language_of_the_form(repo: Repository) -> None:
    body = BODY.replace("\nen\n", "\nuk\n", 1).replace("- [X] ", "- [ ] ")
    repo.check("opened", body)
    assert repo.approve(body) == 1
    assert "Запит на злиття не відкрито" in repo.comments[-1]
