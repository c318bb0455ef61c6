"""The Pelican plugin: the only code that imports Pelican. It turns the validated dataset into
the directory's pages, in every language of the site."""

from __future__ import annotations

from pelican import signals

from .generator import DirectoryGenerator
from .search import index_search


def get_generators(pelican: object) -> type[DirectoryGenerator]:
    return DirectoryGenerator


def register() -> None:
    # Module-level functions: blinker keeps only weak references to receivers.
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_search)
