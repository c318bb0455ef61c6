"""Benchmark: the site's stages on a synthetic dataset, against the floors of what they cost.

Stages: validate (load + schema + rules), matching (load + match), the whole Pelican build
(validation, matching, both languages, search) from nothing, the same build again with nothing
changed and with one record changed (its cache and output kept: the incremental rebuild),
the search indexing alone, and three floors: the
render floor (validate, match, then render the same pages with the same Jinja2 templates and
write them, in one process, no framework: scripts/bench_floors.py render), the Pagefind floor
(one Pagefind run over the same pages, both languages: scripts/bench_floors.py pagefind) and
the I/O floor (write the same bytes as the build, read into memory first: scripts/bench_floors.py
write). Each runs in a fresh process, --runs times; the table shows medians of wall time, CPU
time (user + system, child processes included) and peak memory: the largest sum, sampled every
0.2 s, of the proportional set sizes (PSS: shared pages counted once) of the stage's process
and all its descendants, so a Pagefind run beside the build counts with it. The ratios to the
floors are of figures from the same run of this script; bench.json keeps them all. Then the
page weights of the built site against the phone budgets (scripts/bench_pages.py).

    python scripts/bench.py [--records 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cities4cities.clock import today

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MATCH = (
    "import sys; from pathlib import Path; from cities4cities.clock import today; "
    "from cities4cities.matching import match; "
    "from cities4cities.validation import validate_content; "
    "match(validate_content(Path(sys.argv[1]), today()).dataset, today())"
)
INDEX = (
    "import sys; from pathlib import Path; from cities4cities.site.search import index_site; "
    "index_site(Path(sys.argv[1]))"
)
# Targets at 10,000 records (issue 19): ratios within one run of this script.
BUILD_RATIO_TARGET = 0.7  # build <= 0.7 x (render floor + Pagefind floor)
INDEX_RATIO_TARGET = 1.3  # indexing <= 1.3 x Pagefind floor
SAMPLE_EVERY = 0.2  # seconds, for the memory of a stage's processes


@dataclass(frozen=True)
class Stage:
    name: str
    command: list[str]
    clean: tuple[Path, ...] = ()  # removed before each run: every run writes afresh
    prepare: Callable[[], None] | None = None  # called before each run
    self_timed: bool = False  # the command prints its own {"wall_s", "cpu_s"} as JSON
    target: Callable[[dict[str, float]], str] | None = None  # at this size, else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    data = ROOT / "synthetic" / str(args.records)
    subprocess.run(
        [
            PYTHON,
            str(ROOT / "scripts" / "synth.py"),
            "--records",
            str(args.records),
            "--out",
            str(data),
        ],
        check=True,
    )
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        site, floor, copy = Path(work, "site"), Path(work, "floor"), Path(work, "copy")
        one_run = Path(work, "one-run")
        cache = Path(work, "cache")
        floors = [PYTHON, str(ROOT / "scripts" / "bench_floors.py")]
        build = [PYTHON, "-m", "pelican", str(data), "-s", "pelicanconf.py", "-o", str(site)]
        build += ["-q", "-e", f"CACHE_PATH={json.dumps(str(cache))}"]
        edited = RecordEdit(min((data / "needs").glob("*.yaml")))
        stages = [
            Stage(
                "validate",
                [PYTHON, "-m", "cities4cities", "validate", str(data)],
                target=limit("wall_s", 2.0, "s") if args.records == 10_000 else None,
            ),
            Stage("matching", [PYTHON, "-c", MATCH, str(data)]),
            Stage(
                "build",
                build,
                clean=(site, cache),
                target=limit("memory_mb", 1500, "MB") if args.records == 50_000 else None,
            ),
            Stage(
                "rebuild, nothing changed",
                build,
                target=limit("wall_s", 2.0, "s") if args.records == 10_000 else None,
            ),
            Stage(
                "rebuild, one record changed",
                build,
                prepare=edited.toggle,
                target=limit("wall_s", 3.0, "s") if args.records == 10_000 else None,
            ),
            Stage(
                "indexing",
                [PYTHON, "-c", INDEX, str(site)],
                clean=(site / "pagefind", site / "uk" / "pagefind"),  # the build's bundles
            ),
            Stage("render floor", [*floors, "render", str(data), str(floor)], (floor,)),
            Stage("Pagefind floor", [*floors, "pagefind", str(site), str(one_run)], (one_run,)),
            Stage("I/O floor", [*floors, "write", str(site), str(copy)], (copy,), self_timed=True),
        ]
        try:
            results = {stage.name: measure(stage, args.runs) for stage in stages}
        finally:
            edited.restore()
        # The phone budgets on the built site: the largest pages, the first round trip.
        pages = subprocess.run(
            [PYTHON, str(ROOT / "scripts" / "bench_pages.py"), str(site)],
            capture_output=True,
            text=True,
            check=False,
        )
    ratios = {
        "build / (render + Pagefind floors)": ratio(
            results["build"], results["render floor"], results["Pagefind floor"]
        ),
        "indexing / Pagefind floor": ratio(results["indexing"], results["Pagefind floor"]),
        "render floor / I/O floor": ratio(results["render floor"], results["I/O floor"]),
    }
    targets = {"build": BUILD_RATIO_TARGET, "indexing": INDEX_RATIO_TARGET}
    machine = {
        "cores": os.cpu_count(),
        "machine": platform.machine(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": platform.python_version(),
        "date": today().isoformat(),
    }
    print(
        f"\n{args.records:,} records, {machine['cores']} cores ({machine['machine']}), "
        f"{machine['memory_gb']} GB, Python {machine['python']}, {machine['date']}, "
        f"median of {args.runs} runs"
    )
    print(f"{'stage':<36}{'wall s':>9}{'CPU s':>9}{'sum MB':>9}  target")
    for stage in stages:
        figures = results[stage.name]
        print(
            f"{stage.name:<36}{figures['wall_s']:>9.2f}{figures['cpu_s']:>9.2f}"
            f"{figures['memory_mb']:>9.0f}  {stage.target(figures) if stage.target else ''}"
        )
    for name, figures in ratios.items():
        verdict = ""
        target = targets.get(name.split()[0])
        if target and args.records == 10_000:
            verdict = limit("wall_s", target, "x")(figures)
        print(f"{name:<36}{figures['wall_s']:>8.2f}x{figures['cpu_s']:>8.2f}x{'':>9}  {verdict}")
    print(f"\npage weights (scripts/bench_pages.py):\n{pages.stdout}{pages.stderr}", end="")
    report = {
        "pages_within_budget": pages.returncode == 0,
        "records": args.records,
        "runs": args.runs,
        "machine": machine,
        "stages": results,
        "ratios": ratios,
    }
    (ROOT / "bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


class RecordEdit:
    """Changes one record's text back and forth, so that each rebuild has a change to make."""

    MARK = " (updated)"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_text(encoding="utf-8")

    def toggle(self) -> None:
        text = self.path.read_text(encoding="utf-8")
        title = text.index("\n  en: ") + len("\n  en: ")
        end = text.index("\n", title)
        line = text[title:end]
        line = line.removesuffix(self.MARK) if line.endswith(self.MARK) else line + self.MARK
        self.path.write_text(text[:title] + line + text[end:], encoding="utf-8")

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def limit(key: str, most: float, unit: str) -> Callable[[dict[str, float]], str]:
    """A target: `key` at most `most`; says whether the figures meet it."""
    return lambda figures: f"<= {most:g} {unit} " + ("ok" if figures[key] <= most else "MISSED")


