"""Reading a content file safely, and the characters no text of the site may hold.

A content folder is written by strangers (a pull request, an issue turned into a file), so a
file is read only if it is a plain file: a link is not followed (it could lead out of the
repository, or to /dev/zero), a named pipe or a device is never opened for reading, and the size
is known before a byte is read. Control, bidirectional and zero-width characters are refused
wherever they come from: in the file's text, written as an escape in a YAML "double-quoted" text
("\\u202E"), or as an HTML character reference (&#x202E;) that Markdown passes on to a page.
"""

from __future__ import annotations

import errno
import html
import os
import re
import stat
import unicodedata
from pathlib import Path

from .problems import Problem

MAX_FILE_BYTES = 64 * 1024

# Zero-width and bidirectional formatting characters: invisible, and able to make a text read
# differently from what it says (a right-to-left override turns "exe.txt" round).
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Characters YAML itself forbids (C0/C1 controls other than tab, newline, CR and NEL).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SUSPICIOUS = re.compile(f"{_INVISIBLE.pattern}|{_CONTROL.pattern}")
# In a value, written as an escape in "double quotes" ("\u202E", "\0", "\r", "\N", "\L"):
# every control character but tab and line feed, line and paragraph separators, the invisible.
_CONTROL_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_ESCAPED = re.compile(f"{_INVISIBLE.pattern}|{_CONTROL_VALUE.pattern}")
# An HTML character reference (&#x202E;, &#8203;, &zwj;): Markdown passes it on to the page.
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")

# -- a file's bytes ---------------------------------------------------------------------------

_NOT_PLAIN = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a link is refused, never followed
    | getattr(os, "O_NONBLOCK", 0)  # a named pipe is refused, never waited on
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def not_plain_file(path: str | Path) -> Problem | None:
    """A problem when path is not a plain file (a link, a folder, a pipe, a device, a socket),
    looked at without opening or following it; None for a plain file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return _unreadable(path, error)
    return None if stat.S_ISREG(mode) else _not_plain_problem(path, mode)


def _not_plain_problem(path: str | Path, mode: int) -> Problem:
    what = next((name for test, name in _NOT_PLAIN if test(mode)), "a special file")
    return Problem(
        str(path),
        1,
        1,
        "error",
        "",
        f"this is {what}, not a plain file, so it is not read; put the file itself here "
        "(a copy, not a link) or remove it",
    )


def _unreadable(path: str | Path, error: OSError) -> Problem:
    if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link
        return _not_plain_problem(path, stat.S_IFLNK)
    reason = error.strerror or str(error)
    return Problem(str(path), 1, 1, "error", "", f"this file cannot be read ({reason})")


def _too_big(path: str | Path, size: int) -> Problem:
    return Problem(
        str(path),
        1,
        1,
        "error",
        "",
        f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} allowed; "
        "shorten the description or split the record",
    )


def read_file(path: str | Path) -> tuple[bytes | None, Problem | None]:
    """A content file's bytes, or the problem that stopped the reading. Only a plain file is
    read: a link is not followed, a pipe or device not opened for reading, and the size is
    checked before reading (and the reading bounded, should the file grow meanwhile)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return None, _unreadable(path, error)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None, _not_plain_problem(path, status.st_mode)
        if status.st_size > MAX_FILE_BYTES:
            return None, _too_big(path, status.st_size)
        raw = b""
        while len(raw) <= MAX_FILE_BYTES and (chunk := os.read(fd, MAX_FILE_BYTES + 1)):
            raw += chunk
    except OSError as error:
        return None, _unreadable(path, error)
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        return None, _too_big(path, len(raw))
    return raw, None


def text_problems(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """A file's bytes as text, or None with the problems: not UTF-8, a control or an invisible
    character anywhere in it (for any text the site reads, Markdown pages included)."""
    problems: list[Problem] = []

    def error(line: int, column: int, message: str) -> None:
        problems.append(Problem(path, line, column, "error", "", message))

    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_big(path, len(raw))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        error(
            line,
            column,
            f"byte 0x{raw[exc.start]:02X} is not UTF-8 text; "
            "save the file with UTF-8 encoding in your editor",
        )
        return None, problems
    text = text.removeprefix("\ufeff")  # a byte-order mark at the very start is harmless
    suspicious = _SUSPICIOUS.search(text) is not None  # one scan for the usual clean file
    for pattern in (_CONTROL, _INVISIBLE):
        for match in pattern.finditer(text) if suspicious else ():
            line, column = line_column(text, match.start())
            error(
                line,
                column,
                f"{describe(match.group())} is here; "
                "delete it (it often comes with copy and paste)",
            )
    return (None if problems else text), problems


def describe(char: str) -> str:
    """'an invisible character U+202E (right-to-left override)'"""
    what = "an invisible" if _INVISIBLE.match(char) else "a control"
    return f"{what} character {_named(char)}"


def _named(char: str) -> str:
    """U+202E (right-to-left override)"""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name.lower()})" if name else "")


def refused_in_value(text: str) -> list[tuple[str, str]]:
    """The refused characters in a parsed text (which the file's own text did not show: they
    were written as escapes) or written in it as HTML character references, each once, with
    how: [("\\u202e", "as an escape in quotes"), ...]."""
    found = dict.fromkeys(_ESCAPED.findall(text), "as an escape in quotes")
    if "&" in text:
        for reference in _REFERENCE.findall(text):
            for char in _ESCAPED.findall(html.unescape(reference)):
                found.setdefault(char, f"as an HTML character reference ({reference})")
    return list(found.items())


def refused_characters(text: str) -> list[str]:
    """The characters no text may hold (control, bidirectional, zero-width), each once."""
    return list(dict.fromkeys(_ESCAPED.findall(text)))


def is_invisible(char: str) -> bool:
    return _INVISIBLE.match(char) is not None


def refused_in_data(data: object) -> bool:
    """Whether a refused character is written in any text of parsed data (see
    refused_in_value), field names included."""
    if type(data) is str:
        return bool(refused_in_value(data))
    if type(data) is list:
        return any(refused_in_data(item) for item in data)
    if type(data) is dict:
        return any(refused_in_data(key) or refused_in_data(value) for key, value in data.items())
    return False


def reference_problems(path: str, text: str) -> list[Problem]:
    """HTML character references in a Markdown page's text that write a refused character."""
    problems = []
    for match in _REFERENCE.finditer(text) if "&" in text else ():
        for char in dict.fromkeys(_ESCAPED.findall(html.unescape(match.group()))):
            line, column = line_column(text, match.start())
            message = (
                f"{describe(char)} is written here as an HTML character reference "
                f"({match.group()}); delete it"
            )
            problems.append(Problem(path, line, column, "error", "", message))
    return problems


def line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)
