"""What the last build wrote into an output folder, and from what, so that the next build renders
and writes only what changed and removes what is no longer made. Knows nothing about Pelican.

Each file is recorded with a key (a digest of everything it was made from: the caller puts the
version of the code and templates into it where that matters) and the size and modification
time it had when written: a file is reused only if its key is the same and nobody has touched
it since.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ..cache import digest

# key, size, modification time (ns), and the digest of what the search indexes of it ("" if
# nothing: search.search_key)
Entry = tuple[str, int, int, str]
FORMAT = 2  # of the manifest file: an older one is not read (the build starts afresh)


class OutputManifest:
    def __init__(self, output: Path, cache_dir: Path, name: str) -> None:
        self.output = output
        # One manifest per output folder: builds into other folders do not disturb it.
        where = digest(str(output.resolve()).encode())
        self.file = cache_dir / f"{name}-{where}.pickle"
        self.current: dict[str, Entry] = {}
        self.previous: dict[str, Entry] = {}
        self.found = False  # a manifest of an earlier build exists
        self.rewritten = 0  # files written by this build (not kept)
        try:
            with self.file.open("rb") as source:
                previous = pickle.load(source)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            return
        if isinstance(previous, tuple) and previous[0] == FORMAT:  # else an older build's
            self.previous = previous[1]
            self.found = True

    def part(self) -> OutputManifest:
        """An empty record of this build over the same earlier one, for a process writing a
        part of the output: its entries are merged back here (`merge`)."""
        part = object.__new__(OutputManifest)
        part.__dict__.update(self.__dict__, current={}, rewritten=0)
        return part

    def merge(self, entries: dict[str, Entry]) -> None:
        self.current.update(entries)

    def unchanged(self, relative: str, key: str) -> bool:
        """Whether the file is already in the output as made from `key` (then it is kept)."""
        if self.key_on_disk(relative) != key:
            return False
        self.current[relative] = self.previous[relative]
        return True

    def key_on_disk(self, relative: str) -> str | None:
        """The key the file was last written with, if it has not been touched since."""
        entry = self.previous.get(relative)
        try:
            stat = (self.output / relative).stat()
        except OSError:
            return None
        return entry[0] if entry and (stat.st_size, stat.st_mtime_ns) == entry[1:3] else None

    def indexed_on_disk(self, relative: str) -> str | None:
        """The digest of what the search indexes of the file, if it has not been touched since
        it was written."""
        return self.previous[relative][3] if self.key_on_disk(relative) else None

    def wrote(self, relative: str, key: str, indexed: str = "") -> None:
        stat = (self.output / relative).stat()
        self.current[relative] = (key, stat.st_size, stat.st_mtime_ns, indexed)
        self.rewritten += 1

    def finish(self) -> list[str]:
        """Remove the files of the last build that this one did not make (and folders left
        empty), save the manifest, and return what was removed."""
        removed = sorted(set(self.previous) - set(self.current))
        for relative in removed:
            path = self.output / relative
            path.unlink(missing_ok=True)
            for folder in path.parents:
                if folder == self.output or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_suffix(".partial")
        with partial.open("wb") as target:
            pickle.dump((FORMAT, self.current), target, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(self.file)
        return removed
