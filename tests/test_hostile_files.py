"""What a content folder may hold besides records, and what a file may hold besides a record:
anything that is not a plain file (a link, a folder, a pipe, a device, a socket) is a problem at
file:1:1 and is never opened; a file's size is known before it is read; nesting is bounded at any
depth; refused characters are refused however they are written. The fixtures in
fixtures/invalid/needs/ cover what a file can hold; these tests what cannot be a fixture."""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, TODAY, command_environment
from hypothesis import given, settings
from hypothesis import strategies as st

from cities4cities import reading
from cities4cities.cache import ContentCache
from cities4cities.loading import load_document
from cities4cities.reading import MAX_FILE_BYTES, read_file
from cities4cities.validation import validate_content

NEED = FIXTURES / "base" / "needs" / "ua-sumy-generators.yaml"
NOT_PLAIN = "not a plain file, so it is not read; put the file itself here (a copy, not a link)"


def problems_of(content: Path, path: Path, cache: ContentCache | None = None) -> list[str]:
    result = validate_content(content, TODAY, cache)
    return [f"{p.line}:{p.column} {p.message}" for p in result.problems if Path(p.path) == path]


def hostile(kind: str, target: Path, tmp_path: Path) -> None:
    """Make `target` something other than a plain file."""
    if kind == "link-outside":
        secret = tmp_path / "secret.yaml"
        secret.write_text("password: hunter2-outside-the-repository\n", encoding="utf-8")
        target.symlink_to(secret)
    elif kind == "link-to-valid-record":
        elsewhere = tmp_path / "elsewhere.yaml"
        text = NEED.read_text(encoding="utf-8").replace("Generators for", "Other generators for")
        elsewhere.write_text(text, encoding="utf-8")
        target.symlink_to(elsewhere)
    elif kind == "link-to-dev-zero":
        target.symlink_to("/dev/zero")
    elif kind == "dangling-link":
        target.symlink_to(tmp_path / "nothing-here.yaml")
    elif kind == "named-pipe":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
        (target / "inside.yaml").write_bytes(NEED.read_bytes())
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
        server.close()


KINDS = {
    "link-outside": "a symbolic link",
    "link-to-valid-record": "a symbolic link",
    "link-to-dev-zero": "a symbolic link",
    "dangling-link": "a symbolic link",
    "named-pipe": "a named pipe",
    "folder": "a folder",
    "socket": "a socket",
}


@pytest.fixture
def short_tmp() -> Path:
    """A temporary folder with a path short enough for a Unix socket (at most 107 bytes)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="c4c-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("cached", [False, True], ids=["validate", "build"])
def test_what_is_not_a_plain_file_is_refused_unread(
    kind: str, cached: bool, short_tmp: Path
) -> None:
    content = short_tmp / "c"
    shutil.copytree(FIXTURES / "base", content)
    target = content / "needs" / "ua-sumy-other.yaml"
    hostile(kind, target, short_tmp)
    cache = ContentCache(short_tmp / "cache.pickle", "test") if cached else None

    started = time.monotonic()
    found = problems_of(content, target, cache)

    assert time.monotonic() - started < 10
    assert found == [f"1:1 this is {KINDS[kind]}, {NOT_PLAIN} or remove it"]
    result = validate_content(content, TODAY)
    assert "ua-sumy-other" not in result.dataset.needs  # a linked valid record is not taken
    assert "hunter2" not in "\n".join(map(str, result.problems))


def test_a_content_folder_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", content)
    shutil.move(content / "offers", tmp_path / "offers-elsewhere")
    (content / "offers").symlink_to(tmp_path / "offers-elsewhere")

    result = validate_content(content, TODAY)

    assert [(p.path, p.message) for p in result.errors if Path(p.path).name == "offers"] == [
        (
            str(content / "offers"),
            "this folder is a symbolic link, so it is not read; the files must be in the "
            "content folder itself",
        )
    ]
    assert result.dataset.offers == {}


def test_the_size_is_known_before_reading(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 2 GB file (sparse: it takes no disk) is refused from its size, without a byte read."""
    target = content / "needs" / "ua-sumy-huge.yaml"
    with target.open("wb") as file:
        file.truncate(2 * 1024**3)
    sizes_read = []
    real_read = os.read

    def read(fd: int, n: int) -> bytes:
        sizes_read.append(os.fstat(fd).st_size)
        return real_read(fd, n)

    monkeypatch.setattr(reading.os, "read", read)

    assert problems_of(content, target) == [
        "1:1 the file is 2,147,483,648 bytes, more than the 65,536 allowed; shorten the "
        "description or split the record"
    ]
    assert sizes_read and max(sizes_read) < MAX_FILE_BYTES  # the other files only


