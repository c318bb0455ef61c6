"""The one type every check reports: a problem at a place in a file, addressed to a contributor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    severity: Severity
    field: str  # dotted path in the record: "contact.email", "items[2].quantity"; "" for the file
    message: str  # what is wrong and what to do, in a city officer's words

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {where}{self.message}"

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's diff."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        # Workflow commands end at a newline; % and line breaks must be escaped.
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},col={self.column}::{text}"


FieldPath = tuple[str | int, ...]


def dotted(path: FieldPath) -> str:
    """("items", 2, "quantity") -> "items[2].quantity"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