def ratio(numerator: dict[str, float], *denominator: dict[str, float]) -> dict[str, float]:
    """Wall and CPU time of one stage over the sum of others'."""
    return {
        key: round(numerator[key] / sum(figures[key] for figures in denominator), 3)
        for key in ("wall_s", "cpu_s")
    }


def measure(stage: Stage, runs: int) -> dict[str, float]:
    """Median wall time, CPU time and peak memory (the largest sum over the stage's processes)
    of a stage over `runs` runs."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        for path in stage.clean:
            shutil.rmtree(path, ignore_errors=True)
        if stage.prepare:
            stage.prepare()
        start = time.perf_counter()
        child = subprocess.Popen(stage.command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        sampler = MemorySampler(child.pid)
        assert child.stdout is not None
        output = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)  # usage includes the child's own workers
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(sampler.stop())
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(stage.command)} failed")
        if stage.self_timed:
            own = json.loads(output.splitlines()[-1])
            walls[-1], cpus[-1] = own["wall_s"], own["cpu_s"]
    return {
        "wall_s": round(statistics.median(walls), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "memory_mb": round(statistics.median(peaks), 1),
    }


class MemorySampler:
    """Samples, in a thread, the memory a process and all its descendants hold together: the
    sum of their PSS (Linux's proportional set size: a page shared by n processes counts 1/n
    in each, so forked workers are not counted twice for what they share). Keeps the largest."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def stop(self) -> float:
        """Stop sampling; the largest sum seen, in MB."""
        self.done.set()
        self.thread.join()
        return self.peak_kb / 1024

    def _run(self) -> None:
        while not self.done.is_set():
            total = sum(pss_kb(pid) for pid in descendants(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            self.done.wait(SAMPLE_EVERY)


def descendants(pid: int) -> list[int]:
    """The process and its children, grandchildren...: from /proc/<pid>/task/*/children."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text(encoding="ascii")
                pending.extend(int(child) for child in children.split())
        except OSError:  # it ended meanwhile
            continue
    return found


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii").splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:  # it ended meanwhile
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
