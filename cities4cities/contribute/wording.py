"""The validator's problems with a record made from a form, said again for the person who filled
in the form, in its language: no file, folder or field names, no git.

The validator speaks to someone editing files (in English: `add content/cities/ua-x.yaml
first`). Most of what it checks is already asked by the form's questions, whose complaints are
translated (answers.py); what remains are the rules across records (rules.py) and the dates
around "today". Each is matched here by its field and its English message, and worded for the
form; a problem nothing matches is said in general terms (test_wording.py makes one of each
problem a form can cause, so a new rule without its wording here fails a test).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..messages import N_, Gettext
from ..problems import Problem


@dataclass(frozen=True)
class Wording:
    field: re.Pattern[str]  # the problem's field, dotted
    message: re.Pattern[str]  # the validator's message; its named groups fill the wording
    wording: str  # for the form, with %(name)s from the groups


def _w(field: str, message: str, wording: str) -> Wording:
    return Wording(re.compile(field), re.compile(message), wording)


_VALUE = r'"(?P<value>[^"]*)"'
WORDINGS: tuple[Wording, ...] = (
    _w(
        r"city|cities\[\d+\]|contacts\[\d+\]\.city",
        rf'{_VALUE} is not a city registered here; did you mean "(?P<suggestion>[^"]*)"\?',
        N_('"%(value)s" is not a city of the directory; did you mean "%(suggestion)s"?'),
    ),
    _w(
        r"city|cities\[\d+\]|contacts\[\d+\]\.city",
        rf"{_VALUE} is not a city registered here; add ",
        N_(
            '"%(value)s" is not a city of the directory yet; if the city is new, register it '
            "first with the form for a city, then send this one"
        ),
    ),
    _w(
        r"city|cities\[\d+\]|contacts\[\d+\]\.city",
        rf"{_VALUE} is (a need|an offer), not a city",
        N_('"%(value)s" is a need or an offer, not a city; write the id of the city'),
    ),
    _w(
        r"cities\[\d+\]",
        r"a city cannot be its own partner",
        N_("a city cannot be its own partner; remove it from the list"),
    ),
    _w(
        r"region",
        rf"{_VALUE} is not an ISO 3166-2 region code",
        N_('"%(value)s" is not the code of a region; look up the region\'s code, such as UA-74'),
    ),
    _w(
        r"region",
        rf"{_VALUE} \((?P<name>[^)]*)\) is a region of (?P<of>[A-Z]+), not of (?P<country>[A-Z]+)",
        N_('"%(value)s" (%(name)s) is a region of %(of)s, not of %(country)s'),
    ),
    _w(
        r"katottg",
        r"only Ukrainian cities have a KATOTTG code",
        N_("only Ukrainian cities have a KATOTTG code; leave this question empty"),
    ),
    _w(
        r"katottg",
        r"a Ukrainian city gives the KATOTTG code of its community",
        N_(
            "a Ukrainian city gives the code of its community in the codifier of Ukraine's "
            "communities (KATOTTG)"
        ),
    ),
    _w(
        r"katottg",
        rf"{_VALUE} is not in the KATOTTG codifier",
        N_('"%(value)s" is not in the codifier of Ukraine\'s communities (KATOTTG)'),
    ),
    _w(
        r"katottg",
        rf"{_VALUE} is the code of (an oblast|a raion|a district of a city) \((?P<name>[^)]*)\)",
        N_('"%(value)s" is the code of %(name)s, not of a community or a settlement'),
    ),
    _w(
        r"katottg",
        rf"{_VALUE} \((?P<name>[^)]*)\) lies in region (?P<region>\S+), not in (?P<own>[A-Z0-9-]+)",
        N_('"%(value)s" (%(name)s) lies in region %(region)s, not in the region of the city'),
    ),
    _w(
        r"katottg",
        rf"{_VALUE} is the code of (?P<name>.*), where the codifier has no settlement named "
        r'"(?P<city>[^"]*)"',
        N_('"%(value)s" is the code of %(name)s, which has no settlement named "%(city)s"'),
    ),
    _w(
        r"city",
        r"needs come from cities in",
        N_(
            "needs come from Ukrainian communities; a city in another country can publish an "
            "offer instead"
        ),
    ),
    _w(
        r"contact\.email",
        rf"{_VALUE} is at a free-mail provider",
        N_(
            '"%(value)s" is at a free e-mail service, where anyone can open an address: the page '
            "will say that the contact is not confirmed by the city. Please give an office "
            "address on the city's own domain"
        ),
    ),
    _w(
        r"contact\.email",
        rf"{_VALUE} is not on the official e-mail domains of \S+ \((?P<domains>[^)]*)\)",
        N_(
            '"%(value)s" is not on the official e-mail domains of the city (%(domains)s): the '
            "page will say that the contact is not confirmed by the city. Please give an address "
            "on those domains, or say in a comment if this domain is the city's own too"
        ),
    ),
    _w(
        r"contact\.email",
        r"declares no official e-mail domain",
        N_(
            "the city has no official e-mail domain in the directory (no e-mail domains, no "
            "website), so the page will say that the contact is not confirmed by the city"
        ),
    ),
    _w(
        r"email_domains\[\d+\]",
        rf"{_VALUE} is a free-mail provider",
        N_('"%(value)s" is a free e-mail service, not a domain of the city\'s own addresses'),
    ),
    _w(
        r".+",
        rf"{_VALUE} looks like (a bank account \(IBAN\)|a payment card number)",
        N_(
            '"%(value)s" looks like a bank account or card number. The directory passes on no '
            "money: a maintainer will confirm with the city, through its official contact, that "
            "the account is the city's own before publishing"
        ),
    ),
    _w(
        r"review_by",
        rf"{_VALUE} is not after posted",
        N_('"%(value)s" is not after today; choose a later review date'),
    ),
    _w(
        r"review_by",
        rf"{_VALUE} is more than a year after posted .*, by (?P<by>[0-9-]+)$",
        N_('"%(value)s" is more than a year from today; choose %(by)s or earlier'),
    ),
    _w(
        r"review_by",
        r"the review date .* has passed",
        N_("this date has passed; choose a later review date"),
    ),
    _w(
        r"status",
        r"a fulfilled need says how it was met",
        N_("a new need cannot be fulfilled already; choose open or in progress"),
    ),
    _w(
        r"items\[\d+\]\.received",
        r"(?P<received>\S+) received is more than the (?P<quantity>\S+) requested",
        N_("%(received)s received is more than the %(quantity)s asked for; correct one of them"),
    ),
    _w(
        r"title|name",
        r'the title is nearly the same as the (need|offer) "(?P<other>[^"]*)"',
        N_(
            'the title is nearly the same as that of "%(other)s", already in the directory; if '
            "it is the same request, there is no need to send it again"
        ),
    ),
    # Partnerships (rules/partnerships.py)
    _w(
        r"contacts\[\d+\]\.city",
        rf"{_VALUE} is not one of the partner cities",
        N_('"%(value)s" is not one of the partner cities; give the office of a partner city'),
    ),
    _w(
        r"contacts",
        r"no contact office of (?P<city>\S+);",
        N_("no contact office of %(city)s; add a line for the office of each partner city"),
    ),
    _w(
        r"cities",
        r"the same partnership as content/partnerships/(?P<other>[a-z0-9-]+)\.yaml",
        N_(
            'this partnership is in the directory already ("%(other)s"); ask in a comment to '
            "add to it, e.g. a joint project"
        ),
    ),
    _w(
        r"since",
        rf"{_VALUE} is in the future",
        N_('"%(value)s" is in the future; give the day the partnership was agreed or talks began'),
    ),
    _w(
        r"status",
        r"an ended partnership says when it ended",
        N_(
            "a partnership recorded as ended says when it ended: choose another status, or say "
            "the day in a comment"
        ),
    ),
    # Pledges (rules/pledges.py)
    _w(
        r"need|offer|needs\[\d+\]|pledges\[\d+\]",
        rf"{_VALUE} is not (a need|an offer|a pledge) registered here; "
        r'did you mean "(?P<suggestion>[^"]*)"',
        N_('"%(value)s" is not in the directory; did you mean "%(suggestion)s"?'),
    ),
    _w(
        r"need|offer|needs\[\d+\]|pledges\[\d+\]",
        rf"{_VALUE} is not (a need|an offer|a pledge) registered here; add ",
        N_(
            '"%(value)s" is not in the directory; copy the id from the end of the address of '
            "its page, such as ua-sumy-generators"
        ),
    ),
    _w(
        r"need|offer",
        rf"{_VALUE} is (a city|a need|an offer|a pledge), not (a need|an offer)",
        N_(
            '"%(value)s" is the id of another kind of record; copy the id of the need (or of '
            "your city's offer) from the address of its page"
        ),
    ),
    _w(
        r"offer",
        rf"{_VALUE} is an offer of (?P<city>[a-z0-9-]+); name an offer of (?P<own>[a-z0-9-]+)",
        N_(
            '"%(value)s" is an offer of %(city)s, not of %(own)s; give one of your own city\'s '
            "offers, or leave this empty"
        ),
    ),
    _w(
        r"city",
        rf"{_VALUE} is a need of (?P<city>\S+) itself",
        N_('"%(value)s" is a need of %(city)s itself: a city pledges to the needs of other cities'),
    ),
    _w(
        r"items\[\d+\]\.item",
        rf"{_VALUE} is not an item of \S+; .* by its number: (?P<items>.*)$",
        N_(
            "\"%(value)s\" is not one of the need's items; write its name as the need's page "
            "shows it, or its number in the list: %(items)s"
        ),
    ),
    _w(
        r"items\[\d+\]\.item",
        rf"{_VALUE} is the same item as items\[\d+\]",
        N_('"%(value)s" comes twice; pledge each item once, with the whole quantity'),
    ),
    _w(
        r"items",
        r"say which of the need's items the pledge covers .* asks for (?P<items>.*)$",
        N_(
            "say which of the need's items you pledge: one per line, its name or its number, "
            "then how many; the need asks for %(items)s"
        ),
    ),
    _w(
        r"items\[\d+\]\.quantity",
        r"(?P<pledged>\S+) pledged is more than the (?P<left>\S+) still needed of "
        r'"(?P<item>[^"]*)"',
        N_(
            '%(pledged)s pledged is more than the %(left)s still needed of "%(item)s"; pledge '
            "less, or agree on more with the city first"
        ),
    ),
    _w(
        r"expected",
        rf"{_VALUE} is before the pledge",
        N_('"%(value)s" is before today; choose the day by which the help should arrive'),
    ),
    _w(
        r"expected",
        rf"the expected day {_VALUE} has passed",
        N_('"%(value)s" has passed; choose the day by which the help should arrive'),
    ),
    _w(
        r"status",
        r"the status is (delivered|confirmed) but no day of",
        N_(
            "a new pledge is not delivered or confirmed yet; choose pledged or on the way, and "
            "change it when the help has arrived"
        ),
    ),
)
# What a message may end with, worded on its own and added to its wording.
ENDINGS: tuple[Wording, ...] = (
    _w(
        r"katottg",
        r"; for .+ in [A-Z]{2}-[A-Z0-9]+ the codifier has (?P<codes>.+)$",
        N_("for the city's name and region, the codifier has %(codes)s"),
    ),
)
IN_GENERAL = N_(
    "this answer does not pass the check; please look at it again, or ask a maintainer in a "
    "comment below"
)


def for_form(problem: Problem, gettext: Gettext) -> str:
    """The problem, worded for a form's user in the language of gettext."""
    for wording in WORDINGS:
        if wording.field.fullmatch(problem.field) and (
            found := wording.message.search(problem.message)
        ):
            said = gettext(wording.wording) % found.groupdict()
            return said + "".join(_endings(problem, gettext))
    return gettext(IN_GENERAL)


def _endings(problem: Problem, gettext: Gettext) -> list[str]:
    return [
        "; " + gettext(ending.wording) % found.groupdict()
        for ending in ENDINGS
        if ending.field.fullmatch(problem.field)
        and (found := ending.message.search(problem.message))
    ]


def has_wording(problem: Problem) -> bool:
    return any(
        w.field.fullmatch(problem.field) and w.message.search(problem.message) for w in WORDINGS
    )
