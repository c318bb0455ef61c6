"""Suggested matches between open needs and available offers, each with the reasons for it.

For every open or in-progress need, the available offers that could answer it, best first; for
every available offer, the open needs it could answer. A pair is a candidate only if the two share
a sector or a compatible kind of help; its score is a sum of points, each point accounted for by
a Reason (a code and parameters, never a sentence: the site words them in the reader's language).

How it scales: records with the same profile (everything that scores, except the city) form a
group, scored once (its items' words, what they still lack). Each side's records are bits of an
integer, with a mask per feature that scores (bits.py). For one record, a score is a sum of
parts that take few values each (sectors and kinds, items, distance by cells of a degree,
language with urgency and freshness); blocks of the other side's records, one value of each
part, are visited by their total best first, and only the records of blocks that can still
enter the top `limit` are scored exactly; the walk stops at the first block that cannot. The
reasons are built only for the suggestions found, and each suggestion once for both sides.

The modules, each importing only those above it:
  weights.py       Weights (every number of a score), RELATED_KINDS, PHYSICAL_KINDS
  reasons.py       Reason: a code, its points and its parameters
  words.py         the significant words (stems) of item names, in English and Ukrainian
  places.py        cities on the sphere, the angle between two
  profiles.py      what scores in a record; groups of records alike, classes of groups
  scoring.py       the reasons and points of a pair of groups
  bits.py          each side's records as bits, the masks of their features
  search.py        the parts of a score as masks; the best-first walk over blocks for a record
  suggestions.py   match(), Suggestion, Matches, SHOWN_FROM
  partners.py      suggest_partners(): partner cities for the cities seeking one, scored with
                   the same weights and reasons (and sector and language scoring)
"""

from .partners import PartnerSuggestion, PartnerSuggestions, suggest_partners
from .reasons import Reason, ReasonCode
from .suggestions import SHOWN_FROM, Matches, Suggestion, match
from .weights import PHYSICAL_KINDS, RELATED_KINDS, WEIGHTS, Weights

__all__ = [
    "PHYSICAL_KINDS",
    "RELATED_KINDS",
    "SHOWN_FROM",
    "WEIGHTS",
    "Matches",
    "PartnerSuggestion",
    "PartnerSuggestions",
    "Reason",
    "ReasonCode",
    "Suggestion",
    "Weights",
    "match",
    "suggest_partners",
]
