"""Building many small objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building acyclic trees of many objects
    (records, scores): reference counting frees them all the same, and the collector would
    only walk the growing heap again and again (15-40% of the time of validation and
    matching)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
