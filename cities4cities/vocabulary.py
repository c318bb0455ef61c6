"""The words every part of the project shares, read once from the schemas (their single source):
the site's languages, the shape of an id, and what each status means.

A status is in one of three states (the schemas' x-states): *open* (a need still looking for
help, an offer still on offer: what the site counts, lists first, matches and embeds), *taken*
(a reserved offer: no longer offered, still reviewed) or *closed* (fulfilled, given, withdrawn).

A pledge's status is in one of four states of its own (the pledge schema's x-states): *promised*
(still to be delivered: it counts against what its need still lacks, and is overdue after its
expected date), *arrived* (delivered, not yet confirmed by the receiving city: still counted as
pledged), *received* (confirmed: counted as received) or *void* (cancelled: counts for nothing).
"""

from __future__ import annotations

import re
from typing import Literal

from .schemas import load_schemas

State = Literal["open", "taken", "closed"]
PledgeState = Literal["promised", "arrived", "received", "void"]

_DEFS = load_schemas().defs()

LANGUAGES: tuple[str, ...] = tuple(_DEFS["language"]["x-site-languages"])  # first: the default
ID_PATTERN = re.compile(_DEFS["id"]["pattern"].removeprefix("^").removesuffix("$"))
MAX_ID_LENGTH: int = _DEFS["id"]["maxLength"]

# folder ("needs", "offers") -> status -> state
STATES: dict[str, dict[str, State]] = {
    folder: load_schemas().documents[kind]["properties"]["status"]["x-states"]
    for folder, kind in (("needs", "need"), ("offers", "offer"))
}

# pledge status -> state
PLEDGE_STATES: dict[str, PledgeState] = load_schemas().documents["pledge"]["properties"]["status"][
    "x-states"
]


def statuses(state: State, folders: tuple[str, ...] = tuple(STATES)) -> frozenset[str]:
    """The statuses in a state, of the records of some folders: statuses("open", ("needs",))."""
    return frozenset(
        s for folder in folders for s, in_state in STATES[folder].items() if in_state == state
    )


OPEN_NEEDS = statuses("open", ("needs",))
OPEN_OFFERS = statuses("open", ("offers",))
CLOSED = statuses("closed")
REVIEWED = statuses("open") | statuses("taken")  # what still asks its city for a review


def is_id(text: str) -> bool:
    """Whether a text can be a record's id (its file name without .yaml)."""
    return bool(ID_PATTERN.fullmatch(text)) and len(text) <= MAX_ID_LENGTH
