"""Results kept between runs, keyed by the content they were computed from: a file that has not
changed since the last build is not parsed or checked again. A cache is tied to the fingerprint
of the code and schemas that made it, so a change to either starts afresh."""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .bulk import cyclic_gc_paused

ROOT = Path(__file__).resolve().parent.parent
# What shapes every result: this package (with its data), the schemas, the pinned libraries.
CODE = (ROOT / "cities4cities", ROOT / "schemas", ROOT / "requirements.lock")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def value_digest(value: Any) -> str:
    """A digest of a value (pickled) that depends on what it holds, not on which of its parts
    are the same object: without the pickler's memo, a record read from the cache and the same
    record parsed afresh give the same digest. (For values without cycles.)"""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: no back-references to objects seen before
    pickler.dump(value)
    return digest(buffer.getvalue())


def fingerprint(paths: Iterable[Path] = CODE, *extra: str) -> str:
    """One digest of the files under `paths` (names and bytes) and of `extra` strings."""
    hashed = hashlib.blake2b(digest_size=16)
    for text in (sys.version, *extra):
        hashed.update(text.encode() + b"\0")
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                hashed.update(str(file.relative_to(path.parent)).encode() + b"\0")
                hashed.update(file.read_bytes())
    return hashed.hexdigest()


class ContentCache:
    """A dictionary from content keys to results, kept in one pickle file between runs.

    Only the entries read or written in this run are saved, so the file holds what the content
    is now, not everything it ever was. A missing, stale or unreadable file is an empty cache.
    """

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        self.version = version
        self.kept: dict[Any, Any] = {}
        self.changed = False
        self.old: dict[Any, Any] = {}
        try:
            with path.open("rb") as source, cyclic_gc_paused():  # many small objects
                saved_version, entries = pickle.load(source)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            return
        if saved_version == version:
            self.old = entries

    def get(self, key: Any) -> Any | None:
        if key in self.kept:
            return self.kept[key]
        value = self.old.get(key)
        if value is not None:
            self.kept[key] = value
        return value

    def put(self, key: Any, value: Any) -> None:
        self.kept[key] = value
        self.changed = True

    def save(self) -> None:
        """Write the entries of this run, if they differ from the file's (atomically)."""
        if not self.changed and len(self.kept) == len(self.old):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        with partial.open("wb") as target:
            pickle.dump((self.version, self.kept), target, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(self.path)
