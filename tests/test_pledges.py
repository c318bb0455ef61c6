"""Pledges counted per item (pledging.py) and the rules that need more than one record to show:
a second pledge is told what the first one promised, a pledge to a closed need is refused."""

# ruff: noqa: RUF001 (Ukrainian item names)

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from cities4cities.facts import derive_facts
from cities4cities.matching import match
from cities4cities.matching.profiles import item_profiles
from cities4cities.overdue import as_markdown, as_text, overdue
from cities4cities.pledging import item_index, pledges_by_need
from cities4cities.validation import validate_content

PLEDGE = """need: ua-sumy-generators
city: {city}
items:
  - item: {item}
    quantity: {quantity}
status: {status}
posted: "{posted}"
expected: "2026-12-20"
{dates}contact:
  organisation:
    en: Partnership Office
  email: partnerships@lublin-city.example
  languages: [en]
"""


def pledge(content: Path, name: str, **answers: str) -> Path:
    values = {
        "city": "pl-lublin",
        "item": "Diesel generator 100 kW",
        "quantity": "1",
        "status": "pledged",
        "posted": "2026-10-05",
        "dates": "",
        **answers,
    }
    path = content / "pledges" / f"{name}.yaml"
    path.write_text(PLEDGE.format(**values), encoding="utf-8")
    return path


def problems_of(content: Path, path: Path) -> list[str]:
    result = validate_content(content, TODAY)
    return [
        f"{p.severity}: {p.field}: {p.message}" for p in result.problems if Path(p.path) == path
    ]


def test_an_item_is_found_by_any_of_its_names_or_its_number(content: Path) -> None:
    need = validate_content(content, TODAY).dataset.needs["ua-sumy-generators"]
    for written in (
        "Diesel generator 100 kW",
        "diesel  GENERATOR 100 kw",
        "Дизельний генератор 100 кВт",
        "1",
        "#1",
        "1.",
    ):
        assert item_index(need, written) == 0, written
    for written in ("Diesel generator", "2", "0", "generator 100 kW diesel", "١"):
        assert item_index(need, written) is None, written


def test_a_second_pledge_is_told_what_the_first_promised(content: Path) -> None:
    first = pledge(content, "pl-lublin-ua-sumy-generators", quantity="2")
    second = pledge(
        content,
        "pl-lublin-ua-sumy-generators-2",
        item="Дизельний генератор 100 кВт",
        posted="2026-10-09",
    )
    assert problems_of(content, first) == []
    assert problems_of(content, second) == [
        "warning: items[0].quantity: 1 pledged is more than the 0 still needed of "
        '"Diesel generator 100 kW" (asked 2, received 0, pledged before by '
        "pl-lublin-ua-sumy-generators: 2); leave this item out, or agree on more with ua-sumy "
        "first"
    ]


def test_what_is_still_needed_counts_confirmed_deliveries_once(content: Path) -> None:
    """A confirmed delivery is received (not pledged): the need's own `received` may already
    count it, so received is whichever is more; a cancelled pledge counts for nothing."""
    dates = 'delivered: "2026-11-01"\nconfirmed: "2026-11-02"\n'
    pledge(content, "pl-lublin-ua-sumy-generators", status="confirmed", dates=dates)
    pledge(content, "pl-lublin-ua-sumy-generators-2", status="cancelled", quantity="2")
    later = pledge(content, "pl-lublin-ua-sumy-generators-3", posted="2026-11-03")
    result = validate_content(content, TODAY)
    assert [p for p in result.problems if p.severity == "error"] == []
    tally = pledges_by_need(result.dataset)["ua-sumy-generators"].items[0]
    assert (tally.asked, tally.received, tally.pledged, tally.still_needed) == (2, 1, 1, 0)
    assert problems_of(content, later) == []  # 1 asked - 1 received = 1 left for it

    need = content / "needs" / "ua-sumy-generators.yaml"
    need.write_text(need.read_text().replace("received: 0", "received: 1"), encoding="utf-8")
    tally = pledges_by_need(validate_content(content, TODAY).dataset)["ua-sumy-generators"]
    assert tally.items[0].received == 1  # the city counted the delivery itself: not twice


@pytest.mark.parametrize(("status", "severity"), [("pledged", "error"), ("delivered", None)])
def test_help_still_to_come_goes_to_open_needs_only(
    content: Path, status: str, severity: str | None
) -> None:
    need = content / "needs" / "ua-sumy-generators.yaml"
    text = need.read_text().replace("status: open", "status: withdrawn")
    need.write_text(text, encoding="utf-8")
    dates = 'delivered: "2026-11-01"\n' if status == "delivered" else ""
    path = pledge(content, "pl-lublin-ua-sumy-generators", status=status, dates=dates)
    expected = (
        [
            'error: need: "ua-sumy-generators" is withdrawn: it no longer asks for help; pledge '
            "to an open need, or set status cancelled"
        ]
        if severity
        else []
    )
    assert problems_of(content, path) == expected


