"""The GitHub side: workflows audited by zizmor (offline), workflows and issue forms valid against
their published schemas (check-jsonschema's vendored copies, no network), and the house rules
every workflow keeps: no permissions by default, actions pinned by commit, no credentials left
in the checkout, no expression inside a shell script, no pull_request_target."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOWS_DIR.glob("*.yml"))
FORMS = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.stem != "config")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / name), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def load(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); the workflows say it plainly.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def test_there_are_the_four_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml", "stale.yml", "submission.yml"]


def test_zizmor_finds_nothing() -> None:
    result = tool("zizmor", "--offline", "--no-progress", ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


def test_workflows_match_the_github_workflow_schema() -> None:
    paths = [str(p) for p in WORKFLOWS]
    result = tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *paths)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_match_the_github_issue_forms_schema() -> None:
    paths = [str(p) for p in FORMS]
    assert len(paths) == 5  # need, offer, pledge, city, partnership
    result = tool("check-jsonschema", "--builtin-schema", "vendor.github-issue-forms", *paths)
    assert result.returncode == 0, result.stdout + result.stderr
    config = str(ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml")
    result = tool("check-jsonschema", "--builtin-schema", "vendor.github-issue-config", config)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_keeps_the_house_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert workflow["permissions"] == {}, "start from no permissions: permissions: {}"
    assert "pull_request_target" not in workflow["on"]
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} states the permissions it needs"
        for step in job.get("steps", []):
            if "uses" in step:
                line = next(ln.strip() for ln in text.splitlines() if step["uses"] in ln)
                assert PINNED.match(line.removeprefix("- ").removeprefix("uses: ")), (
                    f"{line}: pin actions by full commit SHA with a # vX.Y.Z comment"
                )
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), (
                f"{name}: pass values to run: through env:, never as ${{{{ }}}}"
            )


def test_submission_workflow_reads_the_issue_only_from_the_event_file() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "submission.yml")
    text = yaml.safe_dump(workflow)
    assert "issue.body" not in text and "issue.title" not in text
    jobs = workflow["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read", "issues": "write"}
    assert "approved" in jobs["pull-request"]["if"]
    create = jobs["pull-request"]["steps"][-1]
    assert create["uses"].startswith("peter-evans/create-pull-request@")


def test_approval_makes_a_pull_request_only_from_the_reviewed_answers() -> None:
    """The pull-request job hands the bot's reply (what the maintainer read) to the command,
    which writes the file only from answers with the digest that ends it; otherwise a comment
    says why and the label comes off (tests/test_approval.py simulates the events)."""
    job = load(ROOT / ".github" / "workflows" / "submission.yml")["jobs"]["pull-request"]
    assert job["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    steps = {step.get("name", step.get("uses", "")): step for step in job["steps"]}
    fetch = steps["Fetch the reply the maintainer reviewed"]["run"]
    assert "github-actions[bot]" in fetch and "cities4cities:submission" in fetch
    write = steps["Write the record's file"]["run"]
    assert '--reviewed-reply "$RUNNER_TEMP/reviewed.md"' in write and "--write" in write
    refused = steps["Say why no pull request was opened"]
    assert refused["if"] == "${{ failure() && steps.record.outcome == 'failure' }}"
    assert "labels/approved" in refused["run"]
    names = list(steps)
    assert names.index("Say why no pull request was opened") < names.index("Open the pull request")


@pytest.mark.parametrize(("outcome", "line"), [("success", "✅"), ("failure", "❌")])
def test_the_bot_pull_request_carries_the_checks(tmp_path: Path, outcome: str, line: str) -> None:
    """Its token's pull request starts no CI run, so the job validates (in the command) and
    builds the branch's files itself, and says so in the pull request's text."""
    job = load(ROOT / ".github" / "workflows" / "submission.yml")["jobs"]["pull-request"]
    steps = {step.get("name", ""): step for step in job["steps"]}
    names = list(steps)
    order = [
        "Write the record's file",
        "Build the site with the new file",
        "Report the build in the pull request's text",
        "Open the pull request",
    ]
    assert [names.index(name) for name in order] == sorted(names.index(name) for name in order)
    build = steps["Build the site with the new file"]
    assert build["run"] == "make build" and build["continue-on-error"] is True
    assert steps["Open the pull request"]["with"]["body-path"] == "${{ runner.temp }}/pr-body.md"
    (tmp_path / "pr-body.md").write_text("Closes #7\n", encoding="utf-8")
    env = {
        "BUILD": outcome,
        "RUN_URL": "https://github.com/o/r/actions/runs/1",
        "PATH": "/bin:/usr/bin",
    }
    subprocess.run(
        ["bash", "-e", "-c", steps["Report the build in the pull request's text"]["run"]],
        env={**env, "RUNNER_TEMP": str(tmp_path)},
        check=True,
    )
    added = (tmp_path / "pr-body.md").read_text(encoding="utf-8").splitlines()[-1]
    assert added.startswith(f"- {line} Site build (`make build`): ")
    assert added.endswith("[the run](https://github.com/o/r/actions/runs/1) has the details.")


def test_the_build_cache_is_keyed_by_the_code_and_kept_from_forks() -> None:
    """CI and the deployment restore the last build (output/ and .cache/) under a key of the
    lock file and the code; CI skips it for pull requests from forks, and the deployment (which
    only pushes to main start) keeps entries of its own."""
    prefixes = {}
    for name in ("ci.yml", "deploy.yml"):
        steps = [s for job in load(WORKFLOWS_DIR / name)["jobs"].values() for s in job["steps"]]
        (cache,) = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
        key = cache["with"]["key"]
        assert "hashFiles('requirements.lock')" in key and "'cities4cities/**'" in key
        assert set(cache["with"]["path"].split()) == {"output/", ".cache/"}
        prefixes[name] = key.split("-")[0]
        if name == "ci.yml":
            assert (
                "github.event.pull_request.head.repo.full_name == github.repository"
                in (cache["if"])
            )
    assert prefixes == {"ci.yml": "build", "deploy.yml": "deploy"}
    assert set(load(WORKFLOWS_DIR / "deploy.yml")["on"]) == {"push", "workflow_dispatch"}
