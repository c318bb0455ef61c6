from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# The day the fixtures are checked against; SOURCE_DATE_EPOCH gives the same day to CLI runs.
TODAY = date(2026, 11, 26)
TODAY_EPOCH = "1795651200"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A fresh copy of the small valid dataset that bad fixtures are dropped into."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", root)
    return root


ROOT = Path(__file__).parent.parent


def build_site(
    output: Path,
    content: Path = ROOT / "content",
    settings: str = "pelicanconf.py",
    environment: dict[str, str] | None = None,
) -> None:
    """Build the site with Pelican, as `make build` does, on the fixed test day."""
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": TODAY_EPOCH,
        "PYTHONPATH": str(ROOT),
        **(environment or {}),
    }
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        settings,
        "-o",
        str(output),
        "-q",
    ]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once per test session (read-only for tests)."""
    output = tmp_path_factory.mktemp("site")
    build_site(output)
    return output
