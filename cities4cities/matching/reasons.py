"""Reason: one reason a pair is suggested, as a code and parameters, never a sentence (the site
words them in the reader's language; `describe()` gives a short English line)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal

from ..records import LocalizedText

ReasonCode = Literal[
    "same-sector",
    "compatible-kind",
    "items",
    "language",
    "distance",
    "urgency",
    "fresh",
    "brings",  # partner cities (partners.py) from here on
    "helped",
    "size",
    "ties",
]


@dataclass(frozen=True)
class Reason:
    """One reason a pair is suggested: a code, its points and the parameters that explain it."""

    code: ReasonCode
    contribution: int
    sector: str | None = None  # same-sector
    kind: str | None = None  # compatible-kind: the need's kind of help ...
    offer_kind: str | None = None  # ... and the offer's that answers it
    item: LocalizedText | None = None  # items: the need's item ...
    offer_item: LocalizedText | None = None  # ... the offer's item with a word in common
    covered: float | None = None  # ... how many of it the offer has, up to `requested`
    requested: float | None = None  # ... how many the need still lacks
    unit: str | None = None  # ... in this unit (covered is None when the units differ)
    language: str | None = None  # language: a language both contacts answer in
    km: int | None = None  # distance: between the two cities
    delivery: str | None = None  # distance: how the offer travels
    urgency: str | None = None  # urgency: the need's
    record: Literal["need", "offer"] | None = None  # fresh: whose review date is ahead
    brought: str | None = None  # brings: what `by` brings and `to` seeks (defs: contribution)
    by: str | None = None  # brings, helped: the city that brings or has helped ...
    to: str | None = None  # ... and the city that seeks it or was helped
    populations: tuple[int, int] | None = None  # size: the two cities', in the pair's order
    count: int | None = None  # ties: current partnerships between cities of ...
    countries: tuple[str, str] | None = None  # ... these two countries

    @property
    def params(self) -> dict[str, object]:
        """The parameters that are set, for a translated message's placeholders."""
        return {
            f.name: value
            for f in fields(self)
            if f.name not in ("code", "contribution")
            and (value := getattr(self, f.name)) is not None
        }

    def describe(self) -> str:
        """A short English line for the command line and tests (the site translates codes)."""
        if self.code == "same-sector":
            return f"Same sector: {self.sector}"
        if self.code == "compatible-kind":
            answer = "" if self.offer_kind == self.kind else f" (answered by {self.offer_kind})"
            return f"Kind of help: {self.kind}{answer}"
        if self.code == "items":
            name = self.item.best("en")[1] if self.item else "?"
            if self.covered is None:
                return f"Item: {name} (a similar item is offered)"
            return f"Item: {name}, covers {self.covered:g} of {self.requested:g} {self.unit}"
        if self.code == "language":
            return f"Shared language: {self.language}"
        if self.code == "distance":
            return f"Distance: {self.km} km ({self.delivery})"
        if self.code == "urgency":
            return f"Urgency: {self.urgency}"
        if self.code == "brings":
            return f"{self.by} brings {self.brought}, which {self.to} seeks"
        if self.code == "helped":
            return f"{self.by} has helped {self.to}"
        if self.code == "size":
            return f"Comparable size: {self.populations}"
        if self.code == "ties":
            return f"{self.count} partnerships between {self.countries}"
        return f"Still current: the {self.record}"
