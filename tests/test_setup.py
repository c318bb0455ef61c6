"""`make check-setup`: the one-time settings of a copy, asked of a GitHub API played here (no
network), and the same list in HACKING.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli as run

from cities4cities.contribute.setup import CI_CHECK, LABELS, SETTINGS, check_setup

REPO = "town/directory"
RIGHT: dict[str, tuple[int, Any]] = {
    f"repos/{REPO}": (200, {"has_issues": True}),
    f"repos/{REPO}/actions/permissions/workflow": (
        200,
        {"default_workflow_permissions": "read", "can_approve_pull_request_reviews": True},
    ),
    f"repos/{REPO}/actions/permissions": (200, {"enabled": True, "allowed_actions": "all"}),
    f"repos/{REPO}/labels?per_page=100": (200, [{"name": n} for n in (*LABELS, "bug")]),
    f"repos/{REPO}/pages": (200, {"build_type": "workflow"}),
    f"repos/{REPO}/codeowners/errors": (200, {"errors": []}),
    f"repos/{REPO}/rules/branches/main": (
        200,
        [
            {"type": "pull_request", "parameters": {}},
            {
                "type": "required_status_checks",
                "parameters": {"required_status_checks": [{"context": CI_CHECK}]},
            },
        ],
    ),
}


def ask(answers: dict[str, tuple[int, Any]]) -> tuple[int, list[str]]:
    said: list[str] = []
    status = check_setup(REPO, lambda path: answers.get(path, (404, None)), said.append)
    return status, said


def test_a_copy_set_up_right_passes() -> None:
    status, said = ask(RIGHT)
    assert status == 0
    assert sum(line.startswith("  ok ") for line in said) == sum(bool(s.check) for s in SETTINGS)
    assert said[-1] == "Every setting the API shows is right."


@pytest.mark.parametrize(
    ("path", "answer", "expected"),
    [
        (f"repos/{REPO}", (200, {"has_issues": False}), "issues are turned off"),
        (
            f"repos/{REPO}/actions/permissions/workflow",
            (200, {"default_workflow_permissions": "read"}),
            "Actions may not create pull requests",
        ),
        (
            f"repos/{REPO}/actions/permissions/workflow",
            (
                200,
                {"default_workflow_permissions": "write", "can_approve_pull_request_reviews": True},
            ),
            "the default token may write",
        ),
        (f"repos/{REPO}/labels?per_page=100", (200, [{"name": "need"}]), "missing: submission"),
        (f"repos/{REPO}/pages", (404, None), "Pages is not turned on"),
        (f"repos/{REPO}/pages", (200, {"build_type": "legacy"}), "from legacy"),
        (
            f"repos/{REPO}/codeowners/errors",
            (200, {"errors": [{"line": 5, "message": "Unknown owner @cities4cities/maintainers"}]}),
            "line 5: Unknown owner @cities4cities/maintainers",
        ),
        (f"repos/{REPO}/rules/branches/main", (200, []), "without a reviewed pull request"),
    ],
)
def test_each_wrong_setting_says_what_and_where(
    path: str, answer: tuple[int, Any], expected: str
) -> None:
    status, said = ask({**RIGHT, path: answer})
    assert status == 1
    wrong = [line for line in said if line.startswith("  WRONG ")]
    assert len(wrong) == 1 and expected in wrong[0] and "Set it: " in wrong[0], said


def test_what_the_api_will_not_tell_is_left_to_check_by_hand() -> None:
    status, said = ask({**RIGHT, f"repos/{REPO}/pages": (403, {"message": "Must have admin"})})
    assert status == 0
    line = next(line for line in said if "Pages" in line)
    assert line.startswith("  ?  ") and "needs admin access" in line and "Settings → Pages" in line


def test_without_gh_every_setting_is_listed_by_hand() -> None:
    said: list[str] = []
    assert check_setup(REPO, None, said.append) == 0
    for setting in SETTINGS:
        assert f"  - {setting.name}: {setting.where}" in said


def test_the_command_runs_without_gh() -> None:
    result = run("check-setup", "--repository", REPO)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr


def test_hacking_lists_every_setting_by_its_name() -> None:
    text = (Path(__file__).parent.parent / "HACKING.md").read_text(encoding="utf-8")
    section = text.split("## Running your own directory", 1)[1]
    named = re.findall(r"^\d+\. \*\*(.+?)\*\*", section, re.MULTILINE)
    assert named == [setting.name for setting in SETTINGS]
