"""Work shared between forked processes: the site's languages are rendered side by side, each
in a process that starts as a copy of the generator (dataset, matches, facts: nothing is sent
to it), and sends back only a small summary of what it wrote."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The task of the forked workers: a closure cannot be sent to them, but they inherit this.
_task: Callable[[Any], Any] | None = None


def _run(item: Any) -> Any:
    assert _task is not None, "called outside forked_map"
    return _task(item)


def default_processes() -> int:
    """The cores this process may use (a container or taskset may allow fewer than exist)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def forked_map(task: Callable[[T], R], items: Sequence[T], processes: int) -> list[R]:
    """[task(item) for item in items], in up to `processes` forked workers; in this process
    when there is one process or one item. Results come back pickled, in order."""
    if processes <= 1 or len(items) <= 1:
        return [task(item) for item in items]
    global _task
    _task = task
    # The collector would touch every object the workers inherit, copying the pages they sit
    # on into each worker: frozen, they stay shared.
    gc.collect()
    gc.freeze()
    try:
        workers = min(processes, len(items))
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            return list(pool.map(_run, items))
    finally:
        _task = None
        gc.unfreeze()
