"""Reading in a blackout: /offline/ (what is saved on this device) and /sw.js, the service
worker that saves the pages a person visits (theme/static/js/offline-worker.js is its code,
offline.js registers it). The worker's scope is its folder, so it is written at the site's root,
under SITEURL when the site lives in a sub-path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ...cache import CODE, fingerprint
from ...vocabulary import LANGUAGES
from .. import i18n
from ..context import Context, OutputFile, Page

WORKER = "sw.js"
OFFLINE_PAGE = "offline/"
KEPT_PAGES = 200  # pages kept on a device (the oldest saved go first)
KEPT_FILES = 60  # theme files and images kept besides the shell (maps, the search's scripts)
# What the worker keeps from its installation, under the site's root: the look of every page,
# the registration script, and the offline page of each language. Other theme files (the search
# and form scripts) are kept once a page has used them.
SHELL = ("theme/css/site.css", "theme/img/icon.svg", "theme/js/offline.js")


def offline_pages(ctx: Context) -> Iterator[Page | OutputFile]:
    title = ctx.gettext("Reading offline")
    yield Page(OFFLINE_PAGE, "offline.html", {"title": title, "kept": KEPT_PAGES}, indexed=False)
    if ctx.language == LANGUAGES[0]:  # one worker for every language
        yield OutputFile(WORKER, worker_script(Path(ctx.settings["THEME"])), shared=True)


def worker_script(theme: Path) -> str:
    """/sw.js: the worker's settings, then its code. The version is a fingerprint of what the
    shell is made of (the theme and the code that renders the offline pages): a build that
    changes it changes this file, which makes browsers install the new worker."""
    shell = (*CODE, theme / "static", theme / "templates", theme / "translations")
    offline = {
        i18n.language_prefix(language): i18n.language_prefix(language) + OFFLINE_PAGE
        for language in LANGUAGES
    }
    settings = {
        "version": fingerprint(shell),
        "shell": [*SHELL, *offline.values()],
        "offline": offline,
        "pages": KEPT_PAGES,
        "files": KEPT_FILES,
    }
    return (
        "// The service worker of this site: its settings (cities4cities/site/pages/offline.py),\n"
        "// then its code.\n"
        f"self.OFFLINE = {json.dumps(settings, sort_keys=True)};\n"
        'importScripts("theme/js/offline-worker.js");\n'
    )
