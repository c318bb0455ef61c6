"""The rules of pledges: a pledge is its city's, answers an open need of another city, names
the need's own items, promises no more than is still needed (or says whom it overlaps), keeps
its days in order, and its status only moves forward."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..pledging import count_items, item_index, pledges_by_need
from ..problems import Problem
from ..records import Dataset, Need, Pledge
from .base import city_problems, reference_problem, report, rule

SHOWN_ITEMS = 5  # of the need's items, in a message that lists them


@rule
def pledge_belongs_to_its_city(ds: Dataset, today: date) -> Iterator[Problem]:
    """A pledge names a registered city, its file name starts with that city's id, and the city
    pledges to the need of another city."""
    for pledge in ds.pledges.values():
        yield from city_problems(ds, pledge, pledge.city, "the id of the pledging city")
        need = ds.needs.get(pledge.need)
        if need is not None and need.city == pledge.city:
            yield report(
                pledge,
                ("city",),
                f'"{need.id}" is a need of {pledge.city} itself; a city pledges to the needs of '
                "other cities",
            )


@rule
def pledge_answers_an_open_need(ds: Dataset, today: date) -> Iterator[Problem]:
    """A pledge names a need of the directory, which is open (or in progress) while the help is
    still to come; an offer it names is the pledging city's own."""
    for pledge in ds.pledges.values():
        if problem := reference_problem(ds, pledge, ("need",), pledge.need, "needs"):
            yield problem
        elif (need := ds.needs.get(pledge.need)) is None:
            pass  # its file has errors, reported there
        elif need.is_closed and pledge.state == "promised":
            yield report(
                pledge,
                ("need",),
                f'"{need.id}" is {need.status}: it no longer asks for help; pledge to an open '
                "need, or set status cancelled",
            )
        if pledge.offer is None:
            continue
        if problem := reference_problem(ds, pledge, ("offer",), pledge.offer, "offers"):
            yield problem
        elif (offer := ds.offers.get(pledge.offer)) is not None and offer.city != pledge.city:
            yield report(
                pledge,
                ("offer",),
                f'"{offer.id}" is an offer of {offer.city}; name an offer of {pledge.city}, or '
                "leave offer out",
            )


@rule
def pledged_items_are_the_needs(ds: Dataset, today: date) -> Iterator[Problem]:
    """Each item pledged is one of the need's items, named as the need names it (in any of its
    languages) or by its number in the need's list, and pledged once; a pledge to a need that
    lists items says which of them it covers."""
    for pledge in ds.pledges.values():
        need = ds.needs.get(pledge.need)
        if need is None:
            continue  # reported by pledge_answers_an_open_need
        if not need.items:
            if pledge.items:
                yield report(
                    pledge,
                    ("items",),
                    f'"{need.id}" lists no items; leave items out and say what you bring in note',
                )
            continue
        if not pledge.items:
            yield report(
                pledge,
                ("items",),
                "say which of the need's items the pledge covers and how many: add items, "
                f"each with item and quantity; {need.id} asks for {_item_list(need)}",
                at=("need",),
            )
        seen: dict[int, int] = {}
        for position, entry in enumerate(pledge.items):
            index = item_index(need, entry.item)
            if index is None:
                yield report(
                    pledge,
                    ("items", position, "item"),
                    f'"{entry.item}" is not an item of {need.id}; name it as the need does, in '
                    f"any of its languages, or by its number: {_item_list(need)}",
                )
            elif index in seen:
                yield report(
                    pledge,
                    ("items", position, "item"),
                    f'"{entry.item}" is the same item as items[{seen[index]}]; pledge each '
                    "item once, with the whole quantity",
                )
            else:
                seen[index] = position


def _item_list(need: Need) -> str:
    """The need's items by number and name, as a message lists them."""
    shown = [
        f'{number} "{item.name.best("en")[1]}"'
        for number, item in enumerate(need.items[:SHOWN_ITEMS], start=1)
    ]
    more = len(need.items) - SHOWN_ITEMS
    return ", ".join(shown) + (f" and {more} more on its page" if more > 0 else "")


@rule
def pledge_within_what_is_still_needed(ds: Dataset, today: date) -> Iterator[Problem]:
    """A pledge not yet confirmed promises no more of an item than the need still lacks after
    the pledges made before it (a warning that names them): the second donor learns what the
    first one promised."""
    for entry in pledges_by_need(ds).values():
        need = entry.need
        earlier: list[Pledge] = []
        for pledge in entry.pledges:
            if pledge.is_on_the_way:
                yield from _beyond_what_is_needed(need, pledge, earlier)
            earlier.append(pledge)