def test_a_pledge_to_a_need_whose_file_has_errors_is_checked_without_a_crash(
    content: Path,
) -> None:
    """The need's own file carries the message; the pledge adds none (it used to stop the
    validator with a KeyError)."""
    need = content / "needs" / "ua-sumy-generators.yaml"
    need.write_text(need.read_text().replace("status: open", "status: opened"), encoding="utf-8")
    path = pledge(content, "pl-lublin-ua-sumy-generators")
    result = validate_content(content, TODAY)
    assert [p.field for p in result.problems if Path(p.path) == need] == ["status"]
    assert problems_of(content, path) == []


def test_the_example_pledges_are_in_every_state() -> None:
    dataset = validate_content(ROOT / "content", TODAY).dataset
    statuses = sorted(p.status for p in dataset.pledges.values())
    assert set(statuses) == {"pledged", "on-the-way", "delivered", "confirmed", "cancelled"}
    assert 5 <= len(statuses) <= 8
    assert [p.id for p in dataset.pledges.values() if p.is_overdue(TODAY)] == [
        "pl-warsaw-ua-mykolaiv-school-kitchen-equipment"
    ]
    countries = {dataset.cities[p.city].country for p in dataset.pledges.values()}
    assert {"PL", "DE"} <= countries
    assert all(dataset.needs[p.need].city.startswith("ua-") for p in dataset.pledges.values())


def test_an_overdue_pledge_joins_the_weekly_list() -> None:
    dataset = validate_content(ROOT / "content", TODAY).dataset
    found = overdue(dataset, TODAY)
    assert [record.id for record in found] == ["pl-warsaw-ua-mykolaiv-school-kitchen-equipment"]
    body = as_markdown(found, TODAY, "owner/repo")
    assert (
        "| [Pledge to ua-mykolaiv-school-kitchen-equipment](https://github.com/owner/repo/blob/"
        "main/content/pledges/pl-warsaw-ua-mykolaiv-school-kitchen-equipment.yaml) | pledge | "
        "`pl-warsaw` | 2026-11-16 | 10 |" in body
    )
    assert "expected 2026-11-16 (10 days ago)" in as_text(found, TODAY)


def test_matching_counts_what_is_still_needed(content: Path) -> None:
    """A fully pledged item is no longer matched; a need whose every item is pledged gets no
    suggestion, and an offer a pledge names is not suggested to that need again."""
    example = validate_content(ROOT / "content", TODAY).dataset
    need = example.needs["ua-dnipro-humanitarian-warehouse-equipment"]
    left = pledges_by_need(example)[need.id].still_needed()
    assert left == (0, 2, 20, 8, 1)  # both forklifts and eight pallet trucks pledged
    names = [profile.item.name.best("en")[1] for profile in item_profiles(need, left)]
    assert "Electric forklift, 1.6–2 t" not in names and len(names) == 4

    assert match(validate_content(content, TODAY).dataset, TODAY).for_need["ua-sumy-generators"]
    pledge(content, "pl-lublin-ua-sumy-generators", quantity="2")
    assert match(validate_content(content, TODAY).dataset, TODAY).for_need == {
        "ua-sumy-generators": ()
    }


def test_a_confirmed_delivery_is_help_given(content: Path) -> None:
    """A confirmed pledge is a delivery: the need it fulfilled needs no other word on how, the
    cities helped one another, and the statistics count it."""
    dates = 'delivered: "2026-11-01"\nconfirmed: "2026-11-03"\n'
    pledge(content, "pl-lublin-ua-sumy-generators", quantity="2", status="confirmed", dates=dates)
    need = content / "needs" / "ua-sumy-generators.yaml"
    need.write_text(need.read_text().replace("status: open", "status: fulfilled"), "utf-8")
    result = validate_content(content, TODAY)
    assert result.problems == [], "\n".join(map(str, result.problems))
    facts = derive_facts(result.dataset)
    (delivery,) = facts.deliveries
    assert (delivery.pledge.id, delivery.days) == ("pl-lublin-ua-sumy-generators", 33)
    (met,) = facts.met
    assert met.offering_cities == ("pl-lublin",) and met.pledge_ids == (delivery.pledge.id,)
    assert (met.fulfilled, met.days) == (date(2026, 11, 3), 33)  # no `updated`: the delivery
    assert facts.helped["pl-lublin"] == {"ua-sumy"} and facts.helped_by["ua-sumy"] == {"pl-lublin"}
    total = facts.statistics.total
    assert (total.open_needs, total.needs_met, total.deliveries) == (0, 1, 1)
    assert facts.statistics.helped_by == {"PL": 1}
    assert facts.commitments["pl-lublin"] == facts.incoming["ua-sumy"] == (delivery.pledge,)
