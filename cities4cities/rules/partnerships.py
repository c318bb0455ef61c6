"""The rules of partnerships (content/partnerships/) and of what a city seeking a partner says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..partnering import ENDED, is_current
from ..problems import Problem
from ..records import Dataset, Partnership
from .base import reference_problem, report, rule


@rule
def partnership_cities_are_registered(ds: Dataset, today: date) -> Iterator[Problem]:
    """A partnership names registered cities, each once, and its file name starts with the id
    of the first."""
    for partnership in ds.partnerships.values():
        seen: set[str] = set()
        for index, city in enumerate(partnership.cities):
            path = ("cities", index)
            if city in seen:
                yield report(
                    partnership,
                    path,
                    f'a city cannot be its own partner: "{city}" is listed twice; '
                    "name each partner city once",
                )
            elif problem := reference_problem(ds, partnership, path, city, "cities"):
                yield problem
            seen.add(city)
        first = partnership.cities[0]
        if not partnership.id.startswith(first + "-"):
            yield report(
                partnership,
                ("cities", 0),
                f'the file name "{partnership.id}.yaml" must start with the id of the first '
                f'city: "{first}-..."',
            )


@rule
def partnership_has_an_office_per_city(ds: Dataset, today: date) -> Iterator[Problem]:
    """Each contact office is one of the partner cities', and each partner city has one."""
    for partnership in ds.partnerships.values():
        offices = [city for city, _, _ in partnership.contacts]
        for index, city in enumerate(offices):
            if city not in partnership.cities:
                yield report(
                    partnership,
                    ("contacts", index, "city"),
                    f'"{city}" is not one of the partner cities '
                    f"({', '.join(partnership.cities)}); give the office of a partner city",
                )
        for city in partnership.cities:
            if city not in offices and city in ds.cities:
                yield report(
                    partnership,
                    ("contacts",),
                    f"no contact office of {city}; add one for each partner city",
                )


@rule
def no_duplicate_partnerships(ds: Dataset, today: date) -> Iterator[Problem]:
    """Two current partnerships of the same kind never join the same cities: a new project
    of the same cities goes into the partnership's projects."""
    first: dict[tuple[frozenset[str], str], Partnership] = {}
    for partnership in sorted(ds.partnerships.values(), key=lambda p: p.id):
        if not is_current(partnership):
            continue
        key = (frozenset(partnership.cities), partnership.kind)
        if (earlier := first.setdefault(key, partnership)) is not partnership:
            yield report(
                partnership,
                ("cities",),
                f"the same partnership as content/partnerships/{earlier.id}.yaml (the same "
                "cities, the same kind); "
                "add to that file instead, e.g. a joint project under projects",
            )


@rule
def partnership_dates_in_order(ds: Dataset, today: date) -> Iterator[Problem]:
    """since and ended are not in the future; ended is set exactly when the status is ended,
    and is not before since."""
    for partnership in ds.partnerships.values():
        for name, day in (("since", partnership.since), ("ended", partnership.ended)):
            if day and day > today:
                yield report(
                    partnership,
                    (name,),
                    f'"{day}" is in the future (today is {today}); use the day it happened',
                )
        if partnership.status == ENDED and partnership.ended is None:
            yield report(
                partnership,
                ("status",),
                "an ended partnership says when it ended: add ended: YYYY-MM-DD",
            )
        elif partnership.status != ENDED and partnership.ended is not None:
            yield report(
                partnership,
                ("ended",),
                f"the status is {partnership.status}: remove ended, or set the status to ended",
            )
        if partnership.ended and partnership.ended < partnership.since:
            yield report(
                partnership,
                ("ended",),
                f'"{partnership.ended}" is before since ("{partnership.since}"); '
                "a partnership ends after it begins",
            )


@rule
def partnership_records_are_its_cities(ds: Dataset, today: date) -> Iterator[Problem]:
    """The needs a partnership lists are of its cities, and its pledges are made by one of its
    cities to another's need."""
    for partnership in ds.partnerships.values():
        for index, need_id in enumerate(partnership.needs):
            path = ("needs", index)
            if problem := reference_problem(ds, partnership, path, need_id, "needs"):
                yield problem
            elif (need := ds.needs.get(need_id)) and need.city not in partnership.cities:
                yield report(
                    partnership, path, f'"{need_id}" is a need of {need.city}, not a partner city'
                )
        for index, pledge_id in enumerate(partnership.pledges):
            path = ("pledges", index)
            if problem := reference_problem(ds, partnership, path, pledge_id, "pledges"):
                yield problem
            elif (pledge := ds.pledges.get(pledge_id)) and (
                pledge.city not in partnership.cities
                or ((need := ds.needs.get(pledge.need)) and need.city not in partnership.cities)
            ):
                yield report(
                    partnership,
                    path,
                    f'"{pledge_id}" is not a pledge between the partner cities '
                    f"({', '.join(partnership.cities)})",
                )


@rule
def priority_project_only_in_ukraine(ds: Dataset, today: date) -> Iterator[Problem]:
    """Only a Ukrainian city seeking a partner names a priority project."""
    for city in ds.cities.values():
        if city.seeking and city.seeking.project and city.country != "UA":
            yield report(
                city,
                ("seeking_partnership", "priority_project"),
                "only Ukrainian cities name a priority project; say what your city brings "
                "(brings) and looks for (seeks) instead",
            )
