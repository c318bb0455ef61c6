"""What the pledges to a need add up to, item by item: asked, received, pledged, still needed.

A pledge names each item as its need does (in any of the need's languages, case and punctuation
aside) or by its number in the need's list ("2"): `item_index` finds which. Per item:

- asked: the need's quantity;
- received: the need's own count (`received`), or what confirmed pledges brought if that is
  more (a city that confirmed a delivery may not have updated its need yet);
- pledged: what pledges promised or delivered but not yet confirmed (a cancelled pledge counts
  for nothing, a confirmed one is received);
- still needed: asked - received - pledged, never below zero.

The rules (rules/pledges.py), the matcher, the facts and the pages all count this way.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .records import Dataset, Item, Need, Pledge

_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """A name as it is compared: compatible forms, case, punctuation and spaces folded."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def item_index(need: Need, written: str) -> int | None:
    """The index (from 0) of the need's item a pledge names: by its number in the list ("2",
    "#2", "2."), or by its name in any of the need's languages; None when none matches."""
    number = written.strip().lstrip("#№").rstrip(".").strip()
    if number.isdigit() and number.isascii():
        index = int(number) - 1
        return index if 0 <= index < len(need.items) else None
    wanted = fold(written)
    for index, item in enumerate(need.items):
        if any(fold(name) == wanted for _, name in item.name):
            return index
    return None


@dataclass(frozen=True)
class ItemTally:
    """One item of a need with what the pledges say of it."""

    item: Item
    received: float
    pledged: float

    @property
    def asked(self) -> float:
        return self.item.quantity

    @property
    def still_needed(self) -> float:
        return max(0.0, self.asked - self.received - self.pledged)


@dataclass(frozen=True)
class NeedPledges:
    """The pledges to one need (oldest first) and its items counted with them."""

    need: Need
    pledges: tuple[Pledge, ...]
    items: tuple[ItemTally, ...]

    def still_needed(self) -> tuple[float, ...]:
        return tuple(tally.still_needed for tally in self.items)


def count_items(need: Need, pledges: Iterable[Pledge]) -> tuple[ItemTally, ...]:
    """The need's items counted with these pledges (see the module's docstring)."""
    confirmed = [0.0] * len(need.items)
    pledged = [0.0] * len(need.items)
    for pledge in pledges:
        if pledge.state == "void":
            continue
        target = confirmed if pledge.state == "received" else pledged
        for entry in pledge.items:
            index = item_index(need, entry.item)
            if index is not None:
                target[index] += entry.quantity
    return tuple(
        ItemTally(item, max(item.received or 0.0, confirmed[index]), pledged[index])
        for index, item in enumerate(need.items)
    )


def in_order(pledges: Iterable[Pledge]) -> list[Pledge]:
    """Oldest first (by the day pledged), then by id: who came first, came first."""
    return sorted(pledges, key=lambda pledge: (pledge.posted, pledge.id))


def pledges_by_need(dataset: Dataset) -> dict[str, NeedPledges]:
    """Every need that pledges name, with them and its items counted."""
    named: dict[str, list[Pledge]] = defaultdict(list)
    for pledge in in_order(dataset.pledges.values()):
        if pledge.need in dataset.needs:
            named[pledge.need].append(pledge)
    return {
        need_id: NeedPledges(
            dataset.needs[need_id], tuple(found), count_items(dataset.needs[need_id], found)
        )
        for need_id, found in named.items()
    }
