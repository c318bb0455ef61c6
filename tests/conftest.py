from __future__ import annotations

import shutil
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
