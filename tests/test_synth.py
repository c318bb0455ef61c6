"""scripts/synth.py: the benchmark's data is valid, varied and the same for a seed."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cities4cities.validation import validate_content

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 29)
EPOCH = "1795910400"  # TODAY at midnight UTC, for the script's clock


def synth(out: Path, records: int, seed: int) -> str:
    script = str(ROOT / "scripts" / "synth.py")
    result = subprocess.run(
        [sys.executable, script, "--records", str(records), "--seed", str(seed), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
        env={"SOURCE_DATE_EPOCH": EPOCH, "PATH": "/usr/bin:/bin"},
    )
    return result.stdout


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.yaml")}


@pytest.mark.slow
def test_synthetic_data_is_valid_varied_and_repeatable(tmp_path: Path) -> None:
    output = synth(tmp_path / "a", 600, seed=3)
    assert output.startswith("wrote 60 cities, 270 needs, 270 offers (")
    result = validate_content(tmp_path / "a", TODAY)
    assert not [p for p in result.problems if p.severity == "error"], result.problems[:5]
    dataset = result.dataset
    assert (len(dataset.cities), len(dataset.needs), len(dataset.offers)) == (60, 270, 270)
    assert dataset.pledges
    items = {name for r in dataset.listings() for item in r.items for _, name in item.name}
    assert len(items) > 400  # names vary, in English and Ukrainian
    assert len({s for r in dataset.listings() for s in r.sectors}) == 16
    assert {c.country for c in dataset.cities.values()} > {"UA", "DE", "PL"}
    assert len({(c.location.lat, c.location.lon) for c in dataset.cities.values()}) == 60
    assert {n.urgency for n in dataset.needs.values()} == {"critical", "high", "medium", "low"}

    synth(tmp_path / "b", 600, seed=3)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    synth(tmp_path / "c", 600, seed=4)
    assert files(tmp_path / "a") != files(tmp_path / "c")
