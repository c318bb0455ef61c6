"""The Pelican plugin: the only code that imports Pelican. It turns the validated dataset into
the directory's pages, in every language of the site."""

from __future__ import annotations

from pelican import signals

from .generator import DirectoryGenerator


def get_generators(pelican: object) -> type[DirectoryGenerator]:
    return DirectoryGenerator


def register() -> None:
    # A module-level function: blinker keeps only a weak reference to receivers.
    signals.get_generators.connect(get_generators)
