"""Benchmark: how long validation takes on a synthetic dataset, as CI would run it.

Each stage runs in a fresh process, at least 3 times; the table shows medians of wall time,
CPU time (user + system, the worker process included) and peak memory, and bench.json keeps
the figures.

    python scripts/bench.py [--records 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"validate": 2.0}  # seconds of wall time at 10,000 records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    data = ROOT / "synthetic" / str(args.records)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "synth.py"),
            "--records",
            str(args.records),
            "--out",
            str(data),
        ],
        check=True,
    )
    stages = {"validate": [sys.executable, "-m", "cities4cities", "validate", str(data)]}
    results = {name: measure(command, args.runs) for name, command in stages.items()}

    machine = platform.processor() or platform.machine()
    print(
        f"\n{args.records:,} records, {os.cpu_count()} cores, {machine}, "
        f"Python {platform.python_version()}, median of {args.runs} runs"
    )
    print(f"{'stage':<12}{'wall s':>9}{'cpu s':>9}{'peak MB':>10}{'target':>10}")
    for name, figures in results.items():
        target = TARGETS.get(name) if args.records == 10_000 else None
        verdict = (
            ""
            if target is None
            else (f"≤{target:g} s " + ("ok" if figures["wall_s"] <= target else "MISSED"))
        )
        print(
            f"{name:<12}{figures['wall_s']:>9.2f}{figures['cpu_s']:>9.2f}"
            f"{figures['peak_mb']:>10.0f}{verdict:>10}"
        )
    report = {
        "records": args.records,
        "cores": os.cpu_count(),
        "runs": args.runs,
        "python": platform.python_version(),
        "stages": results,
    }
    (ROOT / "bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def measure(command: list[str], runs: int) -> dict[str, float]:
    """Median wall time, CPU time and peak resident memory of a command over `runs` runs."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)  # usage includes the child's own workers
        walls.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(command)} failed")
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
    return {
        "wall_s": round(statistics.median(walls), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "peak_mb": round(statistics.median(peaks), 1),
    }


if __name__ == "__main__":
    sys.exit(main())
