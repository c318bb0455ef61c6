"""The one-time settings of a repository that runs its own directory, and a check of those the
GitHub API shows: `python -m cities4cities check-setup` (`make check-setup`). With GitHub's
command line (`gh`, logged in) each setting is asked of the API; without it, or where the API
does not tell (some need admin access), the command says what to check by hand and where.
HACKING.md ("Running your own directory") lists the same settings, by the same names.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# path -> (HTTP status, JSON body); status 0 when gh could not ask at all.
Api = Callable[[str], tuple[int, Any]]
# review-overdue: made by stale.yml
LABELS = ("submission", "need", "offer", "pledge", "city", "partnership", "approved")
CI_CHECK = "Validate, test and build"  # the job's name in ci.yml: the status check to require


class CannotTellError(Exception):
    """The API does not answer this (not found where it should be, or needs admin access)."""


@dataclass(frozen=True)
class Setting:
    name: str  # as HACKING.md names it
    where: str  # where to set it by hand
    check: Callable[[Api, str], str | None] | None = None  # what is wrong, or None when fine


def _get(api: Api, path: str, *, missing_is: Any = CannotTellError) -> Any:
    status, body = api(path)
    if status == 200:
        return body
    if status == 404 and missing_is is not CannotTellError:
        return missing_is
    raise CannotTellError(f"HTTP {status}" + (" (needs admin access?)" if status == 403 else ""))


def _issues(api: Api, repo: str) -> str | None:
    return None if _get(api, f"repos/{repo}").get("has_issues") else "issues are turned off"


def _pull_requests(api: Api, repo: str) -> str | None:
    found = _get(api, f"repos/{repo}/actions/permissions/workflow")
    if not found.get("can_approve_pull_request_reviews"):
        return "Actions may not create pull requests"
    if found.get("default_workflow_permissions") != "read":
        return "the default token may write: set it to read (each job asks for what it needs)"
    return None


def _actions(api: Api, repo: str) -> str | None:
    found = _get(api, f"repos/{repo}/actions/permissions")
    if not found.get("enabled"):
        return "Actions are turned off"
    if found.get("allowed_actions") == "selected":
        raise CannotTellError("only selected actions may run: allow those the workflows use")
    return None


def _labels(api: Api, repo: str) -> str | None:
    names = {label["name"] for label in _get(api, f"repos/{repo}/labels?per_page=100")}
    missing = [label for label in LABELS if label not in names]
    return f"missing: {', '.join(missing)}" if missing else None


def _pages(api: Api, repo: str) -> str | None:
    found = _get(api, f"repos/{repo}/pages", missing_is=None)
    if found is None:
        return "Pages is not turned on"
    if found.get("build_type") != "workflow":
        return f"Pages publishes from {found.get('build_type')}, not from GitHub Actions"
    return None


def _codeowners(api: Api, repo: str) -> str | None:
    found = _get(api, f"repos/{repo}/codeowners/errors", missing_is=None)
    if found is None:
        return "no CODEOWNERS file on the default branch"
    errors = found.get("errors", [])
    return "; ".join(f"line {e['line']}: {e['message']}" for e in errors[:3]) or None


def _protection(api: Api, repo: str) -> str | None:
    rules = _get(api, f"repos/{repo}/rules/branches/main", missing_is=[])
    kinds = {rule["type"] for rule in rules}
    checks = {
        check["context"]
        for rule in rules
        if rule["type"] == "required_status_checks"
        for check in rule.get("parameters", {}).get("required_status_checks", [])
    }
    if not rules:  # perhaps a classic branch protection (reading it needs admin access)
        classic = _get(api, f"repos/{repo}/branches/main/protection", missing_is={})
        if classic.get("required_pull_request_reviews"):
            kinds.add("pull_request")
        checks |= set(classic.get("required_status_checks", {}).get("contexts", []))
    wrong = []
    if "pull_request" not in kinds:
        wrong.append("changes reach main without a reviewed pull request")
    if CI_CHECK not in checks:
        wrong.append(f'the check "{CI_CHECK}" is not required')
    return "; ".join(wrong) or None


SETTINGS: tuple[Setting, ...] = (
    Setting("Issues are turned on", "Settings → General → Features → Issues", _issues),
    Setting(
        "Actions may create pull requests; the token reads by default",
        'Settings → Actions → General → Workflow permissions: "Read repository contents and '
        'packages permissions", and tick "Allow GitHub Actions to create and approve pull '
        'requests"',
        _pull_requests,
    ),
    Setting(
        "Actions may run the workflows' actions",
        "Settings → Actions → General → Actions permissions (if only selected actions may "
        "run, allow those pinned in .github/workflows/)",
        _actions,
    ),
    Setting(
        "The labels exist: " + ", ".join(LABELS),
        "Issues → Labels → New label (the forms add submission and the kind; maintainers add "
        "approved)",
        _labels,
    ),
    Setting(
        'Pages publishes from "GitHub Actions"',
        "Settings → Pages → Build and deployment → Source: GitHub Actions",
        _pages,
    ),
    Setting(
        "CODEOWNERS names teams or people who exist and may write",
        ".github/CODEOWNERS: replace @cities4cities/... with your teams (Settings → "
        "Collaborators and teams gives them write access)",
        _codeowners,
    ),
    Setting(
        "main takes changes only by reviewed pull requests that pass CI",
        "Settings → Rules → Rulesets (or Branches): for main, require a pull request with a "
        f'review (and code owners\' review) and the status check "{CI_CHECK}"',
        _protection,
    ),
    Setting(
        "pelicanconf.py names this repository and its site; the issue forms follow",
        "pelicanconf.py: REPOSITORY, PRODUCTION_URL (and PUBLIC_URL in publishconf.py), then "
        "`make issue-forms` and commit .github/ISSUE_TEMPLATE/",
    ),
    Setting(
        "Maintainers who approve submissions have the triage role or more",
        "Settings → Collaborators and teams (only triage or write access can add the label "
        "approved)",
    ),
    Setting(
        "Optional: the repository variable SITEURL, for a custom domain",
        "Settings → Secrets and variables → Actions → Variables (deploy.yml uses Pages' "
        "address otherwise)",
    ),
    Setting(
        "Optional: pull requests by the bot start CI",
        "they do not with the workflow's token; the submission workflow validates and builds "
        "the branch itself and says so in the pull request. To run CI too, close and reopen "
        "the pull request, or give create-pull-request a GitHub App's token",
    ),
)


def check_setup(repository: str, api: Api | None, say: Callable[[str], None]) -> int:
    """Check each setting the API shows; list the rest to check by hand. 1 if any is wrong."""
    if api is None:
        say("gh (GitHub's command line) is not installed or not logged in, so nothing was asked")
        say(f"of GitHub. Check these settings of {repository} by hand:")
        for setting in SETTINGS:
            say(f"  - {setting.name}: {setting.where}")
        return 0
    say(f"The one-time settings of {repository}:")
    wrong = 0
    for setting in SETTINGS:
        if setting.check is None:
            say(f"  by hand  {setting.name}: {setting.where}")
            continue
        try:
            problem = setting.check(api, repository)
        except CannotTellError as unknown:
            say(f"  ?        {setting.name}: cannot tell ({unknown}); check: {setting.where}")
            continue
        if problem:
            wrong += 1
            say(f"  WRONG    {setting.name}: {problem}. Set it: {setting.where}")
        else:
            say(f"  ok       {setting.name}")
    say(f"{wrong} setting(s) to change." if wrong else "Every setting the API shows is right.")
    return 1 if wrong else 0


def gh_api() -> Api | None:
    """`gh api` as an Api, or None when gh is missing or not logged in."""
    gh = shutil.which("gh")
    if gh is None or subprocess.run([gh, "auth", "status"], capture_output=True).returncode:
        return None

    def api(path: str) -> tuple[int, Any]:
        done = subprocess.run([gh, "api", "--include", path], capture_output=True, text=True)
        head, _, body = done.stdout.replace("\r\n", "\n").partition("\n\n")
        words = head.split(" ", 2)
        status = int(words[1]) if len(words) > 1 and words[1].isdigit() else 0
        try:
            return status, json.loads(body) if body.strip() else None
        except ValueError:
            return status, None

    return api
