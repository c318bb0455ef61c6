"""Suggested matches between open needs and available offers, each with the reasons for it.

For every open or in-progress need, the available offers that could answer it, best first; for
every available offer, the open needs it could answer. A pair is a candidate only if the two share
a sector or a compatible kind of help; its score is a sum of points, each point accounted for by
a Reason (a code and parameters, never a sentence: the site words them in the reader's language).

How it scales: records with the same profile (everything that scores, except the city) form a
group. Candidate pairs of groups come from inverted indexes by sector and by kind; their sectors,
kinds, languages, urgency and freshness are scored once per pair of classes (profiles less their
items), their items once per pair of groups. Within a pair of groups only the distance differs,
so the best members come from a nearest-first search over the group's places; pairs of groups
are visited best first, and the visit stops when none left can enter the top `limit`. Both sides
read the same scored pairs, and a suggestion is built once for both.

The modules, each importing only those above it:
  weights.py       Weights (every number of a score), RELATED_KINDS, PHYSICAL_KINDS
  reasons.py       Reason: a code, its points and its parameters
  words.py         the significant words (stems) of item names, in English and Ukrainian
  places.py        cities on the sphere; PlaceIndex, the nearest-first search over a group
  profiles.py      what scores in a record; groups of records alike, classes of groups
  scoring.py       the reasons and points of a pair of groups
  search.py        candidate pairs from inverted indexes; the best-first search for a record
  suggestions.py   match(), Suggestion, Matches, SHOWN_FROM
"""

from .reasons import Reason, ReasonCode
from .suggestions import SHOWN_FROM, Matches, Suggestion, match
from .weights import PHYSICAL_KINDS, RELATED_KINDS, WEIGHTS, Weights

__all__ = [
    "PHYSICAL_KINDS",
    "RELATED_KINDS",
    "SHOWN_FROM",
    "WEIGHTS",
    "Matches",
    "Reason",
    "ReasonCode",
    "Suggestion",
    "Weights",
    "match",
]
