"""Rules across records, beyond what a schema can say. One small function per rule, registered
with @rule; its docstring states the rule as the contributors' guide does. content.py holds the
rules of the records themselves (duplicates.py: near-duplicate titles), pledges.py those of
pledges, partnerships.py those of partnerships and of seeking cities, trust.py those that tell
whether a record is its city's own."""

from __future__ import annotations

from . import content, duplicates, partnerships, pledges, trust
from .base import RULES, Rule, check_rules, report, rule

__all__ = [
    "RULES",
    "Rule",
    "check_rules",
    "content",
    "duplicates",
    "partnerships",
    "pledges",
    "report",
    "rule",
    "trust",
]
