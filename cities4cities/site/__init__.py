"""The Pelican plugin: the only code that imports Pelican. It turns the validated dataset into
the directory's pages, in every language of the site."""

from __future__ import annotations

import mimetypes

from pelican import signals

from .generator import DirectoryGenerator
from .search import index_search


def get_generators(pelican: object) -> type[DirectoryGenerator]:
    return DirectoryGenerator


# Text files `make serve` serves (Pelican's server asks mimetypes), declared as UTF-8: without
# a charset, a browser shows a Ukrainian feed or CSV as mojibake. Hosts such as GitHub Pages
# send the charset themselves.
UTF8_TYPES = {
    ".atom": "application/atom+xml",
    ".csv": "text/csv",
    ".xml": "application/xml",
    ".txt": "text/plain",
}


def register() -> None:
    # Module-level functions: blinker keeps only weak references to receivers.
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_search)
    for extension, media_type in UTF8_TYPES.items():
        mimetypes.add_type(f"{media_type}; charset=utf-8", extension)
