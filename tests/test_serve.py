"""`make serve`: Pelican serves the site and rebuilds it on every edit; an edit to a record
shows after a reload, and an edit with an error keeps the last good build served."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, command_environment, pelican_command

NEED = "ua-sumy-generators"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"after {seconds:.0f} s: {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, Callable[[], int]]]:
    """The small dataset served as `make serve` serves it: (address, content folder, the
    number of builds Pelican has finished so far)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", content)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")  # about/, privacy/ ...
    port = free_port()
    options = ["--autoreload", "--listen", "--port", str(port), "--bind", "127.0.0.1"]
    command = pelican_command(
        content, tmp_path / "output", *options, extra={"KEEP_SERVING_ON_ERRORS": True}
    )
    log_path = tmp_path / "serve.log"  # what Pelican said: the builds done, and any failure
    log = log_path.open("w")
    # A session of its own: Pelican serves from a child process, which must stop with it.
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=command_environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", content, lambda: log_path.read_text().count("Done:")
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        log.close()


def test_an_edited_record_shows_after_a_reload(
    served: tuple[str, Path, Callable[[], int]],
) -> None:
    address, content, builds = served
    page = f"{address}/needs/{NEED}/"
    record = content / "needs" / f"{NEED}.yaml"

    def edit(old: str, new: str) -> None:
        """Edit the record once the build before has finished (its pages are served before
        the search is indexed; an edit made meanwhile is not seen by Pelican's reloader)."""
        done = builds()
        record.write_text(record.read_text().replace(old, new))
        wait_for(lambda: builds() > done, f"a build after {new!r}")

    wait_for(lambda: builds() >= 1, "the first build")
    assert "Generators for Sumy hospitals" in (fetch(page) or "")
    edit("Generators for Sumy", "Power units for Sumy")
    assert "Power units for Sumy" in (fetch(page) or "")

    # An error: the last good build stays served until it is fixed.
    edit("status: open", "status: opened")
    assert "Power units for Sumy" in (fetch(page) or "")
    edit("status: opened", "status: open")
    edit("Power units", "Generator sets")
    assert "Generator sets for Sumy" in (fetch(page) or "")

    # Feeds and CSV are served as UTF-8: a Ukrainian feed must not show as mojibake.
    for path in ("uk/feeds/needs.atom", "data/needs.csv"):
        with urllib.request.urlopen(f"{address}/{path}", timeout=5) as response:
            assert response.headers["Content-Type"].endswith("; charset=utf-8"), path