def _beyond_what_is_needed(need: Need, pledge: Pledge, earlier: list[Pledge]) -> Iterator[Problem]:
    before = count_items(need, earlier)
    for position, entry in enumerate(pledge.items):
        index = item_index(need, entry.item)
        if index is None or entry.quantity <= before[index].still_needed:
            continue
        tally = before[index]
        others = [
            p.id
            for p in earlier
            if p.state != "void" and any(item_index(need, e.item) == index for e in p.items)
        ]
        counted = f"asked {tally.asked:g}, received {tally.received:g}"
        if others:
            counted += f", pledged before by {', '.join(others)}: {tally.pledged:g}"
        name, left = tally.item.name.best("en")[1], tally.still_needed
        instead = f"pledge {left:g} or less" if left else "leave this item out"
        message = (
            f'{entry.quantity:g} pledged is more than the {left:g} still needed of "{name}" '
            f"({counted}); {instead}, or agree on more with {need.city} first"
        )
        yield report(pledge, ("items", position, "quantity"), message, "warning")


@rule
def pledge_dates_in_order(ds: Dataset, today: date) -> Iterator[Problem]:
    """A pledge's days follow each other: the need is posted, then the pledge made (not in the
    future), expected no earlier than that; delivered after the pledge and confirmed after the
    delivery, neither in the future."""
    for pledge in ds.pledges.values():
        posted = pledge.posted
        for name, day in (
            ("posted", posted),
            ("delivered", pledge.delivered),
            ("confirmed", pledge.confirmed),
        ):
            if day and day > today:
                yield report(
                    pledge,
                    (name,),
                    f'"{day}" is in the future (today is {today}); use the day it actually '
                    "happened",
                )
        need = ds.needs.get(pledge.need)
        if need is not None and posted < need.posted:
            yield report(
                pledge,
                ("posted",),
                f'"{posted}" is before the need was posted ("{need.posted}"); a pledge comes '
                "after its need",
            )
        if pledge.expected < posted:
            yield report(
                pledge,
                ("expected",),
                f'"{pledge.expected}" is before the pledge ("{posted}"); expect the help on '
                "the day of the pledge or later",
            )
        if pledge.delivered and pledge.delivered < posted:
            yield report(
                pledge,
                ("delivered",),
                f'"{pledge.delivered}" is before the pledge ("{posted}"); a delivery comes after '
                "its pledge",
            )
        if pledge.delivered and pledge.confirmed and pledge.confirmed < pledge.delivered:
            yield report(
                pledge,
                ("confirmed",),
                f'"{pledge.confirmed}" is before delivered ("{pledge.delivered}"); a delivery is '
                "confirmed once it has arrived",
            )


@rule
def pledge_status_moves_forward(ds: Dataset, today: date) -> Iterator[Problem]:
    """The status agrees with the days recorded, as it only moves forward: delivered and
    confirmed give the day of delivery, confirmed the day of confirmation, and a pledge with
    the day of a later step has passed that step (warnings)."""
    for pledge in ds.pledges.values():
        status, state = pledge.status, pledge.state
        if state in ("arrived", "received") and pledge.delivered is None:
            yield report(
                pledge,
                ("status",),
                f"the status is {status} but no day of delivery is given; add delivered: "
                '"YYYY-MM-DD", the day the help arrived',
                "warning",
            )
        if status == "confirmed" and pledge.confirmed is None:
            yield report(
                pledge,
                ("status",),
                "the status is confirmed but no day of confirmation is given; add confirmed: "
                '"YYYY-MM-DD", the day the receiving city confirmed the delivery',
                "warning",
            )
        if state == "promised" and pledge.delivered:
            yield report(
                pledge,
                ("status",),
                f'"{status}" comes before the delivery recorded on "{pledge.delivered}", and a '
                "status only moves forward: set status delivered, or remove delivered if "
                "nothing has arrived",
                "warning",
            )
        elif status in ("delivered", "cancelled") and pledge.confirmed:
            yield report(
                pledge,
                ("status",),
                f'"{status}" does not follow the confirmation recorded on "{pledge.confirmed}", '
                "and a status only moves forward: set status confirmed, or remove confirmed",
                "warning",
            )


@rule
def pledge_not_overdue(ds: Dataset, today: date) -> Iterator[Problem]:
    """Help still to come arrives by its expected day (a warning once the day has passed; the
    weekly list of overdue records shows it too)."""
    for pledge in ds.pledges.values():
        if pledge.is_overdue(today):
            yield report(
                pledge,
                ("expected",),
                f'the expected day "{pledge.expected}" has passed and no delivery is recorded; '
                "set status on-the-way with a new expected day, delivered with its day, or "
                "cancelled",
                "warning",
            )