def test_reading_is_bounded_even_when_the_size_says_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grows after its size was taken is read up to the limit and one byte."""
    target = tmp_path / "grown.yaml"
    target.write_bytes(b"# x\n" * MAX_FILE_BYTES)  # 256 KB
    real_fstat = os.fstat

    def small(fd: int) -> os.stat_result:
        status = list(real_fstat(fd))
        status[6] = 10  # st_size
        return os.stat_result(status)

    monkeypatch.setattr(reading.os, "fstat", small)
    raw, problem = read_file(target)
    assert raw is None
    assert problem.message.startswith(f"the file is {MAX_FILE_BYTES + 1:,} bytes")


def test_pages_the_build_reads_are_checked_like_records(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", content)
    pages = content / "pages"
    pages.mkdir()
    (pages / "about.en.md").write_text("Title: About\n\nFine & well.\n", encoding="utf-8")
    (pages / "about.uk.md").write_text("Title: Про нас\n\nA\u200bB\n", encoding="utf-8")
    (pages / "privacy.en.md").write_text("Title: P\n\nSee &#x202E;this&zwj;.\n", encoding="utf-8")
    (pages / "privacy.uk.md").write_bytes(b"Title: \xff\n")
    (pages / "contribute.en.md").symlink_to("/etc/passwd")

    result = validate_content(content, TODAY)

    assert [str(p) for p in result.errors] == [
        f"{pages}/about.uk.md:3:2: error: an invisible character U+200B (zero width space) is "
        "here; delete it (it often comes with copy and paste)",
        f"{pages}/contribute.en.md:1:1: error: this is a symbolic link, {NOT_PLAIN} or remove it",
        f"{pages}/privacy.en.md:3:5: error: an invisible character U+202E (right-to-left "
        "override) is written here as an HTML character reference (&#x202E;); delete it",
        f"{pages}/privacy.en.md:3:17: error: an invisible character U+200D (zero width joiner) "
        "is written here as an HTML character reference (&zwj;); delete it",
        f"{pages}/privacy.uk.md:1:8: error: byte 0xFF is not UTF-8 text; save the file with "
        "UTF-8 encoding in your editor",
    ]


def test_the_example_pages_pass() -> None:
    result = validate_content(ROOT / "content", TODAY)
    assert not [p for p in result.problems if "/pages/" in p.path]


@settings(max_examples=60, deadline=None)
@given(
    depth=st.integers(1, 6000),
    opener=st.sampled_from(["[", "{a: ", "- ", "[{a: "]),
)
def test_nesting_at_any_depth_gives_a_problem_or_a_document(depth: int, opener: str) -> None:
    raw = ("kinds: " + opener * depth + "x").encode()
    if len(raw) > MAX_FILE_BYTES:
        raw = raw[:MAX_FILE_BYTES]
    for lazy in (False, True):
        document, problems = load_document("x.yaml", raw, lazy_positions=lazy)
        assert document is not None or problems
        assert all(p.path == "x.yaml" and p.line >= 1 for p in problems)


def test_the_command_line_on_every_hostile_file_at_once(short_tmp: Path) -> None:
    """`make validate` as a contributor runs it: a file:line message for each, no traceback,
    in bounded time and memory (the address space is capped at 1 GB)."""
    content = short_tmp / "c"
    shutil.copytree(FIXTURES / "base", content)
    made = []
    for number, kind in enumerate(KINDS):
        target = content / "needs" / f"ua-sumy-hostile-{number}.yaml"
        hostile(kind, target, short_tmp)
        made.append(target)
    huge = content / "needs" / "ua-sumy-huge.yaml"
    with huge.open("wb") as file:
        file.truncate(2 * 1024**3)
    deep = content / "needs" / "ua-sumy-deep.yaml"
    deep.write_text("kinds: " + "[" * 990 + "]" * 990 + "\n", encoding="utf-8")
    escaped = content / "needs" / "ua-sumy-escaped.yaml"
    escaped.write_text('title:\n  en: "\\u202E\\0"\n', encoding="utf-8")
    made += [huge, deep, escaped]

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "cities4cities", "validate", str(content)],
        cwd=ROOT,
        env=command_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limits,
        check=False,
    )

    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    for path in made:
        assert any(re.match(rf"{re.escape(str(path))}:\d+:\d+: error: ", ln) for ln in lines), (
            path,
            result.stdout,
        )
