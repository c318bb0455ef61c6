from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

FIXTURES = Path(__file__).parent / "fixtures"
# The day the fixtures are checked against; SOURCE_DATE_EPOCH gives the same day to CLI runs.
TODAY = date(2026, 11, 26)
TODAY_EPOCH = "1795651200"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A fresh copy of the small valid dataset that bad fixtures are dropped into."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", root)
    return root


TESTS = Path(__file__).parent
ROOT = TESTS.parent


def build_site(
    output: Path,
    content: Path = ROOT / "content",
    settings: str = "pelicanconf.py",
    environment: dict[str, str] | None = None,
    extra_settings: dict[str, object] | None = None,
) -> None:
    """Build the site with Pelican, as `make build` does, on the fixed test day."""
    command = pelican_command(content, output, "-q", settings=settings, extra=extra_settings)
    subprocess.run(command, cwd=ROOT, env=command_environment(environment), check=True)


def pelican_command(
    content: Path,
    output: Path,
    *options: str,
    settings: str = "pelicanconf.py",
    extra: dict[str, object] | None = None,
) -> list[str]:
    """Pelican as the Makefile runs it, with a build cache of its own beside the output (not
    the developer's .cache/) and the `extra` settings."""
    extra = {"CACHE_PATH": f"{output}-cache", **(extra or {})}
    return [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        settings,
        "-o",
        str(output),
        *options,
        "-e",
        *(f"{key}={json.dumps(value)}" for key, value in extra.items()),
    ]


def command_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a command run by a test: the fixed test day, this checkout's code."""
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": TODAY_EPOCH,
        "PYTHONPATH": str(ROOT),
        **(extra or {}),
    }


def reproducible_files(root: Path) -> set[Path]:
    """Every output file, except the parts of Pagefind's index that it writes in a different
    order on each run (filter and meta chunks, and the entry file naming them: a known upstream
    limitation, Pagefind issue #638). Its pages (fragments) and word index are covered."""
    unstable = re.compile(r"pagefind(-[0-9]+)?/(filter/|pagefind\.[^/]+\.pf_meta|pagefind-entry)")
    files = {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
    return {p for p in files if not unstable.search(str(p))}


def assert_same_site(site: Path, other: Path) -> None:
    """Both builds hold the same files with the same bytes (see reproducible_files)."""
    ours, theirs = reproducible_files(site), reproducible_files(other)
    assert any("/fragment/" in str(p) for p in ours)
    assert ours == theirs, f"files in one build only: {sorted(ours ^ theirs)}"
    differing = [p for p in sorted(ours) if (site / p).read_bytes() != (other / p).read_bytes()]
    assert differing == []


def run_cli(
    *args: str, cwd: Path = ROOT, answers: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m cities4cities ARGS` as a contributor runs it, on the fixed test day;
    `answers` go to its standard input."""
    return subprocess.run(
        [sys.executable, "-m", "cities4cities", *args],
        input=answers,
        cwd=cwd,
        env=command_environment(),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once per test session (read-only for tests)."""
    output = tmp_path_factory.mktemp("site")
    build_site(output)
    return output


# --- browser tests: a local static server and Debian's Chromium --------------------------------
# Debian's `chromium` (or the binary named by $CHROMIUM) is driven by Playwright; no browser is
# ever downloaded. `.ci/run` installs it, so CI always runs these tests; without it they are
# left out with one line in the summary (and fail when $CI is set: CI must never skip them).

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING = f"browser tests SKIPPED: {CHROMIUM} not found — install Debian's chromium to run them"


def on_ci() -> bool:
    """CI services set $CI (GitHub Actions: "true"); .ci/run sets it too."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


# --- markers: `browser` and `slow`, from what a test uses ---------------------------------------
# `make test-fast` runs `-m "not browser and not slow"`. A test is `browser` when it uses the
# browser fixture (`page` builds on it); `slow` when it, one of its fixtures, or a helper of the
# tests they call, builds the site, runs Pelican or serves a folder: seconds, not milliseconds.
# A test slow for another reason says so itself (@pytest.mark.slow, with why).
BROWSER_FIXTURES = frozenset({"browser"})
SLOW_FIXTURES = frozenset({"site", "server"})


def _calls(function: object, targets: tuple[object, ...], seen: set[CodeType]) -> bool:
    """Whether `function` refers to one of `targets`, itself (nested functions included) or
    through a function defined in tests/."""
    function = inspect.unwrap(function)  # a decorated test: the function written
    code = getattr(function, "__code__", None)
    if code is None or code in seen:
        return False
    seen.add(code)
    names: set[str] = set()
    codes = [code]
    while codes:
        current = codes.pop()
        names.update(current.co_names)
        codes.extend(c for c in current.co_consts if isinstance(c, CodeType))
    namespace = getattr(function, "__globals__", {})
    for name in names:
        value = namespace.get(name)
        if any(value is target for target in targets):
            return True
        ours = inspect.isfunction(value) and Path(value.__code__.co_filename).parent == TESTS
        if ours and _calls(value, targets, seen):
            return True
    return False


def _fixture_functions(item: pytest.Item) -> list[object]:
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info else ()
    return [definition.func for chain in definitions for definition in chain]


def is_slow(item: pytest.Item) -> bool:
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    functions = [getattr(item, "obj", None), *_fixture_functions(item)]
    slow_calls = (build_site, pelican_command, serve)
    seen: set[CodeType] = set()
    return any(_calls(function, slow_calls, seen) for function in functions)


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests (see above). Without Chromium, the browser tests are left out with one
    loud line in the summary (not one per test); on CI they fail instead: .ci/run installs it."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
    if Path(CHROMIUM).is_file() or on_ci():
        return
    skipped = [item for item in items if item.get_closest_marker("browser")]
    if skipped:
        items[:] = [item for item in items if item not in skipped]
        config.hook.pytest_deselected(items=skipped)
        config.stash[_BROWSER_SKIPPED] = len(skipped)


_BROWSER_SKIPPED = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if skipped := config.stash.get(_BROWSER_SKIPPED, 0):
        terminalreporter.write_line(f"{MISSING} ({skipped} tests)", yellow=True, bold=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # no access log in the test output


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port); yields the base URL without a slash."""
    with serve(site) as url:
        yield url


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port); yields the base URL without a slash."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium (never a downloaded one), launched once per session."""
    if not Path(CHROMIUM).is_file():  # only on CI: elsewhere these tests were left out
        pytest.fail(MISSING.replace("SKIPPED", "cannot run on CI"), pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def requested() -> list[str]:
    """Every URL the test's page asked for, in order."""
    return []


@pytest.fixture
def page(browser: Browser, server: str, requested: list[str]) -> Iterator[Page]:
    """A fresh page; requests to any other host are recorded, then refused (no network)."""
    context = browser.new_context(base_url=server)
    context.route(lambda url: not url.startswith(f"{server}/"), lambda route: route.abort())
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    try:
        yield page
    finally:
        context.close()
