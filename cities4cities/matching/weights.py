"""Every number a score is made of, and which kinds of help answer each other."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Kinds of help that answer each other besides the same kind (the relation is symmetric).
RELATED_KINDS = frozenset(
    frozenset(pair)
    for pair in (
        ("equipment", "vehicles"),
        ("expertise", "training"),
        ("partnership", "expertise"),
        ("volunteers", "expertise"),
    )
)
# Kinds of help that travel: only for these does the distance between the cities matter.
PHYSICAL_KINDS = frozenset({"goods", "equipment", "vehicles"})


def answering_kinds(kind: str) -> tuple[str, ...]:
    """The kinds of help that answer a need of this kind: the same, then the related ones."""
    related = sorted(other for pair in RELATED_KINDS if kind in pair for other in pair - {kind})
    return (kind, *related)


def _mapping(values: dict[str, float]) -> Callable[[], Mapping[str, float]]:
    return lambda: MappingProxyType(values)


@dataclass(frozen=True)
class Weights:
    """Every number a score is made of. Points are whole numbers, so reasons add up exactly.

    The sector says what a need is about and weighs most; the kind of help says how it can be
    answered; a matching item is the most concrete evidence there is. Language, distance,
    urgency and freshness order suggestions that are otherwise alike.
    """

    sectors: int = 50  # when both name the same sectors; shared in proportion otherwise
    # (Dice: 2 x shared / (need's + offer's), so a focused record outranks a broad one)
    same_kind: int = 20  # the best kind of help both name ...
    related_kind: int = 10  # ... or, failing that, a related one (RELATED_KINDS)
    more_kinds: float = 0.4  # each further kind of the need answered earns this share of that
    alone: float = 0.4  # the share sectors earn with no compatible kind, or kinds with no
    # shared sector: the right subject in the wrong form, or the right form on another subject
    items: int = 40  # shared by the items the need still lacks: for each one matched,
    item_name_share: float = 0.5  # this share for the name, the rest by the quantity covered
    item_overlap: float = 0.5  # names match when, in some pair of their languages, the shorter
    # has at least this share of its significant words in the other ("diesel generator" and
    # "diesel bus" do not; "hand pallet truck" and "hand pallet truck 2.5 t" do)
    first_language: int = 15  # the need contact's first language (mostly Ukrainian) is shared
    other_language: int = 8  # another language both contacts answer in
    distance: int = 30  # taken off at distance_cap_km and beyond, in proportion below it,
    distance_cap_km: int = 2500  # when both sides name goods, equipment or vehicles
    delivery: Mapping[str, float] = field(  # share of the distance points, by offer delivery
        default_factory=_mapping({"recipient-collects": 1.0, "we-deliver": 0.5, "remote": 0.0})
    )
    urgency: Mapping[str, float] = field(
        default_factory=_mapping({"critical": 12, "high": 8, "medium": 4, "low": 0})
    )
    fresh: int = 5  # per record whose review date has not passed
    # Partner cities (partners.py): their priority sectors count as `sectors`, their working
    # languages as `first_language` and `other_language` (the Ukrainian city's first), then:
    brings: int = 10  # each thing one brings that the other seeks (both ways), up to brings_cap
    brings_cap: int = 30
    helped: int = 20  # one has already helped the other (a matched offer, a confirmed delivery)
    size: int = 10  # the smaller city has at least half the larger's people (a quarter: half)
    ties: int = 3  # per current partnership between cities of their two countries, up to
    ties_cap: int = 12


WEIGHTS = Weights()
